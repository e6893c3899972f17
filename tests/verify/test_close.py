"""Stage 2, close (verify/close.py): word windows and diffs, on a few paragraphs and on
the real corpus."""

from __future__ import annotations

import pytest

from dsrqa.verify.close import Close, diff
from dsrqa.verify.words import tokens

from .helpers import CFG, tiny_tables

TABLES = tiny_tables(
    ("A", "Huawei built the cable in 2019 for Kenya."),
    ("A", "Then it built a data center."),
    ("B", "Alibaba opened a data center in Malaysia."),
)
CLOSE = Close(None, TABLES)  # type: ignore[arg-type]  # no citations here


def test_the_units_sharing_the_rarest_words_are_tried_first() -> None:
    assert CLOSE.candidate_units([t.norm for t in tokens("the cable for Kenya")], 5) == [0]
    assert CLOSE.candidate_units([t.norm for t in tokens("Malaysia data center")], 5) == [2, 1]
    assert CLOSE.candidate_units([t.norm for t in tokens("the of a")], 5) == []  # stopwords


def test_the_nearest_window_has_a_word_diff_in_the_texts_and_reports_words() -> None:
    text = "Huawei laid the cable in 2019 for Kenya"
    toks = tokens(text)
    win = CLOSE.best_window(CFG, text, toks, [0, 1, 2])
    assert win is not None and (win.unit, win.start, win.end, win.distance) == (0, 0, 8, 1)
    assert [(d.op, d.text, d.report) for d in diff(CLOSE.aligned(text, toks, win))] == [
        ("same", "Huawei", "Huawei"),
        ("changed", "laid", "built"),
        ("same", "the cable in 2019 for Kenya", "the cable in 2019 for Kenya"),
    ]


def test_a_text_running_on_across_a_break_is_near_only_in_the_joined_pair() -> None:
    text = "for Kenya. Then it built a big data center"
    toks = tokens(text)
    alone = CLOSE.best_window(CFG, text, toks, [0, 1])
    across = CLOSE.best_window(CFG, text, toks, TABLES.joins[0])
    assert alone is not None and alone.distance == 3
    assert across is not None and (across.unit, across.distance) == (3, 1)


@pytest.mark.integration
def test_one_word_changed_is_close_with_a_word_diff(qa) -> None:
    v = qa.verify("The 2000s and 2010s marked a period of slow growth for both tech giants.")
    assert v.verdict == "close" and not v.mismatches
    changed = [d for d in v.matches[0].diff if d.op != "same"]
    assert [(d.op, d.text, d.report) for d in changed] == [("changed", "slow", "rapid")]


@pytest.mark.integration
def test_a_hyphenated_word_changed_counts_as_one_word(qa) -> None:
    # "fast-rising" for "high-flying" and "quickly" for "suddenly": two words, four tokens
    v = qa.verify(
        "Previously fast-rising portions of its business, like advertising, quickly flatlined."
    )
    assert v.verdict == "close"
    assert v.reason == "2 word(s) differ from the report"


@pytest.mark.integration
def test_a_hyphenated_word_changed_before_the_last_word_counts_as_one_word(qa) -> None:
    # "overseas" for "cross-border": the window as long as the text would stop before
    # "activity" and count two words changed; the one through "activity" counts one
    v = qa.verify(
        "China's corporate advance in Southeast Asia was just as hampered by lockdowns and "
        "travel restrictions as every other overseas activity."
    )
    assert v.verdict == "close"
    assert v.reason == "2 word(s) differ from the report"


@pytest.mark.integration
def test_a_changed_last_word_is_aligned_as_changed_not_as_added(qa) -> None:
    # The report ends "in July 2019."; "2018" must be read against "2019", not as a word
    # added after a window that stops at "July".
    v = qa.verify("Australian firm Vocus Group began construction in July 2018.")
    assert v.verdict == "close"
    assert [m.message for m in v.mismatches] == ["text says July 2018; the report says July 2019"]

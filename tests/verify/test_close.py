"""Stage 2, close (verify/close.py), on the real corpus: word windows and diffs."""

from __future__ import annotations

import pytest


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

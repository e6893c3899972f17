"""Reversing words (rules/polarity/reversing.py)."""

from __future__ import annotations

import numpy as np

from dsrqa.config import Config
from dsrqa.text import is_content_word, stem
from dsrqa.verify.rules.polarity.context import ReportWords, TextWords
from dsrqa.verify.rules.polarity.reversing import negated, reversing

from ...helpers import CFG


def split(text: str) -> list[str]:
    return text.lower().replace("'", " ' ").split()


def near(text: str, cfg: Config = CFG) -> list[int]:
    return [int(r.reversed) for r in negated(split(text), cfg)]


def test_a_reversing_word_reaches_its_clause_a_contrast_only_what_it_denies() -> None:
    assert near("huawei did not lose its bid") == [0, 0, 0]  # a run of two: "won"
    assert near("leaders offered no reason why they rejected huawei") == [1, 1, 1, 1, 1]
    assert near("regulators turned down the bid") == [1, 1, 1]
    assert near("it didn't expand") == [1, 1]
    assert near("not only china but also japan") == [0, 0]
    assert near("not surprisingly the concept spread") == [0, 0, 0]
    assert near("came not from beijing but from hangzhou") == [0, 1, 0]  # says Hangzhou
    assert near("came from hangzhou rather than beijing") == [0, 0, 0, 1]
    assert near("beijing did not act . hangzhou did") == [1, 1, 0]  # a clause ends at "."


def test_how_far_a_reversing_word_reaches_is_the_configs() -> None:
    text = "not one of the many firms"  # content words: one, many, firms
    assert near(text) == [1, 1, 0]  # "firms" is five words past "not"
    assert near(text, Config(verify_reach=5)) == [1, 1, 1]
    run = "huawei did not quite lose its bid"  # "not" and "lose" two words apart: a run
    assert near(run) == [0, 0, 0, 0]
    assert near(run, Config(verify_reversing_run=1)) == [1, 1, 1, 1]


def test_the_first_word_of_the_run_is_the_cue() -> None:
    cues = [(int(r.reversed), r.cue) for r in negated(split("they rejected huawei"), CFG)]
    assert cues == [(0, ""), (1, "rejected")]  # a reversing word does not reach itself


def words(text: str) -> tuple[list[str], list[str]]:
    w = split(text)
    return w, [stem(x) for x in w if is_content_word(x)]


def as_text(text: str) -> TextWords:
    w, _ = words(text)
    return TextWords(w, np.zeros((len(w), 4), dtype=np.float32), negated(w, CFG))


def as_report(text: str) -> ReportWords:
    w, stems = words(text)
    return ReportWords(
        set(w), negated(w, CFG), stems, [np.zeros((len(stems), 4), dtype=np.float32)]
    )


def test_shared_words_reversed_on_one_side_only_say_the_opposite() -> None:
    assert reversing(as_text("huawei lost its bid"), as_report("huawei won its bid"), CFG) == (
        "the text says 'lost' where the report does not"
    )
    assert reversing(as_text("huawei won its bid"), as_report("huawei lost its bid"), CFG) == (
        "the report says 'lost' where the text does not"
    )


def test_an_even_run_or_both_sides_reversed_is_no_opposite() -> None:
    report = as_report("huawei won its bid")
    assert reversing(as_text("huawei did not lose its bid"), report, CFG) == ""
    both = as_report("regulators rejected the huawei bid")
    assert reversing(as_text("regulators turned down the huawei bid"), both, CFG) == ""

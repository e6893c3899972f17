"""Words for their opposites (rules/polarity/opposites.py)."""

from __future__ import annotations

import numpy as np

from dsrqa.verify.rules.polarity.context import ReportWords, TextWords
from dsrqa.verify.rules.polarity.opposites import opposites

from ...helpers import CFG


def check(text: str, report: str) -> str:
    tw = TextWords(text.split(), np.zeros((0, 4)), [])
    return opposites(tw, ReportWords(set(report.split()), [], [], []), CFG)


def test_a_word_where_the_report_says_its_opposite_says_the_opposite() -> None:
    assert check("among the smallest firms", "among the largest firms") == (
        "the text says 'smallest' where the report says 'largest'"
    )
    assert check("it came after the deal", "it came before the deal") == (
        "the text says 'after' where the report says 'before'"
    )


def test_no_opposite_when_either_side_says_both_or_neither_says_one() -> None:
    assert check("the smallest and largest firms", "among the largest firms") == ""
    assert check("among the smallest firms", "the smallest and the largest firms") == ""
    assert check("among the big firms", "among the firms") == ""

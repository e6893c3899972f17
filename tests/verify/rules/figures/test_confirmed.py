"""A figure the report confirms (rules/figures/confirmed.py)."""

from __future__ import annotations

from dsrqa.quantities import quantities
from dsrqa.verify.rules.figures.confirmed import confirmed


def one(text: str):  # type: ignore[no-untyped-def]
    (q,) = quantities(text)
    return q


def test_the_same_value_in_other_words_confirms_a_figure() -> None:
    assert confirmed(one("$1.1 billion"), quantities("1.1 billion dollars in 2019"))
    assert confirmed(one("in 2020"), quantities("in March 2020"))


def test_a_part_of_a_year_is_decided_by_the_part_the_report_gives() -> None:
    said = quantities("in 2020, and by early 2020 it peaked")
    assert not confirmed(one("late 2020"), said)
    assert confirmed(one("early 2020"), said)
    assert confirmed(one("late 2020"), quantities("in 2020 it peaked"))


def test_a_decade_confirms_no_year_and_another_value_nothing() -> None:
    assert not confirmed(one("in 2020"), quantities("the 2020s"))
    assert confirmed(one("the 2020s"), quantities("the 2020s"))
    assert not confirmed(one("$1.4 billion"), quantities("$1.1 billion"))

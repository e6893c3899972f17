"""A report figure that can stand against a text's (rules/figures/rivals.py)."""

from __future__ import annotations

from dsrqa.config import Config
from dsrqa.quantities import quantities
from dsrqa.verify.rules.figures.rivals import rival

CFG = Config()


def one(text: str):  # type: ignore[no-untyped-def]
    (q,) = quantities(text)
    return q


def test_figures_of_one_kin_are_rivals() -> None:
    assert rival(one("$180 million"), one("$175 million"), CFG)
    assert rival(one("in 2019"), one("in March 2018"), CFG)
    assert rival(one("40 percent"), one("half of it"), CFG)


def test_a_bare_small_count_is_no_rival_of_an_amount() -> None:
    assert not rival(one("two"), one("$200 billion"), CFG)
    assert rival(one("5,000"), one("$200 billion"), CFG)
    assert not rival(one("5,000"), one("$200 billion"), Config(verify_amount_count=10_000))


def test_other_kinds_and_a_decade_against_a_year_are_no_rivals() -> None:
    assert not rival(one("in 2019"), one("the 2010s"), CFG)
    assert not rival(one("40 percent"), one("$40 million"), CFG)
    assert not rival(one("ranks 62nd"), one("62 countries"), CFG)

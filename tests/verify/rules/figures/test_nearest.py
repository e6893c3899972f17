"""The report figure named against a wrong one (rules/figures/nearest.py)."""

from __future__ import annotations

from dsrqa.config import Config
from dsrqa.quantities import quantities
from dsrqa.verify.rules.figures.nearest import around, distance, fit, nearest

CFG = Config()
TEXT = (
    "Only about 46 percent of Malaysians were online in 2010, but more than 80 percent "
    "have internet access as of 2022."
)
QUOTE = (
    "As of 2022, over 80 percent of Malaysians had access to the internet, and according "
    "to surveys, nearly 90 percent of that connected cohort had access to a smartphone. "
    "Malaysia's technology demographics have improved by leaps and bounds over the past "
    "decade—in 2010, only 56 percent of the population was online—and today"
)


def test_the_rival_figure_named_is_the_one_among_the_same_words() -> None:
    q = quantities(TEXT)[0]
    rivals = [r for r in quantities(QUOTE) if r.kind == "percent" and r.value != 80]
    assert nearest(q, TEXT, rivals, QUOTE, CFG) == "56 percent"
    assert fit(q, TEXT, rivals[1], QUOTE, CFG) > fit(q, TEXT, rivals[0], QUOTE, CFG)


def test_among_rivals_in_no_shared_words_the_nearest_in_value_is_named() -> None:
    text, quote = "it cost $29,000", "one cost $11,200 and one $31,000"
    (q,) = quantities(text)
    assert nearest(q, text, quantities(quote), quote, CFG) == "$31,000"
    assert distance(29_000, 31_000) < distance(29_000, 11_200)
    assert distance(0, 5) == 5


def test_the_words_around_a_figure_stop_at_its_clause() -> None:
    q80 = quantities(TEXT)[2]
    words = around(TEXT, q80, 60)
    assert "internet" in words and "malaysian" not in words and "2010" not in words

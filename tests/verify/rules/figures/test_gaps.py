"""Figures of the text a sentence contradicts or lacks (rules/figures/gaps.py)."""

from __future__ import annotations

from dsrqa.verify.rules.figures.gaps import figure_gaps
from dsrqa.verify.words import figures

from ...helpers import CFG


def gaps(text: str, quote: str) -> tuple[list[tuple[str, str]], list[str]]:
    found = figure_gaps(text, quote, figures(quote), CFG)
    return [(m.claim, m.report) for m in found.mismatches], found.missing


def test_a_figure_the_sentence_gives_otherwise_is_listed_against_it() -> None:
    assert gaps(
        "Huawei signed a $180 million deal in 2019", "Huawei signed a $175 million deal in 2019"
    ) == (
        [("$180 million", "$175 million")],
        [],
    )


def test_a_figure_the_sentence_lacks_is_missing_and_one_it_gives_confirmed() -> None:
    assert gaps("Huawei signed a deal in 2019", "Huawei signed a deal") == ([], ["2019"])
    assert gaps("a 175 million dollar deal in 2019", "a $175 million deal in 2019") == ([], [])


def test_a_report_figure_that_confirms_one_of_the_texts_is_no_rival_of_another() -> None:
    # 2018 is nearer 2016 in value, but it gives the text's own 2018
    assert gaps("in 2018 and in 2016", "in 2018 and in 2010") == ([("2016", "2010")], [])
    # $5 million gives the text's cable: it is not named against the port's $6 million,
    # though it stands in the port's sentence
    text = "It paid $6 million for the port. The cable cost $5 million."
    quote = "It paid $5 million for the port. The cable cost $9 million."
    assert gaps(text, quote) == ([("$6 million", "$9 million")], [])

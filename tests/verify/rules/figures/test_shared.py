"""A sentence that gives one of the text's figures (rules/figures/shared.py)."""

from __future__ import annotations

from dsrqa.quantities import quantities
from dsrqa.verify.rules.figures.shared import share_figure


def test_a_sentence_giving_one_of_the_texts_figures_is_on_the_same_thing() -> None:
    text = quantities("50% of revenue by 2027")
    assert share_figure(text, tuple(quantities("40% of its revenue by 2027")))


def test_no_figure_in_common_or_only_a_network_generation_is_not() -> None:
    assert not share_figure(quantities("50% by 2027"), tuple(quantities("40% by 2030")))
    assert not share_figure(quantities("its 5G push"), tuple(quantities("5G networks")))

"""Figures changed in a close match (rules/figures/window.py)."""

from __future__ import annotations

from dsrqa.verify.rules.figures.window import window_figures

from ...helpers import align, reading


def changed(text: str, report: str) -> list[str]:
    return [m.message for m in window_figures(align(text, report), reading())]


def test_a_changed_figure_is_listed_with_the_reports_at_its_place() -> None:
    assert changed("Huawei paid $180 million for it", "Huawei paid $175 million for it") == [
        "text says $180 million; the report says $175 million"
    ]
    assert changed("began construction in July 2018.", "began construction in July 2019.") == [
        "text says July 2018; the report says July 2019"
    ]


def test_the_same_figure_in_other_words_or_an_unchanged_one_is_not_listed() -> None:
    assert (
        changed("Huawei paid 175 million dollars for it", "Huawei paid $175 million for it") == []
    )
    assert changed("In 2019 Huawei quickly paid", "In 2019 Huawei slowly paid") == []


def test_a_figure_with_none_at_its_place_is_listed_against_nothing() -> None:
    assert changed("Huawei paid in 2019 for it", "Huawei paid for it") == [
        "text says 2019; the report says nothing of it"
    ]

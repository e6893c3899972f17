"""Word edits counted as written (rules/edits.py)."""

from __future__ import annotations

from dsrqa.verify.rules.edits import of_figure, written_edits
from dsrqa.verify.words import Tok

from ..helpers import align


def test_a_hyphenated_word_changed_is_one_word() -> None:
    text = "Previously fast-rising portions of its business quickly flatlined"
    report = "Previously high-flying portions of its business suddenly flatlined"
    assert written_edits(align(text, report)) == 2


def test_a_figure_put_for_a_figure_is_one_word() -> None:
    assert (
        written_edits(align("a new half-billion-dollar AI park", "a new $500 million AI park")) == 1
    )
    assert written_edits(align("sixteen countries", "16 countries")) == 1


def test_a_word_put_for_a_figure_or_a_figure_dropped_counts_its_words() -> None:
    assert written_edits(align("a new big AI park", "a new $500 million AI park")) == 3
    assert written_edits(align("Huawei signs an MOU", "May 2015: Huawei signs an MOU")) == 2
    assert written_edits(align("same words here", "same words here")) == 0


def test_the_words_of_a_figure() -> None:
    assert (
        of_figure(Tok("500", 0, 3))
        and of_figure(Tok("million", 0, 7))
        and of_figure(Tok("$", 0, 1))
    )
    assert not of_figure(Tok("park", 0, 4))

"""Figure rules: whether the report gives every figure of the text, and which of its
figures a wrong one is listed against.

- ``WINDOW``: ``(Aligned, Reading) -> list[Mismatch]``, figures the close stage's word
  alignment changes (``window.py``).
- ``figure_gaps`` (``gaps.py``): the by-meaning stage's check of a sentence, built from
  ``confirmed``, ``rivals`` and ``nearest``; ``share_figure`` tells a sentence on the
  same thing; ``kinds.kin`` which kinds of figure can stand for each other.
"""

from __future__ import annotations

from collections.abc import Callable

from ...results import Mismatch
from ..base import Aligned, Reading
from .gaps import FigureGaps, figure_gaps
from .shared import share_figure
from .window import window_figures

WindowRule = Callable[[Aligned, Reading], list[Mismatch]]

WINDOW: dict[str, WindowRule] = {
    "window_figures": window_figures,
}

__all__ = ["WINDOW", "FigureGaps", "figure_gaps", "share_figure"]

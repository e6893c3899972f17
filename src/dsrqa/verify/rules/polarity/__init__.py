"""Polarity rules: whether the text says the opposite of its sentence. Each rule is
``(TextWords, ReportWords, Config) -> str``, the reason it says the opposite or ""; they
are tried in the order of ``POLARITY`` and the first reason stands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .context import Polarity, Reach, ReportWords, TextWords
from .opposites import opposites
from .reversing import negated, reversing

if TYPE_CHECKING:
    from ....config import Config

PolarityRule = Callable[[TextWords, ReportWords, "Config"], str]

POLARITY: dict[str, PolarityRule] = {
    "opposites": opposites,
    "reversing": reversing,
}

__all__ = ["POLARITY", "Polarity", "Reach", "ReportWords", "TextWords", "negated"]

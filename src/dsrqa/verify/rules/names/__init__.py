"""Name rules: whether the report side says every name of the text, and no other.

Three shapes, each with its registry:

- ``SAID_ALWAYS`` / ``SAID_UNLESS_DROPPED`` (``unsaid.py``): ``(NameAt, NameCtx) -> bool``,
  does the report side say this name of the text (in some form, by its initials, ...)?
- ``GAPS``: ``(text, NameCtx) -> list[str]``, the text's names the report side lacks.
- ``WINDOW``: ``(Aligned, Reading) -> list[Mismatch]``, names the close stage's word
  alignment puts in place of the report's.
"""

from __future__ import annotations

from collections.abc import Callable

from ...results import Mismatch
from ..base import Aligned, Reading
from .context import NameCtx
from .reordered import names_reordered
from .swaps import name_swaps
from .unsaid import SAID_ALWAYS, SAID_UNLESS_DROPPED, unsaid_names

GapRule = Callable[[str, NameCtx], list[str]]
WindowRule = Callable[[Aligned, Reading], list[Mismatch]]

GAPS: dict[str, GapRule] = {
    "unsaid_names": unsaid_names,
    "reordered_names": names_reordered,
}
WINDOW: dict[str, WindowRule] = {
    "name_swaps": name_swaps,
}

__all__ = ["GAPS", "SAID_ALWAYS", "SAID_UNLESS_DROPPED", "WINDOW"]

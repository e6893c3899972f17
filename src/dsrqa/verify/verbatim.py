"""Stage 1, ``verbatim``: the text's words occur, in order, in one unit of a report (a
quote may run on across a paragraph break within a section). An ellipsis splits the text
into parts that must match in that order, each starting in the paragraph where the one
before it ends or in the next. Every place it occurs is listed."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..types import Verdict
from .citing import unit_match
from .results import Verification
from .words import ELLIPSIS, repair, same_word, tokens

if TYPE_CHECKING:
    from ..config import Config
    from ..index import Index
    from .tables import Tables


class At(NamedTuple):
    """A token of a unit."""

    unit: int
    pos: int


class Place(NamedTuple):
    """Where a text occurs word for word: its first word (unit, token) and the token after
    its last one, in the same unit or a later paragraph of the section."""

    unit: int
    start: int
    end_unit: int
    end: int


class Verbatim:
    """The verbatim stage over one index's tables."""

    def __init__(self, index: Index, tables: Tables) -> None:
        self.index = index
        self.tables = tables

    def check(self, cfg: Config, text: str, id: str | None) -> Verification | None:
        """``verbatim`` with every place (the text as written, then repaired), or None."""
        for variant in dict.fromkeys([text, repair(text)]):
            found = places(self.tables, variant)
            if found:
                matches = tuple(
                    unit_match(
                        self.index, self.tables, p.unit, p.start, p.end, 1.0, last=p.end_unit
                    )
                    for p in found
                )
                return Verification(
                    text,
                    Verdict.VERBATIM,
                    matches[: cfg.verify_max_matches],
                    (),
                    f"found word for word in {len(found)} place(s)",
                    id,
                )
        return None


def places(tables: Tables, text: str) -> list[Place]:
    """Where all ellipsis-separated parts match in order. A part after an ellipsis starts
    in the paragraph where the one before it ends, or in the next one."""
    parts = [[t.norm for t in tokens(p)] for p in ELLIPSIS.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return []
    found = []
    for ui, pos in _starts(tables, parts[0]):
        end = _run_on(tables, ui, parts[0], pos)
        for part in parts[1:]:
            if end is None:
                break
            uj, since = end
            tries = [(uj, at) for at in range(since, len(tables.units[uj].norms))]
            if uj in tables.next_unit:  # or in the next paragraph
                nxt = tables.next_unit[uj]
                tries += [(nxt, at) for at in range(len(tables.units[nxt].norms))]
            end = next((e for u, at in tries if (e := _run_on(tables, u, part, at))), None)
        if end is not None:
            found.append(Place(ui, pos, *end))
    return found


def _starts(tables: Tables, head: list[str]) -> list[At]:
    """Where the first part may start: back from each place of its rarest word (fewest
    places to try), or, when every word of it lost a ligature, anywhere in a paragraph."""
    anchors = [i for i, w in enumerate(head) if "\ufffd" not in w]
    if not anchors:
        return [
            At(ui, pos)
            for ui, u in enumerate(tables.units[: tables.paragraphs])
            for pos in range(len(u.norms))
        ]
    at = min(anchors, key=lambda i: len(tables.first.get(head[i], [])))
    return [b for ui, pos in tables.first.get(head[at], []) if (b := _back(tables, ui, pos, at))]


def _run_on(tables: Tables, ui: int, part: list[str], pos: int) -> At | None:
    """Where ``part`` ends (unit, token after it) when it matches from token ``pos``
    of unit ``ui``, running on into the section's next paragraph (an analyst quotes
    across a paragraph break too), or None."""
    done = 0
    while True:
        norms = tables.units[ui].norms
        n = min(len(part) - done, len(norms) - pos)
        if not all(same_word(part[done + k], norms[pos + k]) for k in range(n)):
            return None
        done += n
        if done == len(part):
            return At(ui, pos + n)
        if ui not in tables.next_unit:
            return None
        ui, pos = tables.next_unit[ui], 0


def _back(tables: Tables, ui: int, pos: int, k: int) -> At | None:
    """The token ``k`` before token ``pos`` of unit ``ui``, across paragraph breaks."""
    while pos < k:
        if ui not in tables.prev_unit:
            return None
        k -= pos
        ui = tables.prev_unit[ui]
        pos = len(tables.units[ui].norms)
    return At(ui, pos - k)

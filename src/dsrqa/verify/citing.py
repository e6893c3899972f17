"""Citations of report text: a run of a unit's tokens (verbatim and close matches, which
may run on across a paragraph break) as a ``Match`` with raw lines and offsets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Citation
from .results import DiffOp, Match

if TYPE_CHECKING:
    from ..index import Index
    from .tables import Tables


def cite(
    index: Index,
    report: str,
    section: str,
    chars: tuple[int, int],
    lines: tuple[int, int],
    quote: str,
) -> Citation:
    """The citation of ``quote`` at raw ``chars`` (``lines``) of a report."""
    return Citation.of(index.catalog.get(report), section, chars, lines, quote)


def unit_match(
    index: Index,
    tables: Tables,
    ui: int,
    start: int,
    end: int,
    score: float,
    diff: tuple[DiffOp, ...] = (),
    last: int | None = None,
) -> Match:
    """A match for tokens ``start..end`` of unit ``ui`` (``end`` of unit ``last``
    when it runs on past a paragraph break), with raw lines and offsets."""
    last = ui if last is None else last
    unit, tail = tables.units[ui], tables.units[last]
    a, b = unit.toks[start].start, tail.toks[end - 1].end
    paragraphs = [unit.text[a:]] if tail is not unit else [unit.text[a:b]]
    while ui != last:
        ui = tables.next_unit[ui]
        paragraphs.append(tables.units[ui].text[: b if ui == last else None])
    quote = "\n".join(paragraphs)
    doc = index.document(unit.report)
    raw_a, raw_b = unit.offsets[a], tail.offsets[b - 1] + 1
    lines = (doc.line_of(raw_a), doc.line_of(raw_b - 1))
    return Match(cite(index, unit.report, unit.section, (raw_a, raw_b), lines, quote), score, diff)

"""Citations of report text: a run of a unit's tokens (close matches) or of a stream's
words (verbatim matches) as a ``Match`` with raw lines and offsets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..types import Citation
from .results import DiffOp, Match

if TYPE_CHECKING:
    from ..index import Index
    from .streams import Stream
    from .tables import Tables

BLANK_LINES = re.compile(r"\s*\n[^\S\n]*\n\s*")


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
) -> Match:
    """A match for tokens ``start..end`` of unit ``ui``, with raw lines and offsets."""
    unit = tables.units[ui]
    a, b = unit.toks[start].start, unit.toks[end - 1].end
    doc = index.document(unit.report)
    raw_a, raw_b = unit.offsets[a], unit.offsets[b - 1] + 1
    lines = (doc.line_of(raw_a), doc.line_of(raw_b - 1))
    quote = unit.text[a:b]
    return Match(cite(index, unit.report, unit.section, (raw_a, raw_b), lines, quote), score, diff)


def span_match(
    index: Index, tables: Tables, stream: Stream, start: int, end: int, score: float
) -> Match:
    """A match for words ``start..end`` of a stream: from the first character of its first
    word to the last of its last; quoted as the cleaned units say it (a line break between
    two), or, in the file stream, as the file does (its line wraps as spaces)."""
    spans = stream.spans[start:end]
    a, b = min(s for s, _ in spans), max(e for _, e in spans)
    doc = index.document(stream.report)
    lines = (doc.line_of(a), doc.line_of(b - 1))
    quote = span_quote(tables, stream, start, end, doc.raw)
    section = stream.sections[start]
    return Match(cite(index, stream.report, section, (a, b), lines, quote), score)


def span_quote(tables: Tables, stream: Stream, start: int, end: int, raw: str) -> str:
    """Words ``start..end`` of a stream as the cleaned units say them (a line break between
    two units), or, in a file's stream, as ``raw`` does (line wraps as spaces)."""
    if stream.at is None:
        a, b = (
            min(s for s, _ in stream.spans[start:end]),
            max(e for _, e in stream.spans[start:end]),
        )
        return "\n".join(" ".join(p.split()) for p in BLANK_LINES.split(raw[a:b]))
    at = stream.at[start:end]
    pieces: list[str] = []
    units = list(dict.fromkeys(ui for ui, _a, _b in at))
    for k, ui in enumerate(units):
        text = tables.units[ui].text
        a = at[0][1] if k == 0 else 0
        b = at[-1][2] if k == len(units) - 1 else len(text)
        pieces.append(text[a:b])
    return "\n".join(pieces)

"""The units verify matches words in: each report's cleaned paragraphs (and table rows
and timeline entries), then the raw lines no cleaned unit holds (headings, table
headers, captions, the cover), each with its folded tokens and raw offsets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .words import Tok, tokens

if TYPE_CHECKING:
    from ..corpus import Document


@dataclass(frozen=True)
class Unit:
    """A paragraph, row, entry or left-out line of a report, as words to match."""

    report: str
    section: str
    text: str
    offsets: tuple[int, ...]  # the raw offset of each character of ``text``
    toks: list[Tok]
    norms: list[str]
    indexed: bool = True  # False for raw lines no cleaned unit holds


class LeftOut(NamedTuple):
    """A run of raw lines no cleaned unit holds, under the section of the unit after it."""

    heading: str
    text: str
    offsets: tuple[int, ...]


def units_of(doc: Document, report: str) -> list[Unit]:
    """A report's cleaned units, then its left-out lines."""
    pieces = [(u.heading, u.text, u.offsets, True) for u in doc.units]
    pieces += [(h, text, offsets, False) for h, text, offsets in left_out(doc)]
    out = []
    for heading, text, offsets, indexed in pieces:
        toks = tokens(text)
        out.append(Unit(report, heading, text, offsets, toks, [t.norm for t in toks], indexed))
    return out


def joined(a: Unit, b: Unit) -> Unit:
    """Two paragraphs of a section as one, a line break between: a text may run on
    across the break with a word changed."""
    shift = len(a.text) + 1
    toks = a.toks + [Tok(t.norm, t.start + shift, t.end + shift) for t in b.toks]
    offsets = (*a.offsets, a.offsets[-1] + 1, *b.offsets)
    return Unit(a.report, a.section, f"{a.text}\n{b.text}", offsets, toks, a.norms + b.norms)


def left_out(doc: Document) -> list[LeftOut]:
    """Raw lines no cleaned unit holds (headings, table headers, captions, the cover),
    run by run, as they stand: not indexed for questions, but a quote of a heading is
    still in the report. Each gets the section of the unit after it."""
    covered: set[int] = set()
    for u in doc.units:
        covered.update(u.offsets)
    after = sorted((u.offsets[0], u.heading) for u in doc.units if u.offsets)
    out: list[LeftOut] = []
    run: list[int] = []
    pos = 0
    for line in doc.raw.split("\n") + [""]:
        span = range(pos, pos + len(line))
        if line.strip() and not any(p in covered for p in span if not doc.raw[p].isspace()):
            run += [*span, pos + len(line)] if pos + len(line) < len(doc.raw) else [*span]
        elif run:
            kept = [p for i, p in enumerate(run) if not (i and _blank(doc.raw, run[i - 1], p))]
            while kept and doc.raw[kept[-1]].isspace():
                kept.pop()
            text = "".join(" " if doc.raw[p].isspace() else doc.raw[p] for p in kept)
            i = bisect.bisect_left(after, (run[0], ""))
            heading = after[min(i, len(after) - 1)][1] if after else ""
            out.append(LeftOut(heading, text, tuple(kept)))
            run = []
        pos += len(line) + 1
    return out


def _blank(raw: str, before: int, at: int) -> bool:
    """A space after a space: runs of spaces and line breaks read as one."""
    return raw[before].isspace() and raw[at].isspace()

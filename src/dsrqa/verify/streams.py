"""The words of each report in reading order, for the verbatim stage: a text is the
report's own when its words are a run of one of these streams, whatever paragraph
breaks, headings, page breaks or sections lie between.

- the cleaned stream of a report: its cleaned units (paragraphs, rows, entries) one after
  the other, as the index splits them into sentences; each raw line no cleaned unit holds
  (a heading, a table header, the cover) is a stream of its own;
- the file stream of a report: the words of the raw file as a reader selects and copies
  them (running headers, note numbers and words broken at a line's end included).

Each word keeps its raw offsets, so a run is cited at its lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .words import CONTROLS, Tok, tokens

if TYPE_CHECKING:
    from ..corpus import Document
    from .units import Unit

BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# A note number glued to a word or a year: "momentum.4", "in 2019.12" (never a decimal)
GLUED = re.compile(r"([a-z0-9\ufffd]*[a-z\ufffd][a-z0-9\ufffd]*|(?:19|20)\d\d(?=[.,]\d{1,3}$))[.,]")


def words(toks: list[Tok]) -> list[Tok]:
    """The tokens as the verbatim stage compares them: a note number glued to a word or
    a year is a word of its own, so a text may end before it or take it in."""
    out = []
    for t in toks:
        m = GLUED.match(t.norm) if "." in t.norm or "," in t.norm else None
        if m is None:
            out.append(t)
            continue
        head = m.group(1)
        out.append(Tok(head, t.start, t.start + len(head)))
        out.append(Tok(t.norm[m.end() :].replace(",", ""), t.start + m.end(), t.end))
    return out


@dataclass(frozen=True)
class Stream:
    """One report's words in one reading order."""

    report: str
    norms: list[str]  # each word, folded
    spans: list[tuple[int, int]]  # each word's raw offsets (start, end)
    part: list[int]  # each word's paragraph: a part after an ellipsis starts in the same or next
    sections: list[str]  # each word's section
    at: list[tuple[int, int, int]] | None = None  # each word's unit and span in its text


@dataclass(frozen=True)
class Streams:
    """Streams and where each word stands in them: (stream, position)."""

    streams: list[Stream]
    first: dict[str, list[tuple[int, int]]]

    @classmethod
    def of(cls, streams: list[Stream]) -> Streams:
        first: dict[str, list[tuple[int, int]]] = {}
        for si, stream in enumerate(streams):
            for pos, norm in enumerate(stream.norms):
                first.setdefault(norm, []).append((si, pos))
        return cls(streams, first)


def cleaned_streams(units: list[Unit], count: int) -> Streams:
    """For each report, its cleaned units in order as one stream; each left-out line as
    one stream. ``units[:count]`` are the paragraphs and left-out lines."""
    out: list[Stream] = []
    reports = dict.fromkeys(unit.report for unit in units[:count])
    for report in reports:
        mine = [ui for ui, unit in enumerate(units[:count]) if unit.report == report]
        out.append(_unit_stream(units, report, [ui for ui in mine if units[ui].indexed]))
        out += [_unit_stream(units, report, [ui]) for ui in mine if not units[ui].indexed]
    return Streams.of(out)


def _unit_stream(units: list[Unit], report: str, members: Iterable[int]) -> Stream:
    norms: list[str] = []
    spans: list[tuple[int, int]] = []
    part: list[int] = []
    sections: list[str] = []
    at: list[tuple[int, int, int]] = []
    for k, ui in enumerate(members):
        unit = units[ui]
        for tok in words(unit.toks):
            norms.append(tok.norm)
            spans.append((unit.offsets[tok.start], unit.offsets[tok.end - 1] + 1))
            part.append(k)
            sections.append(unit.section)
            at.append((ui, tok.start, tok.end))
    return Stream(report, norms, spans, part, sections, at)


def file_stream(doc: Document, units: list[Unit]) -> Stream:
    """The words of a report's raw file, read as a pasted text is (NFKC, control
    characters as spaces, folded), each with its raw span, paragraph (blank-line block)
    and the section of the unit that holds it."""
    text, origin = _normalised(doc.raw)
    section_at = _sections(doc, units)
    breaks = [m.start() for m in BLANK_LINE.finditer(doc.raw)]
    norms, spans, part, sections = [], [], [], []
    b = 0
    section = ""
    for tok in words(tokens(text)):
        start, end = (
            (tok.start, tok.end)
            if origin is None
            else (origin[tok.start][0], origin[tok.end - 1][1])
        )
        while b < len(breaks) and breaks[b] < start:
            b += 1
        section = section_at.get(start, section)
        norms.append(tok.norm)
        spans.append((start, end))
        part.append(b)
        sections.append(section)
    return Stream(doc.report.id, norms, spans, part, sections)


def _normalised(raw: str) -> tuple[str, list[tuple[int, int]] | None]:
    """``raw`` as ``clean_text`` reads a pasted text (NFKC, control characters as spaces),
    with the raw span each character comes from (None: each its own, the text being NFKC
    already). A base character and the marks after it are normalised together, so
    composed and decomposed accents read alike."""
    if unicodedata.is_normalized("NFKC", raw):
        return raw.translate(CONTROLS), None
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []
    i = 0
    while i < len(raw):
        j = i + 1
        while j < len(raw) and unicodedata.combining(raw[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", raw[i:j]).translate(CONTROLS)
        pieces.append(piece)
        origin += [(i, j)] * len(piece)
        i = j
    return "".join(pieces), origin


def _sections(doc: Document, units: list[Unit]) -> dict[int, str]:
    """The section of each raw offset a unit of the report holds."""
    out: dict[int, str] = {}
    for unit in units:
        if unit.report == doc.report.id:
            for offset in unit.offsets:
                out.setdefault(offset, unit.section)
    return out

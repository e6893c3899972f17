"""A report's raw lines, each told by kind: blank, noise to drop, source note, table row,
timeline bullet, prose, or a pull-quote set inside a sentence (an inset)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import (
    ABBREVIATIONS,
    BULLET,
    GENERIC_DROP,
    INSET_LINES,
    NOTE_PREFIX,
    PAGE_BREAK,
    PAGE_EDGE,
    SHORT_LINE,
    TERMINAL,
)
from .offsets import Mapped


@dataclass
class Line:
    start: int  # raw offset of the line's first character
    end: int  # raw offset of its newline (or of the end of the file)
    text: str  # exactly raw[start:end]
    kind: str  # blank | drop | note | table | bullet | text | inset
    starts_block: bool = False  # a paragraph starts here though no blank line is above

    def fragment(self) -> Mapped:
        """The line's text, stripped, with its raw offsets."""
        return Mapped(self.text, list(range(self.start, self.end))).strip()

    def cells(self) -> list[Mapped]:
        """The tab-separated cells of a table line, unstripped, with their raw offsets."""
        cells = []
        pos = self.start
        for part in self.text.split("\t"):
            cells.append(Mapped(part, list(range(pos, pos + len(part)))))
            pos += len(part) + 1
        return cells


def line_kind(text: str, drop: Sequence[re.Pattern[str]]) -> str:
    """The kind of one raw line, before pull-quotes are told apart."""
    stripped = text.strip()
    if not stripped:
        return "blank"
    if any(p.search(stripped) for p in [*GENERIC_DROP, *drop]):
        return "drop"
    if NOTE_PREFIX.match(stripped):
        return "note"
    if "\t" in text:
        return "table"
    if BULLET.match(stripped):
        return "bullet"
    return "text"


def read_lines(
    raw: str,
    drop: Sequence[re.Pattern[str]] = (),
    edges: Sequence[re.Pattern[str]] = (),
    short_lines: bool = False,
) -> list[Line]:
    """Every raw line with its offsets and kind; ``drop`` adds the report's noise lines,
    ``edges`` its running headers and footers (dropped at the edges of a page);
    ``short_lines`` starts a paragraph after a short line that ends a sentence (a PDF's
    text has no blank line between paragraphs)."""
    out = []
    pos = 0
    for text in raw.split("\n"):
        start, end = pos, pos + len(text)
        pos = end + 1
        out.append(Line(start, end, text, line_kind(text, drop)))
    if edges:
        drop_page_edges(out, edges)
    if short_lines:
        mark_paragraph_starts(out)
    mark_insets(out)
    return out


def pages_of(lines: list[Line]) -> list[list[Line]]:
    """The lines of each page (pages apart by a form-feed line), the break lines left out."""
    pages: list[list[Line]] = [[]]
    for line in lines:
        if line.text == PAGE_BREAK:
            pages.append([])
        else:
            pages[-1].append(line)
    return pages


def mark_paragraph_starts(lines: list[Line]) -> None:
    """In text with no blank line between paragraphs (a PDF's), a paragraph ends at a line
    that ends a sentence well short of the page's usual line length (``SHORT_LINE`` of
    its 90th percentile), and a bullet starts one."""
    for page in pages_of(lines):
        text = [line for line in page if line.kind == "text"]
        if len(text) < 5:
            continue
        lengths = sorted(len(line.text.strip()) for line in text)
        usual = lengths[int(0.9 * (len(lengths) - 1))]
        content = [line for line in page if line.kind not in ("blank", "drop")]
        for prev, line in zip(content, content[1:], strict=False):
            stripped = prev.text.strip()
            ends = stripped.endswith(TERMINAL) and not stripped.endswith(ABBREVIATIONS)
            if (ends and len(stripped) < SHORT_LINE * usual) or line.kind == "bullet":
                line.starts_block = True


def drop_page_edges(lines: list[Line], edges: Sequence[re.Pattern[str]]) -> None:
    """Mark as ``drop`` the lines among the first and last ``PAGE_EDGE`` non-blank lines
    of each page (pages apart by a form-feed line) that match a running line's pattern."""
    page: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.text != PAGE_BREAK:
            if line.kind != "blank":
                page.append(line)
            continue
        for edge in page[:PAGE_EDGE] + page[-PAGE_EDGE:]:
            if edge.kind != "drop" and any(p.search(edge.text.strip()) for p in edges):
                edge.kind = "drop"
        page = []


def mark_insets(lines: list[Line]) -> None:
    """A pull-quote the PDF put inside a sentence becomes an ``inset`` of its own.

    Its signature: an indented capitalised line right after a line that stops
    mid-sentence, running to a line that ends one, after which an indented
    lowercase line carries on the cut sentence (``visited Hangzhou`` / `` Before
    the Covid-19 pandemic, ...`` / ... / `` to assure Jack Ma``).
    """
    for i in range(1, len(lines)):
        line, prev = lines[i], lines[i - 1]
        if not (
            line.kind == "text"
            and prev.kind == "text"
            and line.text[:1].isspace()
            and line.text.strip()[:1].isupper()
            and not prev.text.strip().endswith(TERMINAL)
        ):
            continue
        end = next(
            (
                k
                for k in range(i, min(i + INSET_LINES, len(lines)))
                if lines[k].kind == "text" and lines[k].text.strip().endswith(TERMINAL)
            ),
            None,
        )
        if end is None or any(lines[k].kind not in ("text", "blank") for k in range(i, end)):
            continue
        after = next((x for x in lines[end + 1 :] if x.kind != "blank"), None)
        if after is not None and after.text[:1].isspace() and after.text.strip()[:1].islower():
            for k in range(i, end + 1):
                if lines[k].kind == "text":
                    lines[k].kind = "inset"

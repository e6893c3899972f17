"""A PDF table's cells from the page's layout: the gaps between cells become tabs.

A PDF keeps no table, only characters at places. pdfium's text gives a table row as one
line whose cells are joined by single spaces ("Eastern Europe Czech Republic"), so the
cell boundaries are lost. They are still on the page: between two cells of a row is a gap
of at least about a character's height, and the same gap runs down through the rows
above and below (a column's "river"). The rule:

- a *wide gap* is the space between two words on a line that is at least ``WIDE`` times
  the font's height (word spaces are a quarter to a half of it, even in justified text);
- a wide gap is a *cell break* when a neighbouring line (the line before or after in the
  text) has a wide gap that shares with it a white strip at least ``WIDE`` font heights
  across: a column boundary runs through both rows. A lone wide gap (a heading's number
  and its title) stays a space, and so do the stretched spaces of two justified lines,
  which meet by chance on narrower strips.

The spaces of a cell break become one tab, which the cleaner reads as a table row (its
first row the header, as for the reports' tab-separated tables and HTML tables). The
text keeps its length per character otherwise, so lines and pages do not move.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WIDE = 1.0  # a gap of at least this many font heights may be a column boundary

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points)
Gap = tuple[int, int, float, float, float]  # text index of the spaces, end, x from, x to, height


def with_cell_breaks(text: str, box: Callable[[int], Box]) -> str:
    """``text`` (one page, one character per index of ``box``) with every cell break's
    spaces replaced by a tab."""
    lines = _line_gaps(text, box)
    breaks: list[Gap] = []
    for k, gaps in enumerate(lines):
        neighbours = [g for j in (k - 1, k + 1) if 0 <= j < len(lines) for g in lines[j]]
        breaks += [g for g in gaps if any(_overlap(g, n) for n in neighbours)]
    if not breaks:
        return text
    out, at = [], 0
    for start, end, *_ in sorted(breaks):
        out += [text[at:start], "\t"]
        at = end
    out.append(text[at:])
    return "".join(out)


def _line_gaps(text: str, box: Callable[[int], Box]) -> list[list[Gap]]:
    """Per line of ``text``: its wide gaps (runs of spaces between two visible characters
    at least ``WIDE`` font heights apart)."""
    lines: list[list[Gap]] = []
    start = 0
    for line in text.split("\n"):
        lines.append(_wide_gaps(line, start, box))
        start += len(line) + 1
    return lines


def _wide_gaps(line: str, offset: int, box: Callable[[int], Box]) -> list[Gap]:
    gaps = []
    i, n = 0, len(line)
    while i < n:
        if line[i] != " " or i == 0 or line[i - 1].isspace():
            i += 1
            continue
        j = i
        while j < n and line[j] == " ":
            j += 1
        if j < n and not line[j].isspace():
            before, after = box(offset + i - 1), box(offset + j)
            height = max(before[3] - before[1], after[3] - after[1])
            if height > 0 and after[0] - before[2] >= WIDE * height:
                gaps.append((offset + i, offset + j, before[2], after[0], height))
        i = j
    return gaps


def _overlap(a: Gap, b: Gap) -> bool:
    """Whether two lines' gaps share a strip at least ``WIDE`` font heights wide."""
    return min(a[3], b[3]) - max(a[2], b[2]) >= WIDE * min(a[4], b[4])


def page_with_cells(textpage: Any, text: str) -> str:
    """``text`` (pdfium's text of ``textpage``) with its cell breaks as tabs; unchanged if
    pdfium's text and its characters do not correspond one to one."""
    count = textpage.count_chars()
    if len(text) != count or " " not in text:
        return text
    get = textpage.get_charbox
    return with_cell_breaks(text, lambda i: get(i, loose=True))

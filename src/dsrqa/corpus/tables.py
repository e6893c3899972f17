"""Tables and timelines: tab-separated rows, tables whose columns the PDF flattened into
spaces, and bulleted timeline entries. Each row keeps its cells' spans and column names
so a row's meaning survives indexing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .headings import heading_lines
from .lexicon import BULLET, INNER_BULLET, MONTH_YEAR, ROW_START, ROW_YEAR, SUPPORT_START, TOKEN
from .lines import Line
from .offsets import Mapped
from .repair import Repairer


@dataclass(frozen=True)
class Row:
    """One table row: its cells joined by spaces, their spans in it, the column names."""

    text: Mapped
    cells: tuple[tuple[int, int], ...]
    labels: tuple[str, ...]


def tab_table(block: Sequence[Line], repairer: Repairer) -> list[Row]:
    """Tab-separated rows; a first row of short cells, none of them a date, is the header."""
    rows = [line for line in block if line.kind == "table"]
    labels: tuple[str, ...] = ()
    first_cells = [c.strip() for c in rows[0].text.split("\t")]
    dated = any(ROW_YEAR.match(c) or MONTH_YEAR.match(c) for c in first_cells)
    if len(rows) > 1 and all(0 < len(c) <= 60 for c in first_cells) and not dated:
        labels = tuple(first_cells)
        rows = rows[1:]
    out = [row_of(line.cells(), labels, repairer) for line in rows]
    return [row for row in out if row is not None]


def row_of(cells: Sequence[Mapped], labels: tuple[str, ...], repairer: Repairer) -> Row | None:
    """The row of these cells, each repaired and stripped; empty cells are left out."""
    row: Mapped | None = None
    spans = []
    for cell in cells:
        cell = repairer.repair(cell.strip(), paragraph_start=False)
        if not cell.text:
            continue
        if row is None:
            row = cell
            spans.append((0, len(cell)))
        else:
            sep = Mapped.synthetic(" ", cell.offs[0] - 1)
            start = len(row) + 1
            row = row + sep + cell
            spans.append((start, start + len(cell)))
    return Row(row, tuple(spans), labels) if row is not None else None


def space_table(
    blocks: Sequence[Sequence[Line]],
    i: int,
    columns: Sequence[str],
    repairer: Repairer,
    forced: Sequence[re.Pattern[str]] = (),
) -> tuple[list[Row], int]:
    """Rows of a table whose columns the PDF flattened into spaces (appendix tables),
    read from ``blocks[i]`` on, and the index of the first block after the table.

    A block starting with a year starts a row; the blocks after it, up to the next
    year, are its other cells. A source note or a heading ends the table.
    """
    rows: list[list[Mapped]] = []
    while i < len(blocks):
        block = blocks[i]
        if block[0].kind == "note" or heading_lines(block, None, forced):
            break
        starts = [j for j, line in enumerate(block) if j and ROW_START.match(line.text.strip())]
        for a, b in zip([0, *starts], [*starts, len(block)], strict=True):
            text = repairer.repair(repairer.join_lines(block[a:b]), paragraph_start=False)
            if ROW_YEAR.match(text.text) or not rows:
                rows.append([text])
            else:
                rows[-1].append(text)
        i += 1
    out = [row_of(split_row(parts, repairer), tuple(columns), repairer) for parts in rows]
    return [row for row in out if row is not None], i


def split_row(parts: Sequence[Mapped], repairer: Repairer) -> list[Mapped]:
    """Year, entity, support: from the block layout, or where the support starts."""
    first = parts[0]
    year = ROW_YEAR.match(first.text)
    if year is None:
        return list(parts)
    ycut = year.end()
    if len(parts) >= 2:
        entity = first.slice(ycut, len(first)).strip()
        middle = [entity] if entity.text else []
        if not middle and len(parts) >= 3:
            # "Late 1990s and early 2000s" continues the year on the next lines
            return [first, parts[1], repairer.concat(parts[2:])]
        return [first.slice(0, ycut), *middle, repairer.concat(parts[1:])]
    year_text = first.slice(0, ycut)
    rest = first.slice(ycut, len(first)).strip()
    tokens = list(TOKEN.finditer(rest.text))
    cut = len(rest)
    for k in range(1, len(tokens)):
        tok, prev = tokens[k].group(0), tokens[k - 1].group(0)
        if tok[0] in SUPPORT_START or (tok[0].isupper() and prev[0].islower()):
            cut = tokens[k].start()
            break
    return [year_text, rest.slice(0, cut).strip(), rest.slice(cut, len(rest)).strip()]


def timeline_entries(block: Sequence[Line], repairer: Repairer) -> list[Mapped]:
    """Each bullet is one dated entry; continuation lines belong to the bullet above."""
    entries: list[list[Line]] = []
    for line in block:
        if line.kind == "bullet" or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    out = []
    for lines in entries:
        text = repairer.repair(repairer.join_lines(lines), paragraph_start=False)
        # a bullet inside the text starts another entry (a PDF can set two on one line)
        cuts = [0, *(m.start() for m in INNER_BULLET.finditer(text.text)), len(text)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            entry = text.slice(a, b).strip()
            out.append(entry.sub(BULLET, lambda m: "").strip())
    return [entry for entry in out if entry.text]

"""Blocks: the runs of content lines the cleaner reads one at a time."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .headings import cut_heading, heading_lines
from .lexicon import ABBREVIATIONS, LABEL_MARKS, TERMINAL
from .lines import Line

Block = list[Line]


def blocks(lines: Sequence[Line], forced: Sequence[re.Pattern[str]] = ()) -> list[Block]:
    """The report's blocks, with headings cut over a page break joined up and headings
    glued to the paragraph above split off (``forced``: the report's heading patterns)."""
    merged = merge_cut_headings(separate(lines))
    out = []
    for i, block in enumerate(merged):
        nxt = merged[i + 1][0] if i + 1 < len(merged) else None
        out.extend(split_at_headings(block, nxt, forced))
    return out


def separate(lines: Sequence[Line]) -> list[Block]:
    """Runs of content lines; blank and dropped lines separate them. A source note is
    a block of its own even with no blank line around it, and ends at an indented
    line: the paragraph the PDF put right after it. A pull-quote's lines are one
    block, blank lines and all, so the sentence it cut joins up around it. A table's
    rows are a block apart from the lines around them (a PDF's text has no blank line
    between a table and its prose)."""
    out: list[Block] = []
    current: Block = []
    inset: Block = []
    for line in lines:
        if line.kind == "inset":
            if current:
                out.append(current)
            current = []
            inset.append(line)
            continue
        if inset and line.kind != "blank":
            out.append(inset)
            inset = []
        if line.kind in ("blank", "drop"):
            if current:
                out.append(current)
            current = []
        elif current and (
            line.kind == "note"
            or line.starts_block
            or (line.kind == "table") != (current[-1].kind == "table")
            or (current[0].kind == "note" and line.text[:1].isspace())
        ):
            out.append(current)
            current = [line]
        else:
            current.append(line)
    out.extend(b for b in (current, inset) if b)
    return out


def merge_cut_headings(blocks: list[Block]) -> list[Block]:
    """Join a heading cut by a page break (``... Central and`` / ``Local Authorities``)."""
    merged: list[Block] = []
    for block in blocks:
        if merged and cut_heading(merged[-1], block):
            merged[-1] = merged[-1] + block
        else:
            merged.append(block)
    return merged


def split_at_headings(
    block: Block, nxt: Line | None, forced: Sequence[re.Pattern[str]]
) -> list[Block]:
    """A heading can follow the last line of a paragraph with no blank line between."""
    parts: list[Block] = []
    start = 0
    for j in range(1, len(block)):
        prev = block[j - 1].text.strip()
        ends_paragraph = prev.endswith(TERMINAL) and not prev.endswith(ABBREVIATIONS)
        if ends_paragraph and heading_lines(block[j:], nxt, forced):
            parts.append(block[start:j])
            start = j
    parts.append(block[start:])
    return parts


def is_label_block(block: Sequence[Line]) -> bool:
    """Map labels and names cut from a figure: every line a few bare words."""
    return all(len(line.text.split()) <= 3 and not LABEL_MARKS.search(line.text) for line in block)

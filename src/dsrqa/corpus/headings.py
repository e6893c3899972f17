"""Headings: which leading lines of a block are one, what it reads as, and whether it
starts a section (main) or names a figure or table inside one (sub).

``forced`` is a report's list of heading patterns from its cleaning profile.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .lexicon import (
    ABBREVIATIONS,
    CUT_HEADING_WORDS,
    FIGURE_CAPTION,
    HEADING_START,
    HEADING_STOPS,
    MARKDOWN_HEADING,
)
from .lines import Line
from .offsets import Mapped


def is_heading_line(line: Line, first: bool) -> bool:
    """A short prose line with no sentence stop; a heading's first line starts capitalised."""
    text = line.text.strip()
    if line.kind != "text" or len(text) > 100:
        return False
    if text.endswith(HEADING_STOPS) and not text.endswith(ABBREVIATIONS):
        return False
    return not first or bool(HEADING_START.match(text))


def heading_lines(
    block: Sequence[Line], nxt: Line | None, forced: Sequence[re.Pattern[str]]
) -> int:
    """How many leading lines of a block form a heading (0 if none).

    A forced heading is one, with up to two lines after it that are forced headings too
    (a title wrapped over lines); a figure caption is one, with up to two heading-like
    lines after it. Otherwise up to three heading-like lines are one if what follows them (in
    the block, or the next block's first line ``nxt``) is a table or clearly longer prose.
    """
    first = block[0].text.strip()
    if any(p.search(first) for p in forced):
        n = 1  # and the lines after it that are headings by the same list
        while n < min(len(block), 3) and any(p.search(block[n].text.strip()) for p in forced):
            n += 1
        return n
    if FIGURE_CAPTION.match(first):
        n = 1
        while n < min(len(block), 3) and is_heading_line(block[n], False):
            n += 1
        return n
    most = 0
    while most < min(len(block), 3) and is_heading_line(block[most], most == 0):
        most += 1
    for n in range(most, 0, -1):
        follow = block[n] if n < len(block) else nxt
        if follow is None:
            continue
        if follow.kind == "table":
            return n
        longest = max(len(line.text.strip()) for line in block[:n])
        flen = len(follow.text.strip())
        if follow.kind == "text" and flen >= 75 and flen >= longest + 20:
            return n
    return 0


def cut_heading(block: Sequence[Line], nxt: Sequence[Line]) -> bool:
    """A heading whose last line ends in ``and``/``of`` continues after a page break."""
    last = block[-1].text.split()
    return (
        bool(last)
        and last[-1] in CUT_HEADING_WORDS
        and is_heading_line(block[-1], False)
        and is_heading_line(nxt[0], True)
    )


def heading_text(lines: Sequence[Line], repair: Callable[[Mapped], Mapped]) -> str:
    """The heading's lines as one title: ``Figure 1: X — Y``, ``Appendix B: Title``."""
    parts = [MARKDOWN_HEADING.sub("", repair(line.fragment()).text) for line in lines]
    text = parts[0]
    for k, part in enumerate(parts[1:]):
        if FIGURE_CAPTION.match(parts[0]) and k == 0:
            sep = " — "
        elif len(parts[0].split()) <= 2 and part[:1].isupper() and k == 0:
            sep = ": "
        else:
            sep = " "
        text = f"{text}{sep}{part}"
    return text


def heading_kind(text: str, block: Sequence[Line], n: int, nxt: Line | None) -> str:
    """``sub`` for a figure caption or a table's title, else ``main`` (a new section)."""
    if FIGURE_CAPTION.match(text):
        return "sub"
    follow = block[n] if n < len(block) else nxt
    return "sub" if follow is not None and follow.kind == "table" else "main"

"""Section headings of a PDF from its layout, for PDFs without an outline.

A heading is set apart by its type: larger than the body text, or bolder at the body's
size. The body style is the (size, weight) most of the document's characters have. A
line is a heading when:

- nearly all of it (``UNIFORM``) is in one style that is ``LARGER`` than the body's size,
  or at least that size and ``BOLDER`` than its weight (a bold phrase inside a line of
  body text is not a heading: the line is not uniform);
- that style is not fixed-pitch (code listings are often set a little larger); a font
  that gives no weight or flags (the standard 14) is bold or fixed-pitch by its name;
- the line is short (``MAX_CHARS``), starts with a capital letter or a digit and does not
  end as a sentence or a clause does (a run-in heading, "Faster fits. As a second
  example...", is part of its paragraph);
- the style is rare: at most ``RARE`` of the document's lines (a style that many lines
  share is body text of another kind, such as a slide's bullets).

The headings become whole-line patterns in the profile, as the outline's titles do.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

LARGER = 1.04  # a heading's size, at least, over the body's
BOLDER = 60  # a heading's weight, at least, over the body's (at the body's size)
UNIFORM = 0.9  # the share of a heading line's characters in its style
MAX_CHARS = 90
RARE = 0.2  # the share of the document's lines a heading style stands on, at most
SAMPLE = 3  # every third visible character is looked at
STARTS = re.compile(r"^[A-Z0-9]")
ENDS_CLAUSE = re.compile(r"[.,;:]$")
BOLD_NAME = re.compile(r"Bold|Black|Heavy|Semibold|Demi", re.IGNORECASE)
FIXED_NAME = re.compile(r"Courier|Mono|Consol|Typewriter|\bTT\b|CMTT", re.IGNORECASE)

Style = tuple[float, int, bool]  # size (points, rounded), weight, fixed pitch


@dataclass
class Styles:
    """What the pages show of their type, gathered page by page."""

    chars: Counter[Style] = field(default_factory=Counter)
    lines: Counter[Style] = field(default_factory=Counter)
    candidates: list[tuple[str, Style]] = field(default_factory=list)
    total_lines: int = 0

    def add_page(self, textpage: Any, text: str) -> None:
        """The styles of one page's lines (``text`` is pdfium's text of ``textpage``,
        a character per index); nothing if they do not correspond one to one."""
        import pypdfium2.raw as pdfium_c

        if len(text) != textpage.count_chars():
            return
        flags = ctypes.c_int()
        name = ctypes.create_string_buffer(128)

        def style(i: int) -> Style:
            size = round(pdfium_c.FPDFText_GetFontSize(textpage.raw, i), 1)
            weight = int(pdfium_c.FPDFText_GetFontWeight(textpage.raw, i))
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, 128, ctypes.byref(flags))
            font = name.value.decode("latin-1")
            if weight <= 0:  # a font without a descriptor (the standard 14): by its name
                weight = 700 if BOLD_NAME.search(font) else 400
            return size, weight, bool(flags.value & 1) or bool(FIXED_NAME.search(font))

        start = 0
        for line in text.split("\n"):
            visible = [start + k for k, ch in enumerate(line) if not ch.isspace()]
            start += len(line) + 1
            if not visible:
                continue
            seen = Counter(style(i) for i in visible[::SAMPLE])
            self.chars.update({s: n * SAMPLE for s, n in seen.items()})
            main, n = seen.most_common(1)[0]
            self.lines[main] += 1
            self.total_lines += 1
            stripped = " ".join(line.split())
            if n >= UNIFORM * sum(seen.values()) and len(stripped) <= MAX_CHARS:
                self.candidates.append((stripped, main))

    def headings(self) -> list[str]:
        """The lines that are headings by the rule above, in order, each once."""
        if not self.chars:
            return []
        (size, weight, _), _ = self.chars.most_common(1)[0]
        out = []
        for text, st in self.candidates:
            s, w, fixed = st
            set_apart = s >= LARGER * size or (s >= size and w >= weight + BOLDER)
            if (
                set_apart
                and not fixed
                and self.lines[st] <= RARE * self.total_lines
                and STARTS.match(text)
                and not ENDS_CLAUSE.search(text)
                and sum(c.isalpha() for c in text) >= 3
            ):
                out.append(text)
        return list(dict.fromkeys(out))

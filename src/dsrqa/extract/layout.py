"""A PDF's cleaning profile, found in its own pages: what the two reports' catalog
entries say by hand, found here by repetition and from the outline.

- Running headers and footers: a line among the first or last ``EDGE`` lines of a page
  that, with its numbers read as any number, stands at the edge of at least ``SHARE`` of
  the pages (and of 3). They become ``edge_lines`` patterns, which the cleaner drops only
  at page edges, so a table cell that is a bare number stays.
- Headings: the outline's titles, or the lines set apart by their type when there is no
  outline (``styles.py``), matched as whole lines (``headings``).
- Footnote numbers glued to words are dropped in sequence (``footnotes``).
- Pages wider than tall are slides (``slides``): a slide's text ends with its page.
- A PDF's text has no blank line between paragraphs: a short line ending a sentence
  ends one (``short_lines_end_paragraphs``, see ``corpus.lines``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

EDGE = 3  # lines at the top and at the bottom of a page where headers and footers stand
SHARE = 0.3  # the share of pages a running header or footer stands on, at least
NUMBER = re.compile(r"\d+")
ROMAN = re.compile(r"^[ivxlc]+$", re.IGNORECASE)


def edge_lines(page: str) -> list[str]:
    """The first and last ``EDGE`` non-blank lines of a page, stripped."""
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    if len(lines) <= 2 * EDGE:
        return lines
    return lines[:EDGE] + lines[-EDGE:]


def shape(line: str) -> str:
    """A line with its numbers as ``#`` and its spaces as one: page 3's footer and page
    4's have one shape."""
    line = " ".join(line.split())
    return "#" if ROMAN.match(line) else NUMBER.sub("#", line)


def shape_pattern(form: str) -> str:
    """The regex of a shape: ``#`` any number, a space any spacing, the rest literal."""
    parts = [re.escape(p) for p in form.split("#")]
    body = r"(?:\d+|[ivxlcIVXLC]+)".join(parts) if form == "#" else r"\d+".join(parts)
    return "^" + r"\s+".join(body.split(r"\ ")) + "$"


def running_lines(pages: list[str]) -> list[str]:
    """The patterns of the lines that repeat at page edges (headers, footers, numbers)."""
    if len(pages) < 3:
        return []
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({shape(line) for line in edge_lines(page)})
    least = max(3, SHARE * len(pages))
    return sorted(shape_pattern(form) for form, n in counts.items() if n >= least)


def heading_patterns(titles: list[str]) -> list[str]:
    """Whole-line patterns of heading titles (spacing free)."""
    out = []
    for title in dict.fromkeys(" ".join(t.split()) for t in titles):
        if 2 <= len(title) <= 100:
            out.append("^" + r"\s+".join(re.escape(w) for w in title.split()) + "$")
    return out


def pdf_profile(pages: list[str], headings: list[str], landscape: float = 0.0) -> dict[str, Any]:
    """The cleaning profile of a PDF from its pages' text, its headings (the outline's
    titles, or those found from layout) and the share of its pages wider than tall."""
    profile: dict[str, Any] = {"footnotes": True, "short_lines_end_paragraphs": True}
    if landscape > 0.5:
        profile["slides"] = True
    edges = running_lines(pages)
    if edges:
        profile["edge_lines"] = edges
    patterns = heading_patterns(headings)
    if patterns:
        profile["headings"] = patterns
    return profile

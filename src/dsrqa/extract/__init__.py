"""Text out of a user's document (PDF, HTML, Markdown, plain text), in the shape the
cleaner reads: the document's *text*, whose lines the citations count, and what the
document says of itself (title, authors, date, outline).

- ``pdf``: pypdfium2 for the text of each page, pypdf for XMP metadata; pages are
  separated by a line holding a form feed, so a line of the text is a line of a page;
- ``html``: BeautifulSoup over the content region (``<main>``, ``<article>``, else the
  body without navigation), one block (heading, paragraph, list item, table row) a line;
- ``plain``: Markdown and text files are their own text (UTF-8, checked as the
  reports are);
- ``layout``: the cleaning profile found in the text itself: running headers and footers
  by repetition across pages, headings from the outline.

Choice of libraries: ``docs/EXTRACTION.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DocumentError
from .extracted import KINDS, PAGE_BREAK, SUFFIXES, Extracted

__all__ = ["KINDS", "PAGE_BREAK", "SUFFIXES", "Extracted", "extract", "kind_of"]


def kind_of(path: Path, head: bytes) -> str:
    """The kind of a file from its first bytes, else its suffix; DocumentError if neither
    is one dsrqa reads."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    kind = SUFFIXES.get(path.suffix.lower())
    if kind == "pdf":
        raise DocumentError(f"{path} is named .pdf but is not a PDF (no %PDF- header)")
    if kind is None:
        sniff = head[:512].lstrip().lower()
        if sniff.startswith((b"<!doctype html", b"<html")):
            return "html"
        known = ", ".join(sorted(SUFFIXES))
        raise DocumentError(
            f"{path}: unsupported type {path.suffix or '(no suffix)'!r}; dsrqa adds {known}; "
            "nothing was added"
        )
    return kind


def extract(path: Path, kind: str, progress: Any = None) -> Extracted:
    """The text of the file at ``path`` read as ``kind``; DocumentError if it has none."""
    if kind == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(path, progress)
    if kind == "html":
        from .html import extract_html

        return extract_html(path)
    if kind in ("text", "markdown"):
        from .plain import extract_plain

        return extract_plain(path, kind)
    raise DocumentError(f"unknown document kind {kind!r}; expected one of: {', '.join(KINDS)}")

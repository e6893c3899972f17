"""What extraction gives: a document's text and what it says of itself, and the kinds
and file suffixes dsrqa reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("text", "markdown", "html", "pdf")
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
PAGE_BREAK = "\f"  # a line holding only this separates two pages of a PDF's text


@dataclass(frozen=True)
class Extracted:
    """A document's text and what it says of itself."""

    kind: str
    text: str
    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO date (YYYY-MM-DD) where the document gives one
    publisher: str = ""
    page_lines: tuple[int, ...] = ()  # PDF: the first line of each page in ``text``
    profile: dict[str, Any] = field(default_factory=dict)

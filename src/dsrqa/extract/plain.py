"""Markdown and plain-text files: their own text is what dsrqa reads and cites, line for
line, checked as the reports are (UTF-8, no binary). Markdown headings (``#`` lines)
become the profile's headings; the cleaner reads link markup as its text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..corpus.catalog import report_text
from ..errors import CorpusError, DocumentError
from . import Extracted

ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def extract_plain(path: Path, kind: str) -> Extracted:
    """The file's text; for Markdown, its first ``#`` heading as the title."""
    try:
        text = report_text(path.read_bytes(), str(path))
    except CorpusError as exc:
        raise DocumentError(str(exc).split("; restore")[0] + "; nothing was added") from None
    profile: dict[str, Any] = {}
    title = ""
    if kind == "markdown":
        headings = [m.group(0) for line in text.split("\n") if (m := ATX.match(line))]
        if headings:
            profile["headings"] = [r"^ {0,3}#{1,6}\s+"]
            title = ATX.match(headings[0]).group(2)  # type: ignore[union-attr]
    else:
        title = next((line.strip() for line in text.split("\n") if line.strip()), "")[:120]
    return Extracted(kind=kind, text=text, title=title or path.stem, profile=profile)

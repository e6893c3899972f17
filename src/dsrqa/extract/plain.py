"""Markdown and plain-text files: their own text is what dsrqa reads and cites, line for
line, checked as the reports are (``report_text``: UTF-8, no binary; the catalog reads the
two reports with it too). Markdown headings (``#`` lines)
become the profile's headings; the cleaner reads link markup as its text."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from ..errors import CorpusError, DocumentError
from .extracted import Extracted

UNICODE_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16: it starts with the UTF-16 mark
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# C0 controls and DEL but tab, line feed, form feed; a CR left after CRLF became LF
CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f]")
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


def report_text(data: bytes, name: str) -> str:
    """A report's bytes as text: UTF-8 (a byte-order mark dropped), line ends LF, with
    words in it and no NUL or other control character; else a ``CorpusError`` saying
    what was found and how to fix it."""
    restore = "restore the file from ../shared/corpus/ or save it as UTF-8 text"
    for mark, encoding in UNICODE_MARKS:
        if data.startswith(mark):
            raise CorpusError(
                f"{name} is {encoding} (it starts with that byte-order mark); {restore}"
            )
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(
            f"{name} is not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}: Latin-1, "
            f"UTF-16 or a damaged file?); {restore}"
        ) from None
    raw = raw.replace("\r\n", "\n")
    bad = CONTROL.search(raw)
    if bad is not None:
        line = raw.count("\n", 0, bad.start()) + 1
        what = {"\x00": "a NUL byte", "\r": "a carriage return without a line feed"}.get(
            bad.group(), f"the control character U+{ord(bad.group()):04X}"
        )
        raise CorpusError(f"{name} holds {what} at line {line} (binary or damaged); {restore}")
    if not raw.strip():
        found = "is empty" if not raw else "holds only white space"
        raise CorpusError(f"{name} {found}; {restore}")
    return raw

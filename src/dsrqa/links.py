"""Citations read back: the references ``dsrqa show`` opens and the app's link parameters.

Every form the tool prints a citation in opens its lines in ``dsrqa show``:

- ``REPORT:LINE`` and ``REPORT:FIRST-LAST``, where REPORT is a report id
  (``eurasia-2020``), its file as citations name it (``corpus/….txt``), the file's bare
  name or any path ending in it; the range dash may be ``-``, ``–`` or ``—``;
- a whole citation label as ``ask``, ``verify``, the app and the exports print it
  (``Short title (date), “Section”, corpus/….txt:12-14``), with or without the list
  number and the score around it, Markdown escapes included;
- the app's caption of raw lines (``corpus/….txt, lines 12-14``);
- an app link (``http://…/?doc=REPORT&line=12-14``, or its query alone);
- a citation object of the JSON output (``{"report", "line_start", "line_end", …}``).

Line numbers are written with the digits 0-9: a superscript or full-width digit is
refused with a message saying so. The app's link parameters (``read_link``) are read by
the same rules, and a bad one becomes a notice the page shows, never an exception.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .errors import BadInputError
from .types import line_span

if TYPE_CHECKING:
    from .corpus import Catalog

DASHES = "-–—"  # hyphen-minus, en dash, em dash: a range of lines
MAX_DIGITS = 9  # a longer line number is past the end of any report
_LINES = re.compile(rf"([0-9]+)(?:\s*[{DASHES}]\s*([0-9]+))?", re.ASCII)
_SCORE = re.compile(r"\s+score\s+[0-9.]+\s*$")
_NUMBERED = re.compile(r"^\s*[0-9]+\.\s+")
_CAPTION = re.compile(r"(?s)(.+?),?\s+lines?\s+([^:]+?)\s*$")
_QUERY = re.compile(r"(?:^|[?&])(?:doc|line)=")
_QUOTES = "`'\"“”‘’«»"
_ONE_PAGE = re.compile(
    r"(?P<where>.+?)(?::|,?\s+)p\.?\s*(?P<page>[0-9]+)"
    rf"(?:\s*(?::|,)\s*(?:lines?\s+)?(?P<lines>[0-9]+(?:\s*[{DASHES}]\s*[0-9]+)?))?",
    re.ASCII,
)
_TWO_PAGES = re.compile(
    rf"(?P<where>.+?),?\s+pp\.\s*(?P<p1>[0-9]+)\s*[{DASHES}]\s*(?P<p2>[0-9]+),\s*"
    r"p\.\s*[0-9]+\s+line\s+(?P<l1>[0-9]+)\s+to\s+p\.\s*[0-9]+\s+line\s+(?P<l2>[0-9]+)",
    re.ASCII,
)
FORMS = (
    "REPORT:LINE or REPORT:FIRST-LAST, REPORT being a report id or its file "
    "(as a citation prints it)"
)


@dataclass(frozen=True)
class Reference:
    """Lines ``first``..``last`` (1-based, inclusive) of report ``report``."""

    report: str
    first: int
    last: int


def line_count(raw: str) -> int:
    """The number of lines of a raw report text, as ``QA.show`` numbers them."""
    return len(raw.split("\n"))


def line_counts(catalog: Catalog) -> dict[str, int]:
    """Each report's number of raw lines."""
    return {r.id: line_count(r.read_raw()) for r in catalog.reports}


def line_param(first: int, last: int) -> str:
    """The ``line`` of an app link: ``12``, or ``12-14`` for a range (as citations print)."""
    return line_span(first, last)


def parse_lines(spec: str) -> tuple[int, int]:
    """``12``, ``12-14`` (or ``12–14``) as (first, last); BadInputError otherwise. Only
    the digits 0-9 count: ``²`` or ``１２`` are refused, and said to be."""
    spec = spec.strip()
    found = _LINES.fullmatch(spec)
    if found is None:
        odd = [c for c in spec if not c.isascii() and _is_digit(c)]
        if odd:
            raise BadInputError(
                f"line numbers are written with the digits 0-9; got {_shown(spec)} "
                f"({', '.join(f'U+{ord(c):04X}' for c in odd[:3])} is not one of them)"
            )
        raise BadInputError(
            f"{_shown(spec)} is not a line number; expected LINE or FIRST-LAST, e.g. 113-115"
        )
    first = _number(found.group(1))
    last = _number(found.group(2)) if found.group(2) else first
    if last < first:
        raise BadInputError(f"lines {first}-{last} end before they start")
    return first, last


def _is_digit(c: str) -> bool:
    return unicodedata.category(c) in ("Nd", "No") or c.isdigit()


def _number(digits: str) -> int:
    """A line number; one of more than ``MAX_DIGITS`` digits stands for "past any end"."""
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for a message, cut to ``limit`` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def check_range(report: str, first: int, last: int, count: int) -> None:
    """BadInputError unless lines first..last lie within a file of ``count`` lines."""
    if first < 1 or last > count:
        raise BadInputError(
            f"{report} has lines 1-{count}; got {first}" + (f"-{last}" if last != first else "")
        )


# ------------------------------------------------------------------ show's references
def parse_reference(ref: str, catalog: Catalog) -> Reference:
    """The report and lines of any printed form of a citation (see the module's help)."""
    text = ref.strip()
    paged = False
    if text.startswith("{"):
        report, spec = _from_json(text)
    elif _QUERY.search(text):
        report, spec = _from_query(text)
    else:
        found = _ONE_PAGE.fullmatch(text) or _TWO_PAGES.fullmatch(text)
        if found is not None:
            return _page_reference(found, catalog)
        report, spec = _split(text)
        paged = True
    rep = _report(report, catalog)
    first, last = parse_lines(spec)
    total = line_count(rep.read_raw())
    if paged and rep.page_lines:  # a PDF's REPORT:N is its page N
        first, last = page_lines(rep, first, total)[0], page_lines(rep, last, total)[1]
    check_range(rep.id, first, last, total)
    return Reference(rep.id, first, last)


def page_lines(rep: Any, page: int, total: int) -> tuple[int, int]:
    """The first and last line of a PDF's page ``page`` in its text."""
    starts = rep.page_lines
    if not 1 <= page <= len(starts):
        raise BadInputError(f"{rep.id} has pages 1-{len(starts)}; got page {page}")
    return starts[page - 1], (starts[page] - 2 if page < len(starts) else total)


def _page_reference(found: re.Match[str], catalog: Catalog) -> Reference:
    """``REPORT:pN``, ``REPORT:pN:A-B`` and the label forms ``FILE p. N, lines A-B`` and
    ``FILE pp. N-M, p. N line A to p. M line B``, as lines of the PDF's text."""
    rep = _report(found.group("where"), catalog)
    if not rep.page_lines:
        raise BadInputError(f"{rep.id} is not a PDF: it has lines, not pages; use {rep.id}:LINE")
    total = line_count(rep.read_raw())
    groups = found.groupdict()
    if groups.get("p2"):
        spans = [(int(groups["p1"]), int(groups["l1"])), (int(groups["p2"]), int(groups["l2"]))]
    else:
        page = _number(groups["page"])
        if not groups.get("lines"):
            first, last = page_lines(rep, page, total)
            return Reference(rep.id, first, last)
        a, b = parse_lines(groups["lines"])
        spans = [(page, a), (page, b)]
    lines = []
    for page, line in spans:
        start, end = page_lines(rep, page, total)
        if not 1 <= line <= end - start + 1:
            raise BadInputError(
                f"page {page} of {rep.id} has lines 1-{end - start + 1}; got {line}"
            )
        lines.append(start + line - 1)
    return Reference(rep.id, lines[0], lines[1])


def _split(text: str) -> tuple[str, str]:
    """(where, line spec) of ``where:lines`` or ``where, lines A-B``."""
    text = _NUMBERED.sub("", _SCORE.sub("", text)).strip(_QUOTES + " ")
    caption = _CAPTION.fullmatch(text)
    if caption and ":" not in caption.group(2):
        return caption.group(1), caption.group(2)
    where, sep, spec = text.rpartition(":")
    if not sep or not where.strip() or not spec.strip():
        raise BadInputError(f"expected {FORMS}; got {_shown(text)}")
    return where, spec


def _from_json(text: str) -> tuple[str, str]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadInputError(f"expected {FORMS}; got {_shown(text)}") from None
    if not isinstance(data, dict):
        raise BadInputError(f"expected {FORMS}; got {_shown(text)}")
    first, last = data.get("line_start"), data.get("line_end", data.get("line_start"))
    where = data.get("report", data.get("file"))
    ints = all(isinstance(n, int) and not isinstance(n, bool) for n in (first, last))
    if not isinstance(where, str) or not ints:
        raise BadInputError(
            'a citation object needs "report" (or "file") and "line_start" as a whole number'
        )
    return where, f"{first}-{last}"


def _from_query(text: str) -> tuple[str, str]:
    query = urlsplit(text).query if "?" in text else text
    params = parse_qs(query, keep_blank_values=True)
    doc, line = params.get("doc", [""])[-1], params.get("line", [""])[-1]
    if not doc or not line:
        raise BadInputError(
            f"a link to report lines needs doc=REPORT and line=N; got {_shown(text)}"
        )
    return doc, line


def _report(where: str, catalog: Catalog) -> Any:
    """The catalog report named by an id, a file, a path ending in its file, or a whole
    citation label (its last word is the file)."""
    where = where.strip().strip(_QUOTES + " ,")
    words = where.split()
    for name in dict.fromkeys([where, *words[-1:]]):
        name = name.strip(_QUOTES + ",")
        for rep in catalog.reports:
            if name in (rep.id, rep.file) or _file_name(name) == _file_name(rep.file):
                return rep
    known = ", ".join(f"{r.id} ({r.file})" for r in catalog.reports)
    raise BadInputError(f"unknown report {_shown(where)}; expected one of: {known}")


def _file_name(path: str) -> str:
    """The last part of a path written with / or \\ (a Windows copy of the file)."""
    return PureWindowsPath(PurePosixPath(path).name).name


# ------------------------------------------------------------------------ app links
LINK_PARAMS = ("q", "report", "verify", "doc", "line")
STREAMLIT_PARAMS = ("embed", "embed_options")  # Streamlit's own; the page leaves them


@dataclass(frozen=True)
class Link:
    """What an app link asks for, checked: every field is usable as it is."""

    question: str = ""  # ``q``: the question to answer on load
    report: str | None = None  # ``report``: a known report id to search in
    verify: str | None = None  # ``verify``: a text to check on load
    doc: str | None = None  # ``doc``: a known report id to open in the Read tab
    lines: tuple[int, int] | None = None  # ``line``: lines of ``doc`` to land on
    notices: tuple[str, ...] = field(default=())  # what was refused, and why


def read_link(
    params: Mapping[str, Any], ids: Sequence[str], line_count: Callable[[str], int]
) -> Link:
    """The app's link parameters (``?q=…&report=…``, ``?verify=…``, ``?doc=…&line=…``)
    for the reports ``ids``; ``line_count(id)`` is a report's number of raw lines (asked
    only for a ``doc`` with a ``line``). A parameter given twice counts by its last
    value. A bad value is dropped with a notice saying why; an unknown parameter is
    named in a notice; nothing raises."""
    values = {str(k): _last(v) for k, v in params.items()}
    notices: list[str] = []
    report = values.get("report") or None
    if report is not None and report not in ids:
        notices.append(
            f"Unknown report {_shown(report)} in the link; showing all reports "
            f"(known: {', '.join(ids)})."
        )
        report = None
    doc, lines = _doc_lines(values.get("doc"), values.get("line"), ids, notices)
    if doc is not None and lines is not None:
        try:
            check_range(doc, *lines, line_count(doc))
        except BadInputError as exc:
            notices.append(f"The link's line: {exc}; the report opens at its start.")
            lines = None
    unknown = [k for k in values if k not in LINK_PARAMS and k not in STREAMLIT_PARAMS]
    if unknown:
        notices.append(
            f"The link's parameter {', '.join(_shown(k, 20) for k in unknown[:5])} is not one "
            f"this page reads ({', '.join(LINK_PARAMS)}); it was left out."
        )
    return Link(
        question=values.get("q", ""),
        report=report,
        verify=values.get("verify") or None,
        doc=doc,
        lines=lines,
        notices=tuple(" ".join(n.split()) for n in notices),
    )


def _last(value: Any) -> str:
    if isinstance(value, Sequence) and not isinstance(value, str):
        value = value[-1] if value else ""
    return value if isinstance(value, str) else str(value)


def _doc_lines(
    doc: str | None, line: str | None, ids: Sequence[str], notices: list[str]
) -> tuple[str | None, tuple[int, int] | None]:
    if not doc:
        if line:
            notices.append(f"The link gives line {_shown(line)} but no report (doc=REPORT).")
        return None, None
    if doc not in ids:
        notices.append(f"Unknown report {_shown(doc)} in the link (doc); known: {', '.join(ids)}.")
        return None, None
    if not line:
        return doc, None
    try:
        return doc, parse_lines(line)
    except BadInputError as exc:
        notices.append(f"The link's line: {exc}; the report opens at its start.")
        return doc, None

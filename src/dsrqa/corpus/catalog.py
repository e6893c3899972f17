"""The catalog: which reports the tool answers from, and the checks that keep their
bytes exactly those the citations were made against."""

from __future__ import annotations

import bisect
import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadInputError, CorpusError
from ..extract.plain import report_text
from .schema import checked_reports

CATALOG_NAME = "catalog.json"


@dataclass(frozen=True)
class Report:
    """One report of the catalog: its identity and the file its citations point at."""

    id: str
    file: str  # path relative to the repository root, e.g. "corpus/x.txt"
    path: Path
    title: str
    short_title: str
    authors: tuple[str, ...]
    publisher: str
    date: str
    sha256: str
    profile: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    kind: str = "text"  # text | markdown | html | pdf (see ``dsrqa.extract``)
    added: bool = False  # added with ``dsrqa add`` (its vocabulary: ``cleaner.load_documents``)
    page_lines: tuple[int, ...] = ()  # PDF: the first line of each page of its text
    text_sha256: str = ""  # HTML and PDF: the hash of the text extracted when added

    def page_of(self, line: int) -> tuple[int | None, int]:
        """(page, line of that page) of a line of a PDF's text; (None, line) otherwise."""
        return page_of(self.page_lines, line)

    def to_dict(self) -> dict[str, Any]:
        """The fields a citation shows, JSON-ready."""
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "short_title": self.short_title,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "date": self.date,
            "kind": self.kind,
        }

    def read_raw(self) -> str:
        """The text the citations count lines of: a text or Markdown file's own text, or
        the text extracted from a PDF or web page (checked against the hashes recorded
        when it was added)."""
        if self.kind in ("text", "markdown") and not self.added:
            return self._read_text()
        return _extracted_text(self.path, self.kind, self.sha256, self.text_sha256, self.id)

    def check_file(self) -> None:
        """The file's bytes are those the catalog records (no text extracted)."""
        if self.added:
            _file_bytes(self.path, self.sha256, self.id)
        else:
            self._read_text()

    def _read_text(self) -> str:
        """The raw text, checked against the catalog hash so citations stay exact.

        A UTF-8 byte-order mark and CRLF line ends are read as the text without them
        (the same lines); the hash is that text's, so a checkout with CRLF line ends
        reads as the report. Anything else that is not plain UTF-8 text is refused."""
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise CorpusError(
                f"cannot read report {self.id} at {self.path}: {exc.strerror}; "
                "copy it byte-for-byte from ../shared/corpus/"
            ) from None
        raw = report_text(data, f"report {self.id} ({self.path})")
        digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        if digest != self.sha256:
            raise CorpusError(
                f"report {self.id} ({self.path}) has sha256 {digest[:12]}…, the catalog expects "
                f"{self.sha256[:12]}…; restore the file byte-for-byte from ../shared/corpus/"
            )
        return raw


def page_of(page_lines: tuple[int, ...], line: int) -> tuple[int | None, int]:
    """(page, line of that page) of a line of a PDF's text, whose pages start at
    ``page_lines``; (None, line) for a document without pages."""
    if not page_lines:
        return None, line
    page = max(1, bisect.bisect_right(page_lines, line))
    return page, line - page_lines[page - 1] + 1


_EXTRACTED: dict[tuple[str, str], str] = {}
_EXTRACTING = threading.Lock()


def _file_bytes(path: Path, sha256: str, report_id: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(
            f"cannot read document {report_id} at {path}: {exc.strerror}; add it again "
            f"(`dsrqa remove {report_id}`, then `dsrqa add FILE`)"
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise CorpusError(
            f"document {report_id} ({path}) has sha256 {digest[:12]}…, the catalog expects "
            f"{sha256[:12]}…; it changed since it was added: `dsrqa remove {report_id}` and "
            "add it again"
        )
    return data


def _extracted_text(path: Path, kind: str, sha256: str, text_sha256: str, report_id: str) -> str:
    """A PDF's or web page's text, extracted once per process and checked against the
    text recorded when it was added (another extraction library version could read it
    otherwise, and the citations count its lines)."""
    with _EXTRACTING:
        if (str(path), sha256) in _EXTRACTED:
            return _EXTRACTED[(str(path), sha256)]
        _file_bytes(path, sha256, report_id)
        from ..extract import extract

        text = extract(path, kind).text
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if text_sha256 and digest != text_sha256:
            raise CorpusError(
                f"document {report_id} ({path}) reads as other text than when it was added "
                "(another version of the extraction library?); `dsrqa remove "
                f"{report_id}` and add it again"
            )
        _EXTRACTED[(str(path), sha256)] = text
        return text


@dataclass(frozen=True)
class Catalog:
    """The reports the tool answers from, in catalog order."""

    root: Path  # the repository root: report files are relative to it
    reports: tuple[Report, ...]

    def get(self, report_id: str) -> Report:
        """The report with this id, or a BadInputError listing the known ids."""
        for report in self.reports:
            if report.id == report_id:
                return report
        known = ", ".join(r.id for r in self.reports)
        raise BadInputError(f"unknown report {report_id!r}; expected one of: {known}")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.reports)


def load_catalog(corpus_dir: Path) -> Catalog:
    """Read ``corpus/catalog.json`` (UTF-8, a byte-order mark allowed) and check its
    shape; the reports sit beside it."""
    corpus_dir = Path(corpus_dir).resolve()
    path = corpus_dir / CATALOG_NAME
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise CorpusError(
            f"no catalog at {path}; expected the corpus folder with catalog.json and the reports"
        ) from None
    except OSError as exc:
        raise CorpusError(f"cannot read catalog {path}: {exc.strerror or exc}") from None
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deep
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusError(
            f"catalog {path} is not UTF-8 JSON ({reason[:120]}); "
            "restore it from ../shared/corpus/ or fix it"
        ) from None
    return catalog_from_data(corpus_dir, path, data)


def catalog_from_data(
    corpus_dir: Path, path: Path, data: object, staged: dict[str, Path] | None = None
) -> Catalog:
    """The catalog of ``data`` (the JSON of ``path``), checked; ``staged`` reads some
    files from elsewhere than their name (``dsrqa add`` builds before they move in)."""
    root = corpus_dir.parent
    reports = []
    for item in checked_reports(path, data, corpus_dir):
        file_path = corpus_dir / item["file"]
        reports.append(
            Report(
                id=item["id"],
                file=file_path.relative_to(root).as_posix(),
                path=(staged or {}).get(item["file"], file_path),
                title=item["title"],
                short_title=item["short_title"],
                authors=tuple(item["authors"]),
                publisher=item.get("publisher", ""),
                date=item["date"],
                sha256=item["sha256"],
                profile=item.get("profile", {}),
                kind=item.get("kind", "text"),
                added=item.get("added", False),
                page_lines=tuple(item.get("page_lines", ())),
                text_sha256=item.get("text_sha256", ""),
            )
        )
    return Catalog(root=root, reports=tuple(reports))


def check_report_id(catalog: Catalog, report_id: str | None) -> str | None:
    """Validate an optional ``--report`` filter early, with the list of valid ids."""
    if report_id is None:
        return None
    return catalog.get(report_id).id

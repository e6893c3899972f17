"""The catalog: which reports the tool answers from, and the checks that keep their
bytes exactly those the citations were made against."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BadInputError, CorpusError

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
        }

    def read_raw(self) -> str:
        """The raw text, checked against the catalog hash so citations stay exact."""
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise CorpusError(
                f"cannot read report {self.id} at {self.path}: {exc.strerror}; "
                "copy it byte-for-byte from ../shared/corpus/"
            ) from None
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.sha256:
            raise CorpusError(
                f"report {self.id} ({self.path}) has sha256 {digest[:12]}…, the catalog expects "
                f"{self.sha256[:12]}…; restore the file byte-for-byte from ../shared/corpus/"
            )
        return data.decode("utf-8")


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
    """Read ``corpus/catalog.json``; the reports sit beside it."""
    corpus_dir = Path(corpus_dir).resolve()
    path = corpus_dir / CATALOG_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(
            f"no catalog at {path}; expected the corpus folder with catalog.json and the reports"
        ) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"cannot read catalog {path}: {exc}") from None
    root = corpus_dir.parent
    reports = []
    for item in data.get("reports", []):
        file_path = corpus_dir / item["file"]
        reports.append(
            Report(
                id=item["id"],
                file=file_path.relative_to(root).as_posix(),
                path=file_path,
                title=item["title"],
                short_title=item["short_title"],
                authors=tuple(item["authors"]),
                publisher=item.get("publisher", ""),
                date=item["date"],
                sha256=item["sha256"],
                profile=item.get("profile", {}),
            )
        )
    if not reports:
        raise CorpusError(f"catalog {path} lists no reports")
    return Catalog(root=root, reports=tuple(reports))


def check_report_id(catalog: Catalog, report_id: str | None) -> str | None:
    """Validate an optional ``--report`` filter early, with the list of valid ids."""
    if report_id is None:
        return None
    return catalog.get(report_id).id

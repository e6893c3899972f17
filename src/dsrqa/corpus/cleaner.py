"""The cleaning run: read a report's blocks in order and hand each to the step that
reads its kind (pull-quote, source note, heading, table, timeline, prose)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import CorpusError, DocumentError
from .blocks import Block, blocks, is_label_block
from .catalog import Catalog, Report, load_catalog
from .document import Document, Unit
from .headings import heading_kind, heading_lines, heading_text
from .lexicon import PAGE_BREAK
from .lines import Line, read_lines
from .offsets import Mapped
from .repair import Repairer, vocabulary
from .sections import Sections
from .tables import Row, space_table, tab_table, timeline_entries


class Cleaner:
    """Turns one report's raw text into units, following its cleaning profile."""

    def __init__(self, report: Report, raw: str, vocab: Counter[str]) -> None:
        profile = report.profile
        self.raw = raw
        self.drop = [re.compile(p) for p in profile.get("drop_lines", [])]
        self.edges = [re.compile(p) for p in profile.get("edge_lines", [])]
        self.forced_headings = [re.compile(p) for p in profile.get("headings", [])]
        self.slides = bool(profile.get("slides", False))
        self.short_lines = bool(profile.get("short_lines_end_paragraphs", False))
        self.space_tables = {t["header"]: t["columns"] for t in profile.get("space_tables", [])}
        self.repairer = Repairer(vocab, footnotes=bool(profile.get("footnotes", False)))
        self.out = Sections(
            report.id,
            report.title,
            self.repairer.join,
            [re.compile(p) for p in profile.get("skip_sections", [])],
        )

    def run(self) -> list[Unit]:
        """The report's units, in raw-text order."""
        lines = read_lines(self.raw, self.drop, self.edges, self.short_lines)
        found = blocks(lines, self.forced_headings)
        i = 0
        while i < len(found):
            block = found[i]
            if self.slides and i and PAGE_BREAK in self.raw[found[i - 1][-1].end : block[0].start]:
                self.out.flush()  # a slide's text ends with its page
            nxt = found[i + 1][0] if i + 1 < len(found) else None
            i += 1
            head = block[0].text.strip()
            if block[0].kind == "inset":
                self.out.group += 1
                self.out.emit(self.prose(block), "paragraph")
            elif block[0].kind == "note":
                self.out.subsection = ""
            elif head in self.space_tables:
                rows, i = space_table(
                    found, i, self.space_tables[head], self.repairer, self.forced_headings
                )
                self.table(rows)
            else:
                self.read(block, nxt)
        self.out.flush()
        return sorted(self.out.units, key=lambda u: u.offsets[0])

    def read(self, block: Block, nxt: Line | None) -> None:
        """A block that may start with a heading, then holds a table, bullets or prose."""
        n = heading_lines(block, nxt, self.forced_headings)
        if n:
            text = heading_text(block[:n], self.repairer.repair)
            self.out.set_heading(text, heading_kind(text, block, n, nxt))
            block = block[n:]
            if not block:
                return
        if self.out.skip:
            return
        if block[0].kind == "table":
            self.table(tab_table(block, self.repairer))
        elif block[0].kind == "bullet":
            self.timeline(block)
        elif not (is_label_block(block) and self.out.pending is None):
            self.out.end_subsection_at_prose(block)
            kind = "figure" if self.out.subsection else "paragraph"
            self.out.paragraph(self.prose(block), kind)

    def prose(self, block: Sequence[Line]) -> Mapped:
        """A block's lines joined into one paragraph, its words repaired."""
        return self.repairer.repair(self.repairer.join_lines(block))

    def table(self, rows: list[Row]) -> None:
        """One table: its rows share a group."""
        self.out.group += 1
        for row in rows:
            self.out.emit(row.text, "table_row", labels=row.labels, cells=row.cells)

    def timeline(self, block: Block) -> None:
        """Each entry its own unit; a paragraph waiting for its sentence ends before it."""
        for text in timeline_entries(block, self.repairer):
            if self.out.pending is not None:
                self.out.flush()
            self.out.group += 1
            self.out.emit(text, "timeline")


def load_documents(corpus_dir: Path, catalog: Catalog | None = None) -> list[Document]:
    """Read and clean every report of the catalog. The word repairs ask the catalog's own
    reports' vocabulary, and an added document's its own besides: a document cleans the
    same whatever else was added, so adding one leaves the others' passages as they were."""
    catalog = catalog or load_catalog(corpus_dir)
    raws = [report.read_raw() for report in catalog.reports]
    shared = [raw for report, raw in zip(catalog.reports, raws, strict=True) if not report.added]
    base = vocabulary(shared)
    docs = []
    for report, raw in zip(catalog.reports, raws, strict=True):
        vocab = base + vocabulary([raw]) if report.added else base
        units = Cleaner(report, raw, vocab).run()
        if not units and report.added:
            raise DocumentError(
                f"no text to index: {report.id} ({report.path}) has no prose, tables or "
                "headings left once running headers, footers and page numbers are dropped; "
                "nothing was added"
            )
        if not units:
            raise CorpusError(
                f"report {report.id} ({report.path}) has no text left once cleaned (its "
                "lines are dropped by its profile or hold no prose); restore the file from "
                "../shared/corpus/ or correct its profile in catalog.json"
            )
        docs.append(Document(report=report, raw=raw, units=tuple(units)))
    return docs


def clean_text(
    raw: str, profile: dict[str, Any] | None = None, vocab_texts: Iterable[str] = ()
) -> list[Unit]:
    """Clean an inline text with an optional profile: the entry point for unit tests."""
    report = Report(
        id="inline",
        file="inline.txt",
        path=Path("inline.txt"),
        title="Inline",
        short_title="Inline",
        authors=(),
        publisher="",
        date="",
        sha256="",
        profile=profile or {},
    )
    vocab = vocabulary([raw, *vocab_texts])
    return Cleaner(report, raw, vocab).run()

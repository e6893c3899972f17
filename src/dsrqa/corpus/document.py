"""What cleaning produces: units of text inside sections, and a report's raw lines to
cite them by."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from .catalog import Report


@dataclass(frozen=True)
class Unit:
    """A cleaned paragraph, table row or timeline entry, inside one section."""

    report_id: str
    kind: str  # "paragraph" | "figure" | "table_row" | "timeline"
    section: str
    subsection: str
    text: str
    offsets: tuple[int, ...]
    group: int  # units of one table share a group, so rows can be packed together
    labels: tuple[str, ...] = ()  # column names, for table rows
    cells: tuple[tuple[int, int], ...] = ()  # cell spans in text, for table rows

    @property
    def heading(self) -> str:
        """Section path as shown in citations."""
        return f"{self.section} — {self.subsection}" if self.subsection else self.section

    def labelled_text(self) -> str:
        """Text with column meanings spelled out, for indexing table rows."""
        if not self.cells:
            return self.text
        parts = []
        for i, (start, end) in enumerate(self.cells):
            label = self.labels[i] if i < len(self.labels) else ""
            cell = self.text[start:end]
            parts.append(f"{label}: {cell}" if label else cell)
        return "; ".join(parts)


@dataclass(frozen=True)
class Document:
    """A report's raw text, its cleaned units, and the raw line starts for citations."""

    report: Report
    raw: str
    units: tuple[Unit, ...]

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        for i, ch in enumerate(self.raw):
            if ch == "\n":
                starts.append(i + 1)
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of a raw character offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def lines(self, first: int, last: int) -> list[str]:
        """Raw lines ``first``..``last`` (1-based, inclusive), clipped to the file."""
        all_lines = self.raw.split("\n")
        first = max(1, first)
        last = min(len(all_lines), last)
        return all_lines[first - 1 : last]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

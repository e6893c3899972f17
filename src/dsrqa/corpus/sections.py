"""Where the cleaner is in a report (section, figure or table) and the units it has
written so far: a paragraph cut by a page break waits here for the rest of its sentence,
and a text the PDF repeated (a figure's text) is written once."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .document import Unit
from .lexicon import FIGURE_CAPTION, TERMINAL
from .lines import Line
from .offsets import Mapped


class Sections:
    """The units of one report, each written inside the section it was found in."""

    def __init__(
        self,
        report_id: str,
        title: str,
        join: Callable[[Mapped, Mapped], Mapped],
        skip_sections: Sequence[re.Pattern[str]] = (),
    ) -> None:
        self.report_id = report_id
        self.title = title  # the section of text before the first heading
        self.join = join
        self.skip_sections = skip_sections
        self.units: list[Unit] = []
        self.section = ""
        self.subsection = ""
        self.skip = False  # inside a section the profile leaves out (contacts)
        self.pending: Mapped | None = None
        self.pending_where: tuple[str, str, str] = ("", "", "paragraph")
        self.seen: set[str] = set()
        self.group = 0  # units of one table share a group

    def set_heading(self, text: str, kind: str) -> None:
        """Start a section (main) or a figure/table inside the current one (sub)."""
        if kind == "main":
            if any(p.search(text) for p in self.skip_sections):
                self.skip = True
                return
            self.flush()
            self.section = text
            self.subsection = ""
        else:
            self.subsection = text
        self.skip = False

    def end_subsection_at_prose(self, block: Sequence[Line]) -> None:
        """Long prose lines after a table or figure belong to the main text again."""
        longest = max(len(line.text.strip()) for line in block)
        if not self.subsection or longest < 75:
            return
        if not FIGURE_CAPTION.match(self.subsection) or longest >= 90:
            self.subsection = ""

    def emit(
        self,
        text: Mapped,
        kind: str,
        where: tuple[str, str] | None = None,
        labels: tuple[str, ...] = (),
        cells: tuple[tuple[int, int], ...] = (),
    ) -> None:
        """Write a unit in ``where`` (section, subsection), by default the current one."""
        if not text.text or text.text in self.seen:
            return
        self.seen.add(text.text)
        section, subsection = where or (self.section, self.subsection)
        self.units.append(
            Unit(
                report_id=self.report_id,
                kind=kind,
                section=section or self.title,
                subsection=subsection,
                text=text.text,
                offsets=tuple(text.offs),
                group=self.group,
                labels=labels,
                cells=cells,
            )
        )

    def paragraph(self, text: Mapped, kind: str) -> None:
        """Collect a paragraph; one that stops mid-sentence waits for its continuation."""
        if self.pending is not None:
            text = self.join(self.pending, text)
            section, subsection, kind = self.pending_where
        else:
            section, subsection = self.section, self.subsection
        if text.text.endswith(TERMINAL):
            self.pending = None
            self.group += 1
            self.emit(text, kind, where=(section, subsection))
        else:
            self.pending = text
            self.pending_where = (section, subsection, kind)

    def flush(self) -> None:
        """Write the paragraph still waiting for the rest of its sentence, as it is."""
        if self.pending is not None:
            section, subsection, kind = self.pending_where
            self.group += 1
            self.emit(self.pending, kind, where=(section, subsection))
            self.pending = None

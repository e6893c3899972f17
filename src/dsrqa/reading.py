"""What a reader is shown of the reports and of a result, worked out once for the app and
the CLI: a report's sections with raw line numbers, the section holding a line, the raw
lines around a citation, where the answer sentence and its span sit in their passage,
and the word diff of a verification as words with or without a space before them.

Everything here is computed from the library's objects and returns plain values; the
app and the CLI only lay them out (HTML, markdown, terminal).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .answer import Answer, PassageResult, Result
    from .corpus import Document
    from .qa import RawLines
    from .verify import DiffOp


# ------------------------------------------------------------------- a report, by section
@dataclass(frozen=True)
class Para:
    """One cleaned unit of a report (paragraph, table row, ...) with its raw lines."""

    kind: str
    subsection: str
    text: str
    first: int
    last: int


@dataclass(frozen=True)
class Section:
    """A section of a report: its title, raw line range and units, in file order."""

    title: str
    first: int
    last: int
    paras: tuple[Para, ...]


def report_sections(doc: Document) -> tuple[Section, ...]:
    """A report's cleaned units grouped by section, with raw line numbers (the contents)."""
    groups: dict[str, list[Para]] = {}
    for unit in doc.units:
        first = doc.line_of(unit.offsets[0])
        last = doc.line_of(unit.offsets[-1]) if unit.offsets else first
        groups.setdefault(unit.section, []).append(
            Para(unit.kind, unit.subsection, unit.text, first, last)
        )
    return tuple(
        Section(title, paras[0].first, max(p.last for p in paras), tuple(paras))
        for title, paras in groups.items()
    )


def section_at(sections: Sequence[Section], line: int) -> int:
    """Index of the section holding a raw line (or the last one starting before it)."""
    best = 0
    for i, sec in enumerate(sections):
        if any(p.first <= line <= p.last for p in sec.paras):
            return i
        if sec.first <= line:
            best = i
    return best


def is_cited(para: Para, first: int, last: int) -> bool:
    """Whether a unit shares a line with the cited lines ``first``..``last``."""
    return para.first <= last and para.last >= first


def lines_label(first: int, last: int) -> str:
    """``line 12`` or ``lines 12–14`` (an en dash), as the page names cited lines."""
    return f"line {first}" if first == last else f"lines {first}–{last}"


# -------------------------------------------------------------- raw lines around a citation
@dataclass(frozen=True)
class NumberedLine:
    """One raw line of a report file as shown around a citation."""

    number: int
    text: str
    cited: bool  # one of the cited lines (the rest is context)
    width: int  # digits of the largest line number shown: numbers align right to it
    page: int | None = None  # a PDF's page, ``number`` then counting that page's lines
    is_break: bool = False  # the line between two pages of a PDF's text

    @property
    def padded(self) -> str:
        """The line number (``p3:12`` for a PDF's page 3), right-aligned to ``width``."""
        label = f"p{self.page}:{self.number}" if self.page is not None else f"{self.number}"
        return f"{label:>{self.width}}"


def numbered_lines(shown: RawLines) -> list[NumberedLine]:
    """The lines of ``QA.show`` numbered from the file, the cited ones marked."""
    lo, hi = shown.highlight
    out = []
    for n, text in enumerate(shown.lines, start=shown.first):
        page, local = shown.page_of(n)
        out.append(NumberedLine(local, text, lo <= n <= hi, 0, page, text == "\f"))
    width = max((len(line.padded) for line in out), default=1)
    return [replace(line, width=width) for line in out]


# ---------------------------------------------------------------------- answer and passages
@dataclass(frozen=True)
class AnswerInPassage:
    """The answer sentence cut where the page styles it: the passage text before it, the
    sentence before its answering span, the span, the sentence after it, and the passage
    text after it (``before`` and ``after`` are empty when the passage does not hold the
    sentence word for word, or is not given)."""

    before: str
    lead: str
    span: str
    tail: str
    after: str


def answer_in_passage(answer: Answer, passage_text: str | None) -> AnswerInPassage:
    s, a, b = answer.text, answer.span_start, answer.span_end
    at = passage_text.find(s) if passage_text else -1
    if at < 0 or passage_text is None:
        before = after = ""
    else:
        before, after = passage_text[:at], passage_text[at + len(s) :]
    return AnswerInPassage(before, s[:a], s[a:b] if b > a else "", s[b:], after)


def answer_passage(result: Result) -> PassageResult | None:
    """The passage the answer sentence comes from (None on an abstention)."""
    if result.answer is None:
        return None
    return next((p for p in result.passages if p.id == result.answer.passage_id), None)


def other_passages(result: Result) -> list[PassageResult]:
    """The passages shown besides the answer: all of them on an abstention (the closest
    ones), else every one but the answer's own."""
    if result.answer is None:
        return list(result.passages)
    return [p for p in result.passages if p.id != result.answer.passage_id]


# ------------------------------------------------------------------------------ word diffs
# punctuation that follows a word without a space
NO_SPACE_BEFORE = tuple("%,.;:!?)]’”")


@dataclass(frozen=True)
class DiffWord:
    """One step of a word diff (see ``DiffOp``) and whether a space goes before it."""

    op: str  # same, changed, added (only in the text) or dropped (only in the report)
    text: str  # the checked text's words (same, changed, added)
    report: str  # the report's words (same, changed, dropped)
    space_before: bool


def diff_words(diff: Iterable[DiffOp]) -> list[DiffWord]:
    """The steps of a word diff with the spaces between them: none before the first one
    shown, after a ``$`` or before closing punctuation (``5%``, ``$175``, ``million,``).
    A step is judged by the words a reader sees of it: the report's where it drops them,
    the text's otherwise (and the report's for ``same``)."""
    out: list[DiffWord] = []
    shown = False  # anything shown yet (a ``same`` step with no words shows nothing)
    prev = ""
    for d in diff:
        plain = _seen(d)
        space = shown and not prev.endswith("$") and not plain.startswith(NO_SPACE_BEFORE)
        out.append(DiffWord(d.op, d.text, d.report, space))
        shown = shown or d.op != "same" or bool(plain)
        prev = plain
    return out


def _seen(d: DiffOp) -> str:
    """The words a reader goes by to space a step."""
    if d.op == "same":
        return d.report or d.text
    return d.report if d.op == "dropped" else d.text

"""The value types every stage shares: one ``Citation`` (used by answers, passages and
verification matches) and the closed sets of names the API accepts or returns.

Enums are ``StrEnum``: they compare equal to their text and serialise as it, so the JSON
interface is the same strings as before. ``parse`` refuses an unknown value with the list
of known ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import BadInputError

if TYPE_CHECKING:
    from .corpus import Report

E = TypeVar("E", bound=StrEnum)


def parse(kind: type[E], value: object, what: str) -> E:
    """``value`` as a member of ``kind``; anything else is a ``BadInputError``."""
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    known = ", ".join(m.value for m in kind)
    raise BadInputError(f"unknown {what} {value!r}; expected one of: {known}")


class Verdict(StrEnum):
    """What ``verify`` says of a text, strongest first."""

    VERBATIM = "verbatim"
    CLOSE = "close"
    SUPPORTED = "supported"
    NOT_FOUND = "not_found"


class RetrievalMode(StrEnum):
    """Which rankings retrieval fuses."""

    HYBRID = "hybrid"
    DENSE = "dense"
    BM25 = "bm25"


class Abstention(StrEnum):
    """Why a question was answered or abstained on; the reason text says the details."""

    ANSWERED = "answered"
    NOTHING_MATCHES = "nothing_matches"
    NO_CONTENT_WORDS = "no_content_words"
    MISSING_TERMS = "missing_terms"
    NO_VALUE = "no_value"
    LOW_SCORE = "low_score"


@dataclass(frozen=True)
class Citation:
    """Where a quote stands: report, section, lines of the file in corpus/, and the quote.

    Lines count the document's text: a text or Markdown file's own lines, a web page's
    extracted text (a paragraph a line), a PDF's extracted text (pages apart by a
    form-feed line); for a PDF, ``page``..``page_end`` and the lines of those pages
    (``page_line_start``, ``page_line_end``) say the same in a reader's terms."""

    report: str
    title: str
    short_title: str
    authors: tuple[str, ...]
    date: str
    section: str
    file: str
    line_start: int
    line_end: int
    char_start: int
    char_end: int
    quote: str
    kind: str = "text"
    page: int | None = None
    page_end: int | None = None
    page_line_start: int | None = None
    page_line_end: int | None = None

    @classmethod
    def of(
        cls,
        report: Report,
        section: str,
        chars: tuple[int, int],
        lines: tuple[int, int],
        quote: str,
    ) -> Citation:
        """The citation of ``quote`` at raw ``chars`` (``lines``) of a catalog report."""
        pages: dict[str, Any] = {}
        if report.page_lines:
            (page, first), (page_end, last) = report.page_of(lines[0]), report.page_of(lines[1])
            pages = {
                "page": page,
                "page_end": page_end,
                "page_line_start": first,
                "page_line_end": last,
            }
        return cls(
            report=report.id,
            title=report.title,
            short_title=report.short_title,
            authors=report.authors,
            date=report.date,
            section=section,
            file=report.file,
            line_start=lines[0],
            line_end=lines[1],
            char_start=chars[0],
            char_end=chars[1],
            quote=quote,
            kind=report.kind,
            **pages,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        return data

    def where(self) -> dict[str, Any]:
        """The fields that place it: report, section, file, lines and characters."""
        return {
            "report": self.report,
            "section": self.section,
            "file": self.file,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "page": self.page,
            "page_end": self.page_end,
            "page_line_start": self.page_line_start,
            "page_line_end": self.page_line_end,
        }

    def place(self) -> str:
        """Where in the file: ``file:12-14``, or ``file p. 3, lines 12-14`` for a PDF."""
        if self.page is None or self.page_line_start is None or self.page_line_end is None:
            return f"{self.file}:{line_span(self.line_start, self.line_end)}"
        if self.page == self.page_end:
            lines = line_span(self.page_line_start, self.page_line_end)
            return f"{self.file} p. {self.page}, line{'s' if '-' in lines else ''} {lines}"
        return (
            f"{self.file} pp. {self.page}-{self.page_end}, p. {self.page} line "
            f"{self.page_line_start} to p. {self.page_end} line {self.page_line_end}"
        )

    def label(self) -> str:
        """One line a person can follow: ``Eurasia Group 2020, §Section, file:12-14``."""
        return f"{self.short_title} ({self.date}), “{self.section}”, {self.place()}"


def line_span(first: int, last: int) -> str:
    """``12`` or ``12-14``."""
    return f"{first}" if first == last else f"{first}-{last}"

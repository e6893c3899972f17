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
    """Where a quote stands: report, section, lines of the file in corpus/, and the quote."""

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
        }

    def label(self) -> str:
        """One line a person can follow: ``Eurasia Group 2020, §Section, file:12-14``."""
        lines = (
            f"{self.line_start}"
            if self.line_start == self.line_end
            else f"{self.line_start}-{self.line_end}"
        )
        return f"{self.short_title} ({self.date}), “{self.section}”, {self.file}:{lines}"

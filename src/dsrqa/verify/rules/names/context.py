"""The values name rules share: the names a report text says (``SaidNames``), a name
word of the text (``NameAt``) and what the rules check it against (``NameCtx``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import Reading

if TYPE_CHECKING:
    from ....quantities import Quantity


@dataclass(frozen=True)
class SaidNames:
    """What a report text says, as names: its words (folded; U.S. is also US), the
    initials of its names (Research and Development: RD) and its acronyms (BRI, DSR)."""

    words: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()

    def __or__(self, other: SaidNames) -> SaidNames:
        return SaidNames(
            self.words | other.words,
            self.initials | other.initials,
            self.acronyms | other.acronyms,
        )


NO_NAMES = SaidNames()


@dataclass(frozen=True)
class NameAt:
    """A name word of the text: as written, folded (an acronym's plural made singular),
    and where it starts."""

    word: str
    low: str
    start: int
    text: str


@dataclass(frozen=True)
class NameCtx:
    """The report side a text's names are checked against."""

    quote: str  # the report text as checked (a table row with its title and column names)
    own: str  # the quote's own words (a table row without them)
    in_quote: frozenset[str]  # the words the quote says
    said: SaidNames  # the names of the quote and of its passage, section and report
    figures: tuple[Quantity, ...]  # the text's figures: their words are no names
    reading: Reading

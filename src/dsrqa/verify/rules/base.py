"""What every rule family shares: a word alignment (the close stage's window), how the
reports write names, and the ``Reading`` a rule gets besides the two texts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..words import Tok

if TYPE_CHECKING:
    from ...config import Config


class Op(NamedTuple):
    """One step of a word alignment (rapidfuzz opcodes), text to report: ``equal``,
    ``replace``, ``delete`` (text words the report lacks) or ``insert`` (report words the
    text lacks), over text tokens ``a0:a1`` and report tokens ``b0:b1``."""

    tag: str
    a0: int
    a1: int
    b0: int
    b1: int


@dataclass(frozen=True)
class Aligned:
    """A text aligned word by word with a window of a report unit."""

    text: str
    toks: Sequence[Tok]
    report: str  # the unit's whole text
    rtoks: Sequence[Tok]  # the window's tokens, offsets in ``report``
    ops: tuple[Op, ...]

    @property
    def quote(self) -> str:
        """The report's words in the window, as written."""
        return self.report[self.rtoks[0].start : self.rtoks[-1].end]


@dataclass(frozen=True)
class NameBook:
    """How the reports write names, read once with the corpus tables."""

    lower_seen: frozenset[str]  # words written lower-case somewhere: no names
    inside_seen: frozenset[str]  # capitalised inside a sentence: names, even first
    full_names: Mapping[str, list[list[str]]]  # word: the longer names written with it


@dataclass(frozen=True)
class Reading:
    """What a rule knows besides the texts: the reports' names and the verifier's config
    (read per text: calibration changes it)."""

    names: NameBook
    cfg: Config

"""The values polarity rules share: which words a reversing word reaches (``Reach``), and
the words of the text and of the report's candidate as the model's tokenizer splits
them, with their vectors in context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple


class Reach(NamedTuple):
    """Whether a content word is reversed (an odd run of reversing words reaches it:
    "did not lose" is an even run, not reversed) and that run's first word."""

    reversed: bool
    cue: str


class Polarity(NamedTuple):
    """A report candidate's words (lower case, split as the tokenizer does), whether a
    reversing word reaches each content word, and the content words' stems."""

    words: list[str]
    reach: list[Reach]
    stems: list[str]


@dataclass(frozen=True)
class TextWords:
    """The text's words as the tokenizer splits them, their vectors in context, and
    which of its content words a reversing word reaches."""

    words: list[str]
    vectors: Any  # numpy array, one row per word
    reach: list[Reach]


@dataclass(frozen=True)
class ReportWords:
    """A candidate (one sentence or two) the same way: all its words, and for each
    content word that has a vector its reach, stem and vector."""

    words: set[str]
    reach: list[Reach]
    stems: list[str]
    vectors: list[Any]  # one numpy array per sentence

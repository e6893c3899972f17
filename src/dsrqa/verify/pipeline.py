"""The ``Verifier``: the corpus tables of one index and the three stages, run in order.

1. ``verbatim.py``: the text word for word in one unit of a report;
2. ``close.py``: a window of a unit within a word or two (a name put in place of the
   report's makes it ``not_found``);
3. ``meaning.py``: a sentence near in meaning that says every name and figure of the text
   and not the opposite (``supported``), or ``not_found`` with what differs.

Each stage returns a ``Verification`` or passes (None); the first one that decides stands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Verdict
from .candidates import Candidates
from .close import Close
from .meaning import ByMeaning
from .results import Verification
from .rules.base import Reading
from .tables import build_tables
from .verbatim import Verbatim
from .words import has_words, plain, tokens

if TYPE_CHECKING:
    from ..config import Config
    from ..index import Index


NO_WORDS = "the text has no words to look for"


class Verifier:
    """Corpus tables for verification, built once per index (about 0.7 s), and the stages
    that read them. ``config`` is read per text (calibration replaces it)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.config: Config = index.config
        self.tables = build_tables(index, self.config)
        self.candidates = Candidates(index, self.tables)
        self.verbatim = Verbatim(index, self.tables)
        self.close = Close(index, self.tables)
        self.meaning = ByMeaning(self.candidates)

    def verify(self, text: str, id: str | None = None) -> Verification:
        """Verdict, matches and mismatches for one text (already validated)."""
        cfg = self.config
        if not has_words(text):  # only marks, symbols, lost ligatures: nothing to look for
            return Verification(text, Verdict.NOT_FOUND, (), (), NO_WORDS, id)
        found = self.verbatim.check(cfg, text, id)
        if found is not None:
            return found
        words = plain(text)
        if not has_words(words):
            return Verification(text, Verdict.NOT_FOUND, (), (), NO_WORDS, id)
        toks = tokens(words)
        reading = Reading(self.tables.names, cfg)
        found = self.close.check(cfg, reading, text, words, toks, id)
        if found is not None:
            return found
        return self.meaning.check(cfg, reading, text, words, id)

    def warm(self) -> Verifier:
        """Work out every candidate's figures, acronyms and reversing words now, not on a
        text's first use of it, and the names their passages say. A long-running process
        (the app, ``verify --jsonl``) pays about 0.7 s once; a text that first touches many
        candidates took up to twice its time (72 ms against 37 ms)."""
        self.candidates.warm(self.config)
        return self

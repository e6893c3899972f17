"""What a report text says, as names: its words, the initials of its names and its
acronyms, read once per text (``SaidNames``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ....text import normalize
from ...words import WORD, fold
from .context import SaidNames
from .initials import initials
from .words import singular

ABBREV_DOTS = re.compile(r"(?<=\b[A-Z])\.")


@lru_cache(maxsize=1024)
def said_names(said: str) -> SaidNames:
    """The words a quote and its passage say (folded; U.S. is also US), the initials of
    their names (Research and Development: RD) and their acronyms (BRI, DSR)."""
    said = normalize(said)
    said += " " + ABBREV_DOTS.sub("", said)
    words = WORD.findall(fold(said))  # one pass: fold keeps lengths
    words += [fold(w) for w in re.findall(r"\b[A-Z](?:&[A-Z])+\b", said)]  # R&D
    plurals = [fold(singular(w)) for w in re.findall(r"\b[A-Z]{2,}s\b", said)]  # (MOUs)
    have = frozenset(words + plurals)
    return SaidNames(have, frozenset(initials(said)), frozenset(re.findall(r"\b[A-Z]{2,}\b", said)))

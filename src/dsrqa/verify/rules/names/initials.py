"""Rule: a name and its initials stand for each other. "PNG" says "Papua New Guinea",
"R&D" says "Research and Development", and "Belt and Road" says "BRI" (an acronym may
add one letter at the end)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ....text import STOPWORDS
from ...words import ACRONYM
from .context import NameAt, NameCtx
from .words import NAME_RUN


class InitialsAt(NamedTuple):
    """A run of capitalised words of a text, where it stands, and its initials."""

    start: int
    end: int
    initials: str


def initials_at(text: str) -> list[InitialsAt]:
    """Runs of capitalised words (Belt and Road, Telekom Research and Development) with
    their initials, so an acronym and its words can stand for each other."""
    out = []
    for m in NAME_RUN.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in STOPWORDS:  # "A Belt and Road offshoot"
            words.pop(0)
        out.append(InitialsAt(m.start(), m.end(), "".join(w[0] for w in words if w[0].isupper())))
    return out


def initials(text: str) -> set[str]:
    """Every stretch of two or more initials of the text's name runs (TRD: TR, RD, TRD)."""
    out = set()
    for _a, _b, run in initials_at(text):
        out |= {run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1)}
    return out


def abbreviated(text: str, quote: str) -> list[tuple[int, int]]:
    """Spans of the quote's names that the text writes as an acronym: by their initials
    (IEEE for the Institute of Electrical and Electronics Engineers), or by the acronym
    the quote puts after them (ISO for "International Organization for Standardization
    (ISO)")."""
    acronyms = {m.group(1) for m in ACRONYM.finditer(text)}
    out = []
    for start, end, run in initials_at(quote):
        after = re.match(r"\s*\(([A-Z]{2,})\)", quote[end:])
        if run in acronyms or (after is not None and after.group(1) in acronyms):
            out.append((start, end))
    return out


def initials_of_a_name(name: NameAt, ctx: NameCtx) -> bool:
    """A name of the text written as the initials of a name the quote or its passage
    says: "PNG" for "Papua New Guinea", "R&D" for "Research and Development"."""
    return name.word.replace("&", "") in ctx.said.initials


def words_of_an_acronym(name: NameAt, ctx: NameCtx) -> bool:
    """A word of a run of capitalised words whose initials begin an acronym the quote or
    its passage says: "Belt and Road" for "BRI"."""
    run = next((i for a, b, i in initials_at(name.text) if a <= name.start < b), "")
    return any(c.startswith(run) for c in ctx.said.acronyms if len(run) >= 2)

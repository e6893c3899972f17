"""Rule: every name of the text must be said by the quote, or, when the text dropped none
of the quote's own names, by the passage, section or report around it. The rules below
say when a name counts as said; they are tried in order, cheapest first."""

from __future__ import annotations

from collections.abc import Callable

from ...words import fold, in_figure
from .acronyms import acronym_spelled_out
from .context import NameAt, NameCtx
from .dropped import dropped_names
from .fuller_forms import completes_a_name
from .initials import initials_of_a_name, words_of_an_acronym
from .kindred import said_around, said_in_quote
from .metonyms import capital_for_country
from .words import NAME_WORD, is_name, singular

SaidRule = Callable[[NameAt, NameCtx], bool]  # does the report side say this name?

# A name of the text is said when one of these says so ...
SAID_ALWAYS: dict[str, SaidRule] = {
    "initials_of_a_name": initials_of_a_name,
    "said_in_quote": said_in_quote,
    "acronym_spelled_out": acronym_spelled_out,
    "words_of_an_acronym": words_of_an_acronym,
}
# ... or, when the text dropped none of the quote's own names, one of these.
SAID_UNLESS_DROPPED: dict[str, SaidRule] = {
    "said_around": said_around,
    "capital_for_country": capital_for_country,
    "completes_a_name": completes_a_name,
}


def unsaid_names(text: str, ctx: NameCtx) -> list[str]:
    """Names of the text the report side does not say. A text's first word is a name
    only if the reports write it so inside a sentence; a figure's words are no names."""
    book = ctx.reading.names
    missing = []
    dropped: list[str] | None = None  # worked out only when a name needs the passage
    for m in NAME_WORD.finditer(text):
        w, low = m.group(0), fold(singular(m.group(0)))
        if in_figure(m.start(), ctx.figures) or (m.start() == 0 and low not in book.inside_seen):
            continue
        if not is_name(w, book):
            continue
        name = NameAt(w, low, m.start(), text)
        if any(rule(name, ctx) for rule in SAID_ALWAYS.values()):
            continue
        if dropped is None:
            dropped = dropped_names(text, ctx.own, ctx.reading)
        if not dropped and any(rule(name, ctx) for rule in SAID_UNLESS_DROPPED.values()):
            continue
        missing.append(w)
    return missing

"""Rule: a capital stands for its country's government. "Beijing" says what "China" (or
"Chinese") does, "Washington" what "US", "United States" or "American" does
(``lexicon.METONYMS``); not another country's."""

from __future__ import annotations

from ...lexicon import METONYMS
from ...words import fold
from .context import NameAt, NameCtx


def metonym_said(low: str, have: frozenset[str], caps: frozenset[str]) -> bool:
    """Whether a capital standing for its country is said by the country's name (US in
    capitals only: "us" is also a pronoun)."""
    return any(
        alias in caps if alias.isupper() else all(w in have for w in fold(alias).split())
        for alias in METONYMS.get(low, ())
    )


def capital_for_country(name: NameAt, ctx: NameCtx) -> bool:
    """A capital of the text whose country the quote or its passage names."""
    return metonym_said(name.low, ctx.said.words, ctx.said.acronyms)

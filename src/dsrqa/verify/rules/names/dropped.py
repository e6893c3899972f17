"""Rule: a text that drops one of its sentence's own names may not borrow a name from
the passage around it. "The Solomon Islands" for the quote's "PNG" is a swap, not a name
the passage implies; a name said in any form (kindred words, its initials, its capital)
is not dropped."""

from __future__ import annotations

from ...lexicon import METONYMS
from ...words import WORD, fold
from ..base import Reading
from .initials import abbreviated, initials
from .kindred import said
from .words import capitalised_inside, is_name, singular


def dropped_names(text: str, quote: str, reading: Reading) -> list[str]:
    """Names of the quote (inside its sentences) that the text does not say, in any
    form: kindred words, the initials of its names (Papua New Guinea for PNG), or a
    capital for its country (Beijing for China)."""
    written = WORD.findall(text)
    words = frozenset(fold(w) for w in written) | {fold(singular(w)) for w in written}
    words |= {fold(a) for w in words for alias in METONYMS.get(w, ()) for a in alias.split()}
    inits = initials(text)
    short = abbreviated(text, quote)
    return [
        w
        for m in WORD.finditer(quote)
        if capitalised_inside(quote, m.start())
        and is_name(w := m.group(0), reading.names)
        and not said(fold(singular(w)), words, reading.cfg)
        and singular(w) not in inits
        and not any(a <= m.start() < b for a, b in short)
    ]

"""Rule: a name made of another name's words in another order is another name. "Bank of
China" is not "China Construction Bank", though the quote says each word; "CIMB Bank of
Malaysia" is "Malaysia's CIMB Bank"."""

from __future__ import annotations

from .context import NameCtx
from .words import contiguous, name_words


def reordered_names(text: str, quote: str) -> list[str]:
    """Names of the text made of the words of one name of the quote, but not as they stand
    there: "Bank of China" is not "China Construction Bank", though each word is said."""
    out = []
    for written, run in name_words(text):
        for _other, words in name_words(quote) if len(run) > 1 else ():
            if set(run) <= set(words) and not contiguous(run, words):
                out.append(written)
                break
    return out


def names_reordered(text: str, ctx: NameCtx) -> list[str]:
    """The text's names made of a quote's name's words in another order."""
    return reordered_names(text, ctx.quote)

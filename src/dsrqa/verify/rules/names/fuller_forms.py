"""Rule: a name the quote gives short may be given in full, as the reports write it.
"Xi Jinping" for the quote's "Xi", since the reports' only longer name with "Xi" is
"President Xi Jinping"; never "China Telecom" for "China", which is part of many names."""

from __future__ import annotations

from collections.abc import Mapping

from .context import NameAt, NameCtx
from .words import contiguous, name_words


def fuller_form(
    low: str, text: str, said: frozenset[str], full_names: Mapping[str, list[list[str]]]
) -> bool:
    """Whether a name word of the text completes a name the quote says short, as the
    reports write it in full (``full_names``: each word's longer names in the reports)."""
    for _written, run in name_words(text):
        if low not in run or len(run) < 2:
            continue
        for other in run:
            fulls = full_names.get(other, [])
            if (
                other != low
                and other in said
                and fulls
                and all(low in full for full in fulls)
                and any(contiguous(run, full) for full in fulls)
            ):
                return True
    return False


def completes_a_name(name: NameAt, ctx: NameCtx) -> bool:
    """A name word of the text that completes a name the quote gives short."""
    return fuller_form(name.low, name.text, ctx.in_quote, ctx.reading.names.full_names)

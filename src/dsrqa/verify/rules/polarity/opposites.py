"""Rule: a text that says a word where its sentence says the word's opposite, and neither
says both, says the opposite ("smallest" where the report says "largest", "after" for
"before": ``lexicon.OPPOSITES``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon import OPPOSITE
from .context import ReportWords, TextWords

if TYPE_CHECKING:
    from ....config import Config


def opposites(text: TextWords, report: ReportWords, cfg: Config) -> str:
    """Why the text says the opposite of the candidate, or "": a word of the text whose
    opposite the candidate says, where the candidate lacks the word and the text its
    opposite."""
    said, written = report.words, set(text.words)
    for word in text.words:
        for opposite in OPPOSITE.get(word, frozenset()) & said - written:
            if word not in said:
                return f"the text says {word!r} where the report says {opposite!r}"
    return ""

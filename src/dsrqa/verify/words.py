"""The words and figures of a text as verify compares them: folded tokens with their
offsets, a pasted text's PDF artifacts undone, and the figures of a text (cached).

No rule lives here: these are the primitives every stage and rule reads a text with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..errors import BadInputError
from ..quantities import Quantity, quantities
from ..text import TRANSLATE
from .lexicon import LIGATURES

TOKEN = re.compile(r"[$%]|[a-z0-9\ufffd]+(?:[.,]\d+)*")
ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")
ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")
FOOTNOTE = re.compile(
    r"(?:(?<=[A-Za-z][.,;:!?\"”’)])|(?<=[^\d$.,](?:19|20)\d\d[.,;:]))\d{1,3}(?=\s|$)"
)  # ``in 2014.88`` pasted: a year is never written with decimals
# A word broken across lines ("govern- ment"), not a suspended hyphen ("ten- and five-year").
SOFT_HYPHEN = re.compile(r"(?<=[a-z])-\s+(?!(?:and|or|to|nor)\b)(?=[a-z])")
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|\\(?=[$%&_#*])")
PER_CENT = re.compile(r"\b([Pp])er\s+cent\b")  # the reports write "percent"
WORD = re.compile(r"[\w\ufffd]+")  # a word as names are read: R&D is two


class _Controls(dict[int, int]):
    """``str.translate`` table: every control, format, surrogate, private-use or
    unassigned character (category C) to a space, the others to themselves; filled as
    characters are met (at most ``MAX_SEEN`` kept)."""

    MAX_SEEN = 20000

    def __missing__(self, code: int) -> int:
        out = 32 if unicodedata.category(chr(code))[0] == "C" else code
        if len(self) < self.MAX_SEEN:
            self[code] = out
        return out


CONTROLS = _Controls()


class Tok(NamedTuple):
    """A word token: its folded form and its span in the text it came from (a tuple:
    a text of 5000 characters has about 900, made on every check)."""

    norm: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case and fold quotes and dashes without changing the text's length."""
    out = text.translate(TRANSLATE)
    low = out.lower()
    if len(low) == len(out):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def tokens(text: str) -> list[Tok]:
    """Word, number, ``$`` and ``%`` tokens; thousands separators dropped from numbers."""
    out = []
    for m in TOKEN.finditer(fold(text)):
        norm = m.group(0)
        if norm[0].isdigit():
            norm = norm.replace(",", "")
        out.append(Tok(norm, m.start(), m.end()))
    return out


def has_words(text: str) -> bool:
    """Whether a text has a word to look for: a token with a letter or a digit (not only
    ``$``, ``%`` or lost ligatures ``\ufffd``)."""
    return any(any(c.isalnum() for c in t.norm) for t in tokens(text))


def same_word(text_word: str, report_word: str) -> bool:
    """Equal words; a ``\ufffd`` pasted from the raw file stands for a lost ligature."""
    if text_word == report_word:
        return True
    if "\ufffd" not in text_word:
        return False
    pattern = re.escape(text_word).replace("\ufffd", "(?:" + "|".join(LIGATURES) + ")")
    return re.fullmatch(pattern, report_word) is not None


def repair(text: str) -> str:
    """Undo, in a pasted text, what PDF extraction did: glued footnote numbers, words
    hyphenated across a line break, ``\\$`` escapes and link markup; and write "per cent"
    as the reports do, "percent"."""
    text = MARKUP.sub(lambda m: m.group(1) or "", text)
    text = FOOTNOTE.sub("", text)
    text = PER_CENT.sub(r"\1ercent", text)
    return SOFT_HYPHEN.sub("", text)


def plain(text: str) -> str:
    """The text as the close and by-meaning stages read it: repaired, ellipses as spaces."""
    return ELLIPSIS.sub(" ", repair(text))


def clean_text(text: object, limit: int) -> str:
    """Validate a text to verify: text, not blank, bounded; control characters become spaces."""
    if not isinstance(text, str):
        raise BadInputError(f"the text to verify must be a string, got {type(text).__name__}")
    text = unicodedata.normalize("NFKC", text).translate(CONTROLS)
    text = " ".join(text.split())
    if not text:
        raise BadInputError("the text to verify is empty; give a quote or a claim")
    if len(text) > limit:
        raise BadInputError(f"the text has {len(text)} characters; at most {limit} are accepted")
    return text


def written_words(text: str, toks: Sequence[Tok]) -> list[int]:
    """For each token, the number of the written word it belongs to: tokens joined by a
    hyphen ("high-flying") are one word."""
    out: list[int] = []
    for i, t in enumerate(toks):
        joined = i and text[toks[i - 1].end : t.start] in ("-", "‑")
        out.append(out[-1] if joined else (out[-1] + 1 if out else 0))
    return out


@lru_cache(maxsize=4096)
def figures(quote: str) -> tuple[Quantity, ...]:
    """The figures of a report sentence (the same few come up again and again) or of the
    text being checked (once per candidate sentence)."""
    return tuple(quantities(quote))


def in_figure(offset: int, figures: Sequence[Quantity]) -> bool:
    """Whether a word starts inside a figure: Q3 in "Q3 2020" is a date, not a name."""
    return any(f.start <= offset < f.end for f in figures)

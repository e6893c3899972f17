"""Rule: the report figure named against a text's figure is the one that stands where
it does: among the same words (in its sentence, then next to it), then of the same kind,
then before the same word, then the nearest in value ("$31,000" for "$29,000", not for
"$11,200")."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ....chunking import split_sentences
from ....quantities import Quantity
from ....text import content_terms
from ...lexicon import FIGURE_CLAUSE_BREAK
from ...words import fold

if TYPE_CHECKING:
    from ....config import Config


class Fit(NamedTuple):
    """How well a report figure stands where the text's does; more is better."""

    shared_words: int  # words around both, in the sentence and next to it
    same_kind: bool
    same_next_word: bool
    closeness: float  # minus how far apart the values are


def nearest(q: Quantity, text: str, rivals: Sequence[Quantity], quote: str, cfg: Config) -> str:
    """The rival figure that stands where the text's does: among the same words, in its
    sentence and next to it ("46 percent of Malaysians were online in 2010" and "in 2010,
    only 56 percent of the population was online"), then of the same kind (money for
    money), then with the same next word (300 *intersections*), then the nearest in value
    (an altered figure is mostly a small change: $31,000 for $29,000, not for $11,200)."""
    return max(rivals, key=lambda r: fit(q, text, r, quote, cfg)).surface


def fit(q: Quantity, text: str, r: Quantity, quote: str, cfg: Config) -> Fit:
    """How well the report's figure ``r`` stands where the text's ``q`` does: the words
    within ``verify_figure_sentence_words`` (its sentence) and ``verify_figure_near_words``
    either side that both share."""
    far, close = cfg.verify_figure_sentence_words, cfg.verify_figure_near_words
    shared = len(around(text, q, far) & around(quote, r, far))
    near = len(around(text, q, close) & around(quote, r, close))
    after = words_after(text, q.end)[:1]
    return Fit(
        shared + near,
        r.kind == q.kind,
        bool(after) and words_after(quote, r.end)[:1] == after,
        -distance(q.value, r.value),
    )


def distance(a: float, b: float) -> float:
    """How far apart two values are, as a ratio (1990 and 2000 are near, 5 and 50 not)."""
    if a <= 0 or b <= 0:
        return abs(a - b)
    return abs(math.log(a / b))


def words_after(text: str, end: int) -> list[str]:
    """The words just after a figure (within 30 characters)."""
    return re.findall(r"[a-z]+", fold(text[end : end + 30]))


@lru_cache(maxsize=8192)
def around(text: str, q: Quantity, reach: int) -> frozenset[str]:
    """Content words within ``reach`` words either side of a figure, in its clause: "46
    percent of Malaysians were online in 2010, but more than 80 percent ..." puts 2010
    with 46 percent, not with 80."""
    start, end = next(((a, b) for a, b in split_sentences(text) if a <= q.start < b), (0, 0))
    for m in FIGURE_CLAUSE_BREAK.finditer(text, start, max(end, q.end)):
        if m.end() <= q.start:
            start = m.end()
        elif m.start() >= q.end:
            end = m.start()
            break
    before = text[start : q.start].split()[-reach:]
    after = text[q.end : max(end, q.end)].split()[:reach]
    return frozenset(content_terms(" ".join(before + after)))

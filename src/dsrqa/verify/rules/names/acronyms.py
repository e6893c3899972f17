"""Rule: an acronym and the words it stands for say the same thing. "AI" is "artificial
intelligence", "JV" is "joint venture" (in lower case too), "DCCP" is "Digital
Connectivity and Cybersecurity Partnership"; an acronym may add one letter at the end
(Belt and Road: BRI)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ....text import STOPWORDS, normalize, stem
from ...lexicon import INSIDE_ACRONYM
from ...words import ACRONYM
from .context import NameAt, NameCtx
from .words import singular

WORD_RUN = re.compile(r"[a-z]+|[^\sa-z'’-]")


@dataclass(frozen=True)
class Abbrev:
    """Where a text has an acronym (AI, AVs, BRI) or a run of two or more content words
    (artificial intelligence), with the letters that stand for it and the stems it covers,
    so an acronym and the words it stands for can stand for each other."""

    initials: str
    stems: frozenset[str]
    start: int
    end: int
    acronym: bool


@lru_cache(maxsize=8192)
def abbreviations(text: str, longest: int) -> tuple[Abbrev, ...]:
    """The acronyms of a text and the initials of each run of two to ``longest`` of its
    content words (``verify_acronym_words``)."""
    out = [
        Abbrev(stem(m.group(1).lower()), frozenset({stem(m.group(1).lower())}), *m.span(), True)
        for m in ACRONYM.finditer(text)
    ]
    folded = normalize(text).lower()
    if len(folded) != len(text):  # NFKC changed lengths: offsets would drift
        folded = text.lower()
    seq: list[list[re.Match[str]]] = [[]]
    for m in WORD_RUN.finditer(folded):
        word = m.group(0)
        if not word[0].isalpha() or (word in STOPWORDS and word not in INSIDE_ACRONYM):
            seq.append([])  # a run ends at punctuation and at most stopwords
        elif word not in STOPWORDS:
            seq[-1].append(m)
    for run in seq:
        for i in range(len(run)):
            for j in range(i + 2, min(i + longest, len(run)) + 1):
                ws = [m.group(0) for m in run[i:j]]
                initials = stem("".join(w[0] for w in ws))
                stems = frozenset(stem(w) for w in ws)
                out.append(Abbrev(initials, stems, run[i].start(), run[j - 1].end(), False))
    return tuple(out)


def stands_for(a: Abbrev, b: Abbrev) -> bool:
    """Whether an acronym and a run of words stand for each other: the same letters, or
    the acronym with one more at the end (Belt and Road: BRI)."""
    if a.acronym == b.acronym:
        return False
    short, long = (a, b) if a.acronym else (b, a)
    return short.initials == long.initials or (
        len(short.initials) == len(long.initials) + 1 and short.initials.startswith(long.initials)
    )


def spelled_out(word: str, quote: str, longest: int) -> bool:
    """Whether an acronym of the text is said in the quote by its words in lower case
    (JV: "joint venture"); names in capitals are matched by their initials elsewhere."""
    if not ACRONYM.fullmatch(word):
        return False
    initials = stem(singular(word).lower())
    return any(not a.acronym and a.initials == initials for a in abbreviations(quote, longest))


def spelled_like(text: str, quote: str, longest: int) -> str:
    """The text with each acronym or run of words the quote writes the other way written
    as the quote does ("the US Digital Connectivity and Cybersecurity Partnership" where the
    quote says "DCCP"), so their meanings compare as the words they mean."""
    theirs = abbreviations(quote, longest)
    swaps: list[tuple[int, int, str]] = []
    for mine in sorted(abbreviations(text, longest), key=lambda x: x.start - x.end):
        if any(mine.start < e and s < mine.end for s, e, _w in swaps):
            continue
        other = next((t for t in theirs if stands_for(mine, t)), None)
        if other is not None:
            swaps.append((mine.start, mine.end, quote[other.start : other.end]))
    for start, end, words in sorted(swaps, reverse=True):
        text = text[:start] + words + text[end:]
    return text


def acronym_spelled_out(name: NameAt, ctx: NameCtx) -> bool:
    """An acronym of the text that the quote says in lower-case words: "JV" for "joint
    venture"."""
    return spelled_out(name.word, ctx.quote, ctx.reading.cfg.verify_acronym_words)

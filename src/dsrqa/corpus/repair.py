"""Word repairs: hard-wrapped lines joined (hyphenation undone where the word is known),
escaped dollars, link markup, glued footnote numbers, lost ligatures and split drop caps.

The repairs that guess a word ask the reports' own ``vocabulary`` which spelling they
use elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .lexicon import (
    BROKEN_BY_DROP_CAP,
    BROKEN_BY_HYPHEN,
    BROKEN_BY_LIGATURE,
    DROP_CAP,
    ESCAPED_DOLLAR,
    FOOTNOTE,
    HYPHEN_HEAD,
    HYPHEN_TAIL,
    LIGATURE,
    LIGATURE_CANDIDATES,
    LIGATURE_WORD,
    LINK,
    MULTISPACE,
    NO_SPACE_AFTER,
    SPACE_BEFORE_STOP,
    WORD,
)
from .lines import Line
from .offsets import Mapped


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-case word counts of whole words, leaving out words broken across lines.

    The repairs (hyphenation, ligatures, drop caps) ask it whether a repaired word is
    one the reports use elsewhere.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        text = BROKEN_BY_HYPHEN.sub(" ", text)
        text = BROKEN_BY_LIGATURE.sub(" ", text)
        text = BROKEN_BY_DROP_CAP.sub(" ", text)
        counts.update(w.lower() for w in WORD.findall(text))
    return counts


def drop_hyphen(head: str, tail: str, vocab: Counter[str]) -> bool:
    """``govern-`` + ``ment`` is one word; ``tech-`` + ``friendly`` keeps its hyphen."""
    if (head + tail).lower() in vocab:
        return True
    return head.lower() not in vocab and tail.lower() not in vocab


def fix_ligature(word: str, vocab: Counter[str]) -> str:
    """``o�ered`` -> ``offered``: the candidate the reports use most elsewhere."""
    best, best_count = word.replace(LIGATURE, "ff"), -1
    for cand in LIGATURE_CANDIDATES:
        fixed = word.replace(LIGATURE, cand)
        count = vocab.get(fixed.lower(), 0)
        if count > best_count:
            best, best_count = fixed, count
    return best


def joins_drop_cap(letter: str, rest: str, vocab: Counter[str]) -> bool:
    """``I s China's``: ``Is`` is a known word and ``s`` is not (or is two letters at most)."""
    joined = (letter + rest).lower()
    tail = rest.lower()
    return joined in vocab and (tail not in vocab or len(tail) <= 2)


class Repairer:
    """The word repairs of one report. Footnote numbers are dropped only in sequence, so
    it counts the last one seen: repair a report's text in reading order."""

    def __init__(self, vocab: Counter[str], footnotes: bool = False) -> None:
        self.vocab = vocab
        self.footnotes = footnotes
        self.last_note = 0

    def join(self, left: Mapped, right: Mapped) -> Mapped:
        """Join two fragments of one sentence with a space, or none after a dash."""
        lt, rt = left.text, right.text
        if lt.endswith("-") and len(lt) > 1 and lt[-2].isalpha() and rt[:1].islower():
            head = HYPHEN_HEAD.search(lt[:-1])
            tail = HYPHEN_TAIL.match(rt)
            if head and tail and drop_hyphen(head.group(0), tail.group(0), self.vocab):
                return left.slice(0, len(lt) - 1) + right
            return left + right
        if lt.endswith(NO_SPACE_AFTER):
            return left + right
        return left + Mapped.synthetic(" ", left.offs[-1] + 1) + right

    def join_lines(self, lines: Sequence[Line]) -> Mapped:
        """Join hard-wrapped lines, undoing hyphenation where the joined word is known."""
        out: Mapped | None = None
        for line in lines:
            piece = line.fragment()
            if not piece.text:
                continue
            out = piece if out is None else self.join(out, piece)
        return out if out is not None else Mapped("", [])

    def concat(self, parts: Sequence[Mapped]) -> Mapped:
        """Join fragments in order, as ``join`` does two."""
        out = parts[0]
        for part in parts[1:]:
            out = self.join(out, part)
        return out

    def repair(self, text: Mapped, paragraph_start: bool = True) -> Mapped:
        """Word-level repairs on one joined paragraph or cell."""
        text = text.sub(ESCAPED_DOLLAR, lambda m: "$")
        text = text.sub(LINK, lambda m: m.group(1))
        if self.footnotes:
            text = text.sub(FOOTNOTE, self.footnote)
        text = text.sub(LIGATURE_WORD, lambda m: fix_ligature(m.group(0), self.vocab))
        if paragraph_start:
            text = text.sub(DROP_CAP, self.drop_cap)
        text = text.sub(MULTISPACE, lambda m: " ")
        text = text.sub(SPACE_BEFORE_STOP, lambda m: "")
        return text.strip()

    def footnote(self, m: re.Match[str]) -> str:
        """Drop a glued note number only if it is the next one: ``iPay88`` is a name."""
        number = int(m.group(1))
        if self.last_note < number <= self.last_note + 3:
            self.last_note = number
            return ""
        return m.group(0)

    def drop_cap(self, m: re.Match[str]) -> str:
        """``I s China's`` -> ``Is China's`` when the joined word is a known word."""
        if joins_drop_cap(m.group(1), m.group(2), self.vocab):
            return m.group(1)
        return m.group(0)

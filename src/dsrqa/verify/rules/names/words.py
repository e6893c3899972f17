"""Rule: a proper name is a capitalised word (or iFlytek, eBay) the reports never write
lower-case; a name runs over capitalised words ("U Mobile"), and "and" splits two names.
Every name rule reads names with these."""

from __future__ import annotations

import re
from typing import NamedTuple

from ....quantities import MONTHS
from ...lexicon import NAME_FILLERS
from ...words import Tok, fold
from ..base import NameBook

NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:and|of|for|the|&)\s+)?[A-Z][\w’'-]*)+")
NAME_WORD = re.compile(r"\b[A-Z](?:&[A-Z])+\b|[\w\ufffd]+")  # R&D is one


class NameRun(NamedTuple):
    """A name of a text as written and as folded words, "A of B" read as "B A"."""

    written: str
    words: list[str]


def is_name(word: str, book: NameBook) -> bool:
    """A proper name: capitalised (or iFlytek, eBay), and never seen lower-case in the
    reports."""
    low = fold(word)
    capital = word[:1].isupper() or (word[:1].islower() and not word.islower())
    return capital and low not in book.lower_seen and low not in MONTHS


def capitalised_inside(text: str, start: int) -> bool:
    """A capitalised word that does not open a sentence: part of a name (U *Mobile*)."""
    before = text[:start].rstrip()
    return text[start : start + 1].isupper() and bool(before) and before[-1] not in ".!?:"


def name_goes_on(text: str, tok: Tok, name: Tok, book: NameBook) -> bool:
    """Whether the word before a name goes with it: capitalised inside a sentence
    (a list of them is named whole), or a name itself with only a space between (a
    timeline entry's company opens its sentence after the date: "Weibo Corp")."""
    if capitalised_inside(text, tok.start):
        return True
    return not text[tok.end : name.start].strip() and is_name(text[tok.start : tok.end], book)


def singular(word: str) -> str:
    """SOEs and MOUs are SOE and MOU: an acronym's plural names the same thing."""
    return word[:-1] if re.fullmatch(r"[A-Z]{2,}s", word) else word


def name_words(text: str) -> list[NameRun]:
    """The names of a text, each as written and as folded words: split at "and" (Huawei
    and ZTE are two names), "A of B" read as "B A" (CIMB Bank of Malaysia: Malaysia's
    CIMB Bank), without "for", "the" or a possessive."""
    out = []
    for m in NAME_RUN.finditer(text):
        for part in re.split(r"\s+(?:and|&)\s+", m.group(0)):
            head, _of, owner = part.partition(" of ")
            words = [re.sub(r"[’']s$", "", fold(w)) for w in (owner + " " + head).split()]
            out.append(NameRun(part, [w for w in words if w not in NAME_FILLERS]))
    return out


def contiguous(words: list[str], within: list[str]) -> bool:
    """Whether ``words`` stand together, in order, in ``within``."""
    n = len(words)
    return any(within[i : i + n] == words for i in range(len(within) - n + 1))

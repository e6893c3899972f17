"""Small builders for the rule tests: a text aligned with a report sentence as the close
stage aligns them, what the reports are taken to write as names, and a name context."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from rapidfuzz.distance import Levenshtein

from dsrqa.config import Config
from dsrqa.verify.rules.base import Aligned, NameBook, Op, Reading
from dsrqa.verify.rules.names.context import NameCtx, SaidNames
from dsrqa.verify.rules.names.said import said_names
from dsrqa.verify.streams import Streams, cleaned_streams
from dsrqa.verify.tables import Tables, _next_units, _places, join_neighbours
from dsrqa.verify.units import Unit
from dsrqa.verify.words import figures, tokens

CFG = Config()
ROOT = Path(__file__).resolve().parents[2]
# A quote with a pasted footnote number ("giants.1") across a line break of the report
WRAPPED = (
    "The 2000s and 2010s marked a period of rapid growth for both tech giants.1 The two "
    "titans were able to bring unlevel playing fields with them"
)
FUZZ = int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "200"))
# properties on the real corpus verify a text per example: fewer of them by default
ON_CORPUS = settings(
    max_examples=int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def align(text: str, report: str) -> Aligned:
    """``text`` aligned word by word with the whole of ``report``."""
    a, b = tokens(text), tokens(report)
    ops = Levenshtein.opcodes([t.norm for t in a], [t.norm for t in b])
    return Aligned(text, a, report, b, tuple(Op(*op) for op in ops))


def book(
    lower: str = "", inside: str = "", full: dict[str, list[list[str]]] | None = None
) -> NameBook:
    """The reports' names: words written lower-case, capitalised inside a sentence, and
    longer names by word."""
    return NameBook(frozenset(lower.split()), frozenset(inside.split()), full or {})


def reading(lower: str = "", inside: str = "", config: Config = CFG) -> Reading:
    return Reading(book(lower, inside), config)


def name_ctx(
    text: str, quote: str, around: str = "", own: str | None = None, read: Reading | None = None
) -> NameCtx:
    """What a text's names are checked against: ``quote`` and the passage ``around`` it."""
    quoted = said_names(quote)
    near = said_names(around) if around else SaidNames()
    return NameCtx(
        quote,
        quote if own is None else own,
        quoted.words,
        quoted | near,
        figures(text),
        read or reading(),
    )


def tiny_tables(*paragraphs: tuple[str, str]) -> Tables:
    """Tables over a few ``(section, text)`` paragraphs of one report, with the pairs
    joined across a break, and nothing to read by meaning."""
    units = []
    for section, text in paragraphs:
        toks = tokens(text)
        offsets = tuple(range(len(text)))
        units.append(Unit("r", section, text, offsets, toks, [t.norm for t in toks]))
    next_unit = _next_units(units)
    first, df = _places(units)
    count = len(units)
    cleaned = cleaned_streams(units, count)
    joins = join_neighbours(units, next_unit)
    return Tables(
        units=units,
        paragraphs=count,
        next_unit=next_unit,
        cleaned=cleaned,
        files=Streams.of([]),
        joins=joins,
        first=first,
        df=df,
        names=book(),
        extras=(),
        sentence_terms=[],
        passage_of={},
        same_row_head={},
        section_text={},
        vectors=None,
        word_vectors=[],
    )

"""The corpus tables verify reads, by ``build_tables`` once per loaded index: the units
to match words in and where each word stands and how the reports write names (derived
from the cleaned reports, about 0.4 s), and the candidates by meaning (the index's
sentences, then the extras) with their vectors, as the build saved them.

Nothing here decides a verdict; the stages and rules read these tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..stores import Extra
from ..text import content_terms
from .extras import rows_by_first_cell
from .rules.base import NameBook
from .rules.names.words import capitalised_inside, name_words
from .streams import Streams, cleaned_streams, file_stream
from .units import Unit, joined, units_of

if TYPE_CHECKING:
    from ..config import Config
    from ..index import Index


@dataclass(frozen=True)
class Tables:
    """Everything verify reads of the corpus, built once."""

    units: list[Unit]  # the paragraphs (and left-out lines), then pairs joined across a break
    paragraphs: int  # how many of ``units`` are paragraphs, before the joined pairs
    next_unit: dict[int, int]  # the paragraph after, in the same section
    cleaned: Streams  # each report's cleaned units in order; each left-out line alone
    files: Streams  # each report's raw file as a reader copies it
    joins: dict[int, list[int]]  # a paragraph's pairs with its neighbours
    first: dict[str, list[tuple[int, int]]]  # each word's places: (unit, token)
    df: dict[str, int]  # how many paragraphs say each word
    names: NameBook
    extras: tuple[Extra, ...]  # candidates by meaning after the index's sentences
    sentence_terms: list[set[str]]  # each candidate's content terms
    passage_of: dict[int, int]  # sentence id: passage
    same_row_head: dict[int, list[int]]  # sentence id: the rows sharing its first cell
    section_text: dict[tuple[str, str], str]  # a section's prose, headings and sources
    vectors: Any  # each candidate's vector (numpy array)
    word_vectors: list[Any]  # each candidate's content words in context


def build_tables(index: Index, config: Config) -> Tables:
    """Read the corpus and the saved candidates into the tables verify needs."""
    units = [u for rid in index.catalog.ids for u in units_of(index.document(rid), rid)]
    next_unit = _next_units(units)
    first, df = _places(units)
    extras = index.extras.items
    terms = [content_terms(s.embed_text) for s in index.sentences]
    terms += [content_terms(e.text) for e in extras]
    vectors, word_vectors = _vectors(index)
    paragraphs = len(units)
    files = [file_stream(index.document(rid), units) for rid in index.catalog.ids]
    cleaned = cleaned_streams(units, paragraphs)
    joins = join_neighbours(units, next_unit)
    return Tables(
        units=units,
        paragraphs=paragraphs,
        next_unit=next_unit,
        cleaned=cleaned,
        files=Streams.of(files),
        joins=joins,
        first=first,
        df=df,
        names=_name_book(units[:paragraphs]),
        extras=extras,
        sentence_terms=terms,
        passage_of={sid: pi for pi, p in enumerate(index.passages) for sid, _s, _e in p.sentences},
        same_row_head=rows_by_first_cell(index),
        section_text=_section_text(index, index.extras.blocks),
        vectors=vectors,
        word_vectors=word_vectors,
    )


def _next_units(units: list[Unit]) -> dict[int, int]:
    """Each paragraph's next one in the same section (an analyst quotes across a break)."""
    out = {}
    for ui, (unit, after) in enumerate(zip(units, units[1:], strict=False)):
        same_section = (unit.report, unit.section) == (after.report, after.section)
        if unit.indexed and after.indexed and same_section:
            out[ui] = ui + 1
    return out


def _places(units: list[Unit]) -> tuple[dict[str, list[tuple[int, int]]], dict[str, int]]:
    """Where each word stands (unit, token), and in how many units."""
    first: dict[str, list[tuple[int, int]]] = {}
    df: dict[str, int] = {}
    for ui, unit in enumerate(units):
        for pos, norm in enumerate(unit.norms):
            first.setdefault(norm, []).append((ui, pos))
        for norm in set(unit.norms):
            df[norm] = df.get(norm, 0) + 1
    return first, df


def _name_book(units: list[Unit]) -> NameBook:
    """How the reports write names: the words they write lower-case (no names), those
    capitalised inside a sentence, and each word's longer names."""
    lower_seen: set[str] = set()
    inside_seen: set[str] = set()  # capitalised inside a sentence: names
    full_names: dict[str, list[list[str]]] = {}  # word: the longer names with it
    for unit in units:
        for t in unit.toks if unit.indexed else ():  # not URLs: www.huawei.com
            if unit.text[t.start : t.end].islower():  # not iFlytek
                lower_seen.add(t.norm)
            elif capitalised_inside(unit.text, t.start):
                inside_seen.add(t.norm)
    for unit in units:
        for _written, run in name_words(unit.text) if unit.indexed else ():
            for word in run if len(run) > 1 else ():
                full_names.setdefault(word, []).append(run)
    return NameBook(frozenset(lower_seen), frozenset(inside_seen), full_names)


def _section_text(index: Index, the_blocks: tuple[Extra, ...]) -> dict[tuple[str, str], str]:
    """A section's prose, then its headings, table headers and sources."""
    out: dict[tuple[str, str], str] = {}
    for rid, section, text in [(p.report_id, p.section, p.text) for p in index.passages] + [
        (b.report, b.section, b.text) for b in the_blocks
    ]:
        out[rid, section] = f"{out.get((rid, section), '')} {text}"
    return out


def _vectors(index: Index) -> tuple[Any, list[Any]]:
    """Each candidate's vector and its content words' vectors in context: the index's
    sentences, then the extras."""
    import numpy as np

    extras = index.extras
    vectors = np.vstack([index.sentences.vectors, extras.vectors])
    word_vectors = [index.sentences.words_of(sid) for sid in range(len(index.sentences))]
    word_vectors += [extras.words_of(i) for i in range(len(extras))]
    return vectors, word_vectors


def join_neighbours(units: list[Unit], next_unit: dict[int, int]) -> dict[int, list[int]]:
    """Append to ``units`` each paragraph joined with the next one of its section; return,
    for every paragraph, the joined units it is part of."""
    joins: dict[int, list[int]] = {}
    for ui, nxt in list(next_unit.items()):
        units.append(joined(units[ui], units[nxt]))
        for one in (ui, nxt):
            joins.setdefault(one, []).append(len(units) - 1)
    return joins

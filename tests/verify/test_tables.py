"""The corpus tables verify builds (verify/units.py, verify/tables.py), on a tiny report."""

from __future__ import annotations

from types import SimpleNamespace

from dsrqa.verify.streams import file_stream, words
from dsrqa.verify.tables import _name_book
from dsrqa.verify.units import joined, left_out
from dsrqa.verify.words import tokens

from .helpers import tiny_tables

RAW = "Title Line\n\nHuawei built it.\nTop 5 firms\nAlibaba opened a park.\n"


def unit(text: str, heading: str = "S") -> SimpleNamespace:
    at = RAW.index(text)
    return SimpleNamespace(heading=heading, text=text, offsets=tuple(range(at, at + len(text))))


def test_raw_lines_no_unit_holds_are_kept_with_the_section_after_them() -> None:
    doc = SimpleNamespace(
        raw=RAW, units=[unit("Huawei built it.", "One"), unit("Alibaba opened a park.", "Two")]
    )
    out = left_out(doc)  # type: ignore[arg-type]
    assert [(o.heading, o.text) for o in out] == [("One", "Title Line"), ("Two", "Top 5 firms")]
    assert all(RAW[o.offsets[0] : o.offsets[-1] + 1] == o.text for o in out)


def test_two_paragraphs_of_a_section_join_with_a_break_between() -> None:
    tables = tiny_tables(("A", "Huawei built it."), ("A", "Then it left."), ("B", "Alibaba."))
    assert tables.next_unit == {0: 1}
    assert tables.joins == {0: [3], 1: [3]} and tables.paragraphs == 3
    pair = joined(tables.units[0], tables.units[1])
    assert pair.text == "Huawei built it.\nThen it left." and pair.norms[-3:] == [
        "then",
        "it",
        "left",
    ]
    assert pair.text[pair.toks[3].start : pair.toks[3].end] == "Then"
    assert tables.df["it"] == 2 and tables.first["huawei"] == [(0, 0)]


def test_the_name_book_reads_how_the_reports_write_names() -> None:
    tables = tiny_tables(("A", "Deals with U Mobile and China Mobile. Mobile data grew."))
    book = _name_book(tables.units[: tables.paragraphs])
    assert "mobile" in book.inside_seen and "grew" in book.lower_seen
    assert book.full_names["china"] == [["china", "mobile"]]


def test_the_build_saves_verify_candidates_and_loading_embeds_nothing(
    built_index, monkeypatch
) -> None:
    """Verify's candidates beside the sentences (blocks, columns, row sentences) and their
    vectors are found and embedded by the build; the tables read them as saved."""
    import numpy as np

    from dsrqa.embedding import OnnxEmbedder
    from dsrqa.index import EXTRA_VECTORS, EXTRA_WORDS, EXTRA_WORDS_AT, EXTRAS, load_index
    from dsrqa.verify.extras import find_extras
    from dsrqa.verify.tables import build_tables

    from ..conftest import CORPUS

    index = load_index(built_index, corpus_dir=CORPUS)
    docs = {rid: index.document(rid) for rid in index.catalog.ids}
    extras, blocks = find_extras(docs, index.config)
    assert index.extras.items == tuple(extras) and index.extras.blocks == tuple(blocks)
    assert {EXTRAS, EXTRA_VECTORS, EXTRA_WORDS, EXTRA_WORDS_AT} <= set(index.manifest["files"])
    fresh, in_context = index.embedder.embed_with_words([e.text for e in extras], batch_size=8)
    assert np.array_equal(index.extras.vectors, fresh)
    assert index.extras.word_starts[-1] == index.extras.word_vectors.shape[0]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("verify embedded a candidate while loading")

    monkeypatch.setattr(OnnxEmbedder, "embed_with_words", refuse)
    tables = build_tables(index, index.config)
    n = len(index.sentences)
    assert len(tables.extras) == len(extras) > 50
    assert np.array_equal(tables.vectors[n:], index.extras.vectors)
    assert len(tables.word_vectors) == n + len(extras) == len(tables.sentence_terms)


def test_a_reports_cleaned_units_are_one_stream_across_sections() -> None:
    tables = tiny_tables(("A", "Huawei built it."), ("A", "Then it left."), ("B", "Alibaba."))
    [stream] = tables.cleaned.streams  # the joined pairs are not in it
    assert stream.norms == ["huawei", "built", "it", "then", "it", "left", "alibaba"]
    assert stream.part == [0, 0, 0, 1, 1, 1, 2] and stream.sections[-1] == "B"
    assert stream.at is not None and stream.at[3] == (1, 0, 4)
    assert tables.cleaned.first["it"] == [(0, 2), (0, 4)]


def test_the_file_stream_reads_the_raw_file_as_a_pasted_text_is_read() -> None:
    raw = "Title\n\nThe \ufb01rst cafe\u0301 grew.4 Then\nin 2019.12 it"
    doc = SimpleNamespace(raw=raw, report=SimpleNamespace(id="r"))
    stream = file_stream(doc, [])  # type: ignore[arg-type]
    # a ligature character and a decomposed accent as NFKC reads them; note numbers apart
    assert stream.norms == [
        "title",
        "the",
        "first",
        "caf",
        "grew",
        "4",
        "then",
        "in",
        "2019",
        "12",
        "it",
    ]
    assert [w.norm for w in words(tokens("2019.12 3.5 U.S.1"))] == [
        "2019",
        "12",
        "3.5",
        "u",
        "s",
        "1",
    ]
    assert [raw[a:b] for a, b in stream.spans[2:4]] == ["\ufb01rst", "caf"]
    assert stream.part == [0] + [1] * 10

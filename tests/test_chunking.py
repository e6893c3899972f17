"""Sentence splitting and the invariants every passage of the real corpus must keep."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.chunking import chunk_documents, split_sentences
from dsrqa.config import Config
from dsrqa.text import normalize


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_split_after_terminal_punctuation_before_a_capital() -> None:
    assert sentences("Huawei grew. Alibaba followed! Did ZTE? Yes.") == [
        "Huawei grew.",
        "Alibaba followed!",
        "Did ZTE?",
        "Yes.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. Department of Commerce acted. CCP Inc. ecosystems grew."
    assert sentences(text) == [
        "The U.S. Department of Commerce acted.",
        "CCP Inc. ecosystems grew.",
    ]


def test_decimals_and_closing_quotes_are_handled() -> None:
    text = "It lent $1.1 billion. He called it “the Chinese virus.” Then it ended."
    assert sentences(text) == [
        "It lent $1.1 billion.",
        "He called it “the Chinese virus.”",
        "Then it ended.",
    ]


@settings(max_examples=int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "80")), deadline=None)
@given(st.text(max_size=300))
def test_sentence_spans_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    covered = "".join(text[s:e] for s, e in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def chunked(documents):
    return chunk_documents(documents, Config())


def test_passage_ids_are_unique_and_in_document_order(chunked) -> None:
    passages, _ = chunked
    ids = [p.id for p in passages]
    assert len(ids) == len(set(ids))
    for report in {p.report_id for p in passages}:
        starts = [p.char_start for p in passages if p.report_id == report]
        assert starts == sorted(starts)


def test_passages_start_and_end_on_sentence_boundaries(chunked) -> None:
    passages, sentences_ = chunked
    for p in passages:
        assert p.sentences, p.id
        first, last = p.sentences[0], p.sentences[-1]
        assert first[1] == 0 and last[2] == len(p.text), p.id
        for sid, s, e in p.sentences:
            assert p.text[s:e] == sentences_[sid].text


def test_passages_respect_the_size_limit_unless_one_sentence_is_longer(chunked) -> None:
    passages, _ = chunked
    cfg = Config()
    for p in passages:
        if p.kind in ("paragraph", "figure") and len(p.sentences) > 1:
            assert len(p.text) <= cfg.chunk_size, p.id


def test_every_sentence_of_every_unit_is_in_some_passage(documents, chunked) -> None:
    passages, sentences_ = chunked
    used = {sid for p in passages for sid, _, _ in p.sentences}
    assert used == {s.id for s in sentences_}
    covered = {(s.report_id, s.char_start) for s in sentences_}
    for doc in documents:
        for unit in doc.units:
            assert (doc.report.id, unit.offsets[0]) in covered


def test_each_passage_stays_inside_one_section(documents, chunked) -> None:
    passages, _ = chunked
    sections = {d.report.id: {u.heading for u in d.units} for d in documents}
    for p in passages:
        assert p.section in sections[p.report_id]
        assert p.index_text.startswith(p.section + "\n")


def test_cited_raw_lines_contain_every_word_of_the_passage(documents, chunked) -> None:
    """The offset map holds end to end: a person opening the cited lines finds the text."""
    passages, sentences_ = chunked
    raws = {d.report.id: d for d in documents}
    for p in passages:
        doc = raws[p.report_id]
        cited = "\n".join(doc.lines(p.line_start, p.line_end))
        flat = re.sub(r"[\s\-\\]", "", normalize(cited))
        for sid, _, _ in p.sentences:
            s = sentences_[sid]
            assert p.line_start <= s.line_start <= s.line_end <= p.line_end
            for word in re.findall(r"[A-Za-z]{4,}", normalize(s.text)):
                if "ff" in word or "fi" in word or "fl" in word:
                    continue  # ligatures repaired from a replacement character
                assert word in flat, (p.id, word)


def test_timeline_entries_are_one_passage_each(chunked) -> None:
    passages, _ = chunked
    timeline = [p for p in passages if p.kind == "timeline"]
    assert len(timeline) >= 60
    assert all(len(p.sentences) >= 1 and re.match(r"^[\w ()]*\d{4}", p.text) for p in timeline)


def test_chunking_is_deterministic(documents) -> None:
    a = chunk_documents(documents, Config())
    b = chunk_documents(documents, Config())
    assert [p.to_dict() for p in a[0]] == [p.to_dict() for p in b[0]]


def test_neighbouring_sentences_of_one_paragraph_pair_and_nothing_else() -> None:
    from dsrqa.chunking import Passage, sentence_pairs

    def passage(kind: str, text: str, spans: tuple[tuple[int, int, int], ...]) -> Passage:
        return Passage("r:0001", "r", kind, "S", text, text, 0, len(text), 1, 1, spans)

    prose = "Huawei lost. Ericsson won.\nA new paragraph."
    rows = "Row one.\nRow two."
    passages = [
        passage("paragraph", prose, ((0, 0, 12), (1, 13, 26), (2, 27, 43))),
        passage("paragraph", prose[13:], ((1, 0, 13), (2, 14, 30))),  # an overlap: no copy
        passage("table_row", rows, ((3, 0, 8), (4, 9, 17))),
        passage("timeline", "In 2019 it began. It ended.", ((5, 0, 17), (6, 18, 27))),
    ]
    assert sentence_pairs(passages) == [(0, 1)]

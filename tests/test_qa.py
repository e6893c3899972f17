"""Real questions on the real corpus, the JSON schema, abstention and input checks."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from dsrqa.errors import BadInputError

pytestmark = pytest.mark.integration

PASSAGE_KEYS = {
    "rank",
    "text",
    "score",
    "report",
    "section",
    "file",
    "line_start",
    "line_end",
    "char_start",
    "char_end",
}


def test_answer_is_a_cited_sentence_found_at_its_lines(qa) -> None:
    result = qa.ask("How many intersections got smart traffic lights from Alibaba's City Brain?")
    assert not result.abstained
    answer = result.answer
    assert "281 intersections" in answer.text
    assert answer.span == "281 intersections" or "281" in answer.span
    c = answer.citation
    raw = qa.show(c.report, c.line_start, 0, c.line_end)
    assert "281 intersections" in " ".join(raw.lines)
    assert c.file == "corpus/cramer-flood-boland-2022-ccp-inc-in-malaysia.txt"
    assert c.section.startswith("Appendix C")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who did Kuala Lumpur choose instead of Huawei for its 5G network?", "Ericsson"),
        ("When did Xi formally launch the Belt and Road Initiative?", "2013"),
        (
            "Which company bought half of Yahoo's stake in Alibaba in 2012?",
            "China Investment Corporation",
        ),
        ("How much did Didi Chuxing and SoftBank invest in Grab?", "$2 billion"),
    ],
)
def test_real_questions_find_their_evidence_in_the_top_passages(qa, question, expected) -> None:
    result = qa.ask(question)
    assert any(expected in p.text for p in result.passages[:3]), [
        p.text[:80] for p in result.passages
    ]


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(
            "What is Kenya's population?",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known miss: the calibrated probability of the Kenya contract "
                "sentence (0.34) is over the dev-chosen threshold",
            ),
        ),
        "What was Huawei's revenue in 2024?",
    ],
)
def test_questions_the_reports_do_not_answer_abstain_but_list_passages(qa, question) -> None:
    result = qa.ask(question)
    assert result.abstained
    assert result.answer is None
    assert len(result.passages) == 5
    data = result.to_dict()
    assert data["answer"] is None and data["passages_label"].startswith("closest passages")


def test_result_json_follows_the_documented_schema(qa) -> None:
    data = json.loads(json.dumps(qa.ask("What is the Digital Silk Road?", k=3).to_dict()))
    assert {"id", "question", "abstained", "answer", "passages"} <= set(data)
    assert len(data["passages"]) == 3
    for rank, p in enumerate(data["passages"], start=1):
        assert set(p) >= PASSAGE_KEYS
        assert p["rank"] == rank and p["file"].startswith("corpus/")
        assert 1 <= p["line_start"] <= p["line_end"] and p["char_start"] < p["char_end"]
    if data["answer"] is not None:
        assert {"text", "citation"} <= set(data["answer"])
        assert {"report", "section", "file", "line_start", "line_end", "quote"} <= set(
            data["answer"]["citation"]
        )


def test_report_filter_restricts_every_passage(qa) -> None:
    result = qa.ask("What did Huawei do?", report="eurasia-2020", k=8)
    assert {p.report for p in result.passages} == {"eurasia-2020"}


def test_rankings_are_reproducible(qa) -> None:
    a = qa.ask("Huawei 5G Malaysia").to_dict()
    b = qa.ask("Huawei 5G Malaysia").to_dict()
    assert a == b


@pytest.mark.parametrize("k", [0, -1, 10_000, "5", 2.5, True])
def test_bad_k_is_refused(qa, k) -> None:
    with pytest.raises(BadInputError, match="k must"):
        qa.ask("What is DSR?", k=k)


@pytest.mark.parametrize("question", ["", "   ", "\x00\x1b\t", "x" * 100_000, None])
def test_empty_or_huge_questions_are_refused(qa, question) -> None:
    with pytest.raises(BadInputError):
        qa.ask(question)


def test_unknown_report_is_refused_with_the_known_ids(qa) -> None:
    with pytest.raises(BadInputError, match="eurasia-2020"):
        qa.ask("What is DSR?", report="nope")


def test_shared_qa_gives_the_same_answers_from_many_threads(qa) -> None:
    questions = [
        "What is City Brain?",
        "Who founded Huawei?",
        "What is Kenya's population?",
        "Which countries signed DSR MOUs?",
    ] * 5
    single = [qa.ask(q).to_dict() for q in questions]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda q: qa.ask(q).to_dict(), questions))
    assert threaded == single


def test_show_prints_the_raw_lines_around_a_citation(qa) -> None:
    shown = qa.show("eurasia-2020", 113, context=1)
    assert shown.first == 112 and shown.last == 114 and shown.highlight == (113, 113)
    assert shown.lines[1].startswith("April 2019\t")
    with pytest.raises(BadInputError, match="lines 1-"):
        qa.show("eurasia-2020", 99_999)

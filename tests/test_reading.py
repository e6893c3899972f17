"""What the app's Read tab and answer and verify cards show, and the lines ``dsrqa show``
prints: computed by ``dsrqa.reading``, on tiny inputs and on the real reports."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dsrqa import reading
from dsrqa.reading import Para

from .fakes import EVIL, evil_document, fake_result


def document(raw: str, units: list[tuple[str, str, str]]) -> Any:
    """A Document of ``raw`` whose units (section, subsection, text) are found in it."""
    from dsrqa.corpus import Document, Report, Unit

    report = Report("r", "corpus/r.txt", Path("/x"), "T", "S", ("A",), "", "2020", "")
    made, at = [], 0
    for group, (section, sub, text) in enumerate(units):
        start = raw.index(text, at)
        at = start + len(text)
        made.append(Unit("r", "paragraph", section, sub, text, tuple(range(start, at)), group))
    return Document(report=report, raw=raw, units=tuple(made))


# ----------------------------------------------------------------------------- sections
def test_sections_of_a_tiny_report() -> None:
    raw = "Intro one\nintro two\n\nBody a\n\nBody b\nstill b\n\nMore intro\n"
    doc = document(
        raw,
        [
            ("Intro", "", "Intro one\nintro two"),
            ("Body", "", "Body a"),
            ("Body", "Part", "Body b\nstill b"),
            ("Intro", "", "More intro"),  # a title seen again joins its first section
        ],
    )
    intro, body = reading.report_sections(doc)
    assert (intro.title, intro.first, intro.last) == ("Intro", 1, 9)
    assert [(p.text, p.first, p.last) for p in intro.paras] == [
        ("Intro one\nintro two", 1, 2),
        ("More intro", 9, 9),
    ]
    assert (body.title, body.first, body.last) == ("Body", 4, 7)
    assert [p.subsection for p in body.paras] == ["", "Part"]
    assert body.paras[1] == Para("paragraph", "Part", "Body b\nstill b", 6, 7)
    sections = (intro, body)
    assert reading.section_at(sections, 2) == 0  # inside a paragraph
    assert reading.section_at(sections, 7) == 1
    assert reading.section_at(sections, 5) == 1  # a blank line: the last section before it
    assert reading.section_at(sections, 8) == 1
    assert reading.section_at(sections, 9) == 0  # the later paragraph of the first section
    assert reading.section_at(sections, 99) == 1
    assert reading.section_at((), 3) == 0


def test_sections_of_hostile_text_keep_it_as_is() -> None:
    (section,) = reading.report_sections(evil_document())
    assert section.title == f"Section {EVIL}"
    assert [(p.subsection, p.text, p.first, p.last) for p in section.paras] == [
        ("", EVIL, 1, 1),
        (f"Sub {EVIL}", EVIL, 3, 3),
    ]


@pytest.mark.integration
def test_sections_of_the_real_reports(documents: list[Any]) -> None:
    for doc in documents:
        sections = reading.report_sections(doc)
        titles = list(dict.fromkeys(u.section for u in doc.units))
        assert [s.title for s in sections] == titles
        assert sum(len(s.paras) for s in sections) == len(doc.units)
        lines = doc.raw.count("\n") + 1
        for i, sec in enumerate(sections):
            assert sec.first == sec.paras[0].first and sec.last == max(p.last for p in sec.paras)
            for p in sec.paras:
                assert 1 <= p.first <= p.last <= lines
                assert reading.section_at(sections, p.first) == i  # lands on its own section
                assert reading.is_cited(p, p.first, p.first)


def test_is_cited_and_lines_label() -> None:
    para = Para("paragraph", "", "x", 10, 12)
    assert reading.is_cited(para, 12, 14) and reading.is_cited(para, 8, 10)
    assert reading.is_cited(para, 11, 11) and reading.is_cited(para, 1, 99)
    assert not reading.is_cited(para, 13, 15) and not reading.is_cited(para, 7, 9)
    assert reading.lines_label(7, 7) == "line 7"
    assert reading.lines_label(7, 9) == "lines 7–9"


# ---------------------------------------------------------------------------- raw lines
def test_numbered_lines_mark_the_cited_ones() -> None:
    from dsrqa.qa import RawLines

    shown = RawLines("r", "corpus/r.txt", 8, 11, ("a", "b $5", "", "d"), (9, 10))
    lines = reading.numbered_lines(shown)
    assert [(n.number, n.text, n.cited) for n in lines] == [
        (8, "a", False),
        (9, "b $5", True),
        (10, "", True),
        (11, "d", False),
    ]
    assert [n.padded for n in lines] == [" 8", " 9", "10", "11"]


@pytest.mark.integration
def test_numbered_lines_around_a_real_citation(qa: Any) -> None:
    cit = qa.ask("When did Alibaba announce its e-commerce hub in Malaysia?").passages[0].citation
    shown = qa.show(cit.report, cit.line_start, context=3, last=cit.line_end)
    lines = reading.numbered_lines(shown)
    raw = qa.index.catalog.get(cit.report).read_raw().split("\n")
    assert [n.number for n in lines] == list(range(shown.first, shown.last + 1))
    assert [n.text for n in lines] == raw[shown.first - 1 : shown.last]
    assert [n.number for n in lines if n.cited] == list(range(cit.line_start, cit.line_end + 1))
    assert {len(n.padded) for n in lines} == {len(str(shown.last))}


# ------------------------------------------------------------------- answer and passages
def sentence(text: str, start: int, end: int) -> Any:
    return SimpleNamespace(text=text, span_start=start, span_end=end)


@pytest.mark.parametrize(
    ("passage", "cut"),
    [
        (
            "Before. It cost $5 in 2019. After.",
            ("Before. ", "It cost ", "$5", " in 2019.", " After."),
        ),
        ("It cost $5 in 2019.", ("", "It cost ", "$5", " in 2019.", "")),
        ("Another sentence.", ("", "It cost ", "$5", " in 2019.", "")),  # not in it
        ("", ("", "It cost ", "$5", " in 2019.", "")),
        (None, ("", "It cost ", "$5", " in 2019.", "")),
    ],
)
def test_answer_in_passage(passage: str | None, cut: tuple[str, ...]) -> None:
    got = reading.answer_in_passage(sentence("It cost $5 in 2019.", 8, 10), passage)
    assert (got.before, got.lead, got.span, got.tail, got.after) == cut


def test_answer_without_a_span() -> None:
    got = reading.answer_in_passage(sentence("No span here.", 3, 3), "x No span here. y")
    assert (got.before, got.lead, got.span, got.tail, got.after) == (
        "x ",
        "No ",
        "",
        "span here.",
        " y",
    )


def test_answer_passage_and_the_others() -> None:
    answered = fake_result("q", abstained=False)
    assert reading.answer_passage(answered) is answered.passages[0]  # the answer's: p1
    assert reading.other_passages(answered) == [answered.passages[1]]
    abstained = fake_result("q", abstained=True)
    assert reading.answer_passage(abstained) is None
    assert reading.other_passages(abstained) == list(abstained.passages)  # the closest ones


@pytest.mark.integration
def test_answer_cut_of_real_results(qa: Any) -> None:
    import json

    gold = (Path(__file__).resolve().parents[1] / "eval" / "gold.jsonl").read_text()
    for line in gold.splitlines()[:60]:
        result = qa.ask(json.loads(line)["question"])
        shown = reading.other_passages(result)
        if result.answer is None:
            assert shown == list(result.passages)
            continue
        passage = reading.answer_passage(result)
        assert passage is not None and passage.id == result.answer.passage_id
        assert passage not in shown and len(shown) == len(result.passages) - 1
        cut = reading.answer_in_passage(result.answer, passage.text)
        assert cut.lead + cut.span + cut.tail == result.answer.text
        assert cut.span == result.answer.span
        if result.answer.text in passage.text:
            assert cut.before + cut.lead + cut.span + cut.tail + cut.after == passage.text


# ------------------------------------------------------------------------------ diffs
def test_diff_words_spacing() -> None:
    from dsrqa.verify import DiffOp

    words = reading.diff_words(
        (
            DiffOp("same", "paid $", "paid $"),
            DiffOp("changed", "180", "175"),
            DiffOp("same", "million, or 5", "million, or 5"),
            DiffOp("added", "%", ""),
            DiffOp("dropped", "", "(about"),
            DiffOp("same", "", ""),
            DiffOp("added", ")", ""),
        )
    )
    assert [(w.op, w.space_before) for w in words] == [
        ("same", False),  # the first one shown
        ("changed", False),  # after a $
        ("same", True),
        ("added", False),  # before %
        ("dropped", True),
        ("same", True),
        ("added", False),  # before )
    ]
    assert (words[1].text, words[1].report) == ("180", "175")


def test_diff_words_after_an_empty_start() -> None:
    from dsrqa.verify import DiffOp

    words = reading.diff_words((DiffOp("same", "", ""), DiffOp("added", "x", "")))
    assert [w.space_before for w in words] == [False, False]  # nothing shown before x
    words = reading.diff_words((DiffOp("dropped", "", ""), DiffOp("added", "x", "")))
    assert [w.space_before for w in words] == [False, True]  # a struck-out step shows


@pytest.mark.integration
def test_diff_words_of_a_real_close_quote(qa: Any) -> None:
    ver = qa.verify("Huawei has signed a $180 million smart cities and data center contract")
    diff = ver.matches[0].diff
    words = reading.diff_words(diff)
    assert [(w.op, w.text, w.report) for w in words] == [(d.op, d.text, d.report) for d in diff]
    changed = [w for w in words if w.op == "changed"]
    assert [(w.report, w.text) for w in changed] == [("175", "180")]
    assert not changed[0].space_before  # right after "$"

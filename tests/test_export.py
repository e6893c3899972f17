"""The exports the app's download buttons offer (JSON, CSV, Markdown evidence tables of
an answer or a verification) and the CLI's one-line JSON, on hostile tiny inputs and on
real results of the session's index."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from dsrqa import export

from .fakes import AMOUNT, EVIL, fake_result, fake_verification

ANSWERED = "When did Alibaba announce its e-commerce hub in Malaysia?"
ABSTAINED = "What is Kenya's population?"
CLOSE = "Huawei has signed a $180 million smart cities and data center contract with Kenya"
VERBATIM = "The 2000s and 2010s marked a period of rapid growth for both tech giants"
UNSAID = "The moon is made of green cheese and orbits Jupiter"


def cells(line: str) -> list[str]:
    """The cells of a Markdown table row (split at unescaped pipes)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- tiny inputs
def test_answer_exports_of_hostile_text() -> None:
    result = fake_result("How much? | $", abstained=False)
    data = json.loads(export.answer_json(result))
    assert data["question"] == "How much? | $"
    assert data["answer"]["text"] == EVIL and data["answer"]["span"]["text"] == AMOUNT
    assert data["answer"]["citation_label"] == result.answer.citation.label()
    assert [p["citation_label"] for p in data["passages"]] == [
        p.citation.label() for p in result.passages
    ]

    rows = csv_rows(export.answer_csv(result))
    assert [r["kind"] for r in rows] == ["answer", "passage", "passage"]
    assert rows[0]["text"] == EVIL and rows[0]["question"] == "How much? | $"
    assert rows[1]["citation"] == result.passages[0].citation.label()
    assert list(rows[0]) == list(export.CSV_FIELDS)

    md = export.answer_markdown(result).splitlines()
    assert md[0] == "# Evidence: How much? \\| \\$"
    assert md[2] == "| Question | Answer sentence | Citation | Quote |"
    table = [line for line in md[4:] if line]
    assert len(table) == 2  # the answer, then the passage that does not hold it
    for line in table:
        assert len(cells(line)) == 4, line
    assert "\\$172.5 million" in md[4] and "\\<script\\>" in md[4]
    assert "<br>Row two 2" in md[5]  # a passage's lines, in one cell


def test_abstention_exports_say_so() -> None:
    abstained = fake_result("q", abstained=True)
    rows = csv_rows(export.answer_csv(abstained))
    assert [r["kind"] for r in rows] == ["closest passage (not an answer)"] * 2
    md = export.answer_markdown(abstained).splitlines()
    assert len(md) == 6  # title, blank, header, rule, one row per closest passage
    assert all("The reports do not answer this (the reports say nothing of" in r for r in md[4:])
    assert json.loads(export.answer_json(abstained))["answer"] is None


def test_verification_exports_of_hostile_text() -> None:
    ver = fake_verification("Costs | $180 <b>")
    data = json.loads(export.verification_json(ver))
    assert data["text"] == "Costs | $180 <b>" and data["verdict"] == "close"
    assert data["matches"][0]["diff"][1] == {
        "op": "changed",
        "text": "<b>$180</b>",
        "report": "<i>$175</i>",
    }
    assert data["matches"][0]["citation_label"].startswith("Evil <b>$1</b> (2020-01-01)")
    assert (
        data["mismatches"][0]["message"]
        == "text says <b>$180</b> | x; the report says $175 <script>"
    )
    md = export.verification_markdown(ver).splitlines()
    assert md[0] == "| Text | Verdict | Citation | Report's words | Notes |"
    assert len(md) == 3
    row = cells(md[2])
    assert len(row) == 5, md[2]
    assert row[0] == "Costs \\| \\$180 \\<b\\>" and row[1] == "Close"
    assert "\\$172.5 million" in row[3] and "mismatch: text says" in row[4]


def test_verification_markdown_without_matches() -> None:
    from dataclasses import replace

    ver = replace(fake_verification("x"), verdict="not_found", matches=(), mismatches=())
    row = cells(export.verification_markdown(ver).splitlines()[2])
    assert row[1:4] == ["Not found", "—", ""]


@pytest.mark.parametrize(
    ("verdict", "label"),
    [
        ("verbatim", "Verbatim"),
        ("close", "Close"),
        ("supported", "Supported"),
        ("not_found", "Not found"),
        ("new", "new"),
    ],
)
def test_verdict_labels(verdict: str, label: str) -> None:
    from dsrqa.types import Verdict

    assert export.verdict_label(verdict) == label
    if verdict != "new":
        assert export.verdict_label(Verdict(verdict)) == label


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        (
            "How much did Huawei save via tax incentives?",
            "how-much-did-huawei-save-via-tax-incentives",
        ),
        ("  $$$ ??? ", "answer"),
        ("x" * 80, "x" * 50),
        ("Ünïcode — 5G!", "n-code-5g"),
    ],
)
def test_file_stem(text: str, stem: str) -> None:
    assert export.file_stem(text) == stem


def test_md_cell_keeps_text_literal() -> None:
    assert export.md_cell("  a | b $5 *c* _d_ [e] `f` <g> \\h  ") == (
        "a \\| b \\$5 \\*c\\* \\_d\\_ \\[e\\] \\`f\\` \\<g\\> \\\\h"
    )
    assert export.md_cell("one\n\n  two \r\n") == "one<br>two"


def test_json_line_is_one_compact_line() -> None:
    ver = fake_verification("It’s $5 — “quoted”\nnext")
    line = export.json_line(ver)
    assert "\n" not in line and "It’s $5 — “quoted”" in line  # not \\u-escaped
    assert json.loads(line) == json.loads(json.dumps(ver.to_dict()))


# --------------------------------------------------------------------------- real results
@pytest.mark.integration
@pytest.mark.parametrize("question", [ANSWERED, ABSTAINED])
def test_answer_exports_of_real_results(qa: Any, question: str) -> None:
    result = qa.ask(question)
    data = json.loads(export.answer_json(result))
    labels = [p.pop("citation_label") for p in data["passages"]]
    assert labels == [p.citation.label() for p in result.passages]
    if result.answer is not None:
        assert data["answer"].pop("citation_label") == result.answer.citation.label()
    assert data == json.loads(export.json_line(result))  # the CLI's JSON, plus the labels

    rows = csv_rows(export.answer_csv(result))
    assert len(rows) == len(result.passages) + (result.answer is not None)
    shown = [result.answer] if result.answer else []
    for row, item in zip(rows, [*shown, *result.passages], strict=True):
        c = item.citation
        assert row["text"] == item.text and row["citation"] == c.label()
        assert (row["report"], row["file"]) == (c.report, c.file)
        assert (int(row["line_start"]), int(row["line_end"])) == (c.line_start, c.line_end)

    table = export.answer_markdown(result).splitlines()[4:]
    others = [p for p in result.passages if not result.answer or p.id != result.answer.passage_id]
    assert len(table) == len(others) + (result.answer is not None)
    assert all(len(cells(line)) == 4 for line in table)


@pytest.mark.integration
@pytest.mark.parametrize("text", [CLOSE, VERBATIM, UNSAID])
def test_verification_exports_of_real_results(qa: Any, text: str) -> None:
    ver = qa.verify(text)
    data = json.loads(export.verification_json(ver))
    assert [m.pop("citation_label") for m in data["matches"]] == [
        m.citation.label() for m in ver.matches
    ]
    assert data == json.loads(export.json_line(ver))
    row = cells(export.verification_markdown(ver).splitlines()[2])
    assert row[1] == export.verdict_label(ver.verdict)
    first = ver.matches[0].citation
    if ver.verdict == "not_found":
        assert row[2] == export.md_cell(f"closest: {first.label()}")
    else:
        assert row[2] == export.md_cell("; ".join(m.citation.label() for m in ver.matches))
    assert row[3] == export.md_cell(first.quote)
    for m in ver.mismatches:
        assert export.md_cell(m.message) in row[4]

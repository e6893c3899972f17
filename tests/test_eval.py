"""The gold set resolves, relevance is defined once, and the harness writes its files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dsrqa.corpus import load_catalog
from dsrqa.errors import BadInputError
from dsrqa.gold import Evidence, covers, load_gold

from .conftest import CORPUS, ROOT

GOLD = ROOT / "eval" / "gold.jsonl"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CORPUS)


def test_every_gold_quote_resolves_to_one_raw_span(catalog) -> None:
    gold = load_gold(GOLD, catalog)
    raws = {r.id: r.read_raw() for r in catalog.reports}
    assert len(gold) >= 120
    for q in gold:
        assert bool(q.evidence) == q.answerable, q.id
        for ev in q.evidence:
            span = raws[ev.report][ev.char_start : ev.char_end]
            assert ev.quote.split()[0].strip("“\"'$") in span.replace("\\$", "$"), q.id


def test_gold_set_has_the_required_mix(catalog) -> None:
    gold = load_gold(GOLD, catalog)
    unanswerable = [q for q in gold if not q.answerable]
    assert len(unanswerable) >= 20
    assert sum(q.kind == "near_miss" for q in unanswerable) >= len(unanswerable) / 2
    assert sum(q.split == "test" for q in gold) >= 0.4 * len(gold)
    assert {"table", "timeline", "both", "why", "how", "number", "date", "list"} <= {
        q.kind for q in gold
    }


def test_a_quote_that_is_not_in_the_report_is_refused(catalog, tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text(
        json.dumps(
            {
                "id": "x",
                "question": "?",
                "kind": "fact",
                "answerable": True,
                "answer": "",
                "split": "dev",
                "evidence": [{"report": "eurasia-2020", "quote": "never written here"}],
            }
        )
        + "\n"
    )
    with pytest.raises(BadInputError, match="quote not found"):
        load_gold(bad, catalog)


def test_an_ambiguous_quote_must_say_which_occurrence(catalog, tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    item = {
        "id": "x",
        "question": "?",
        "kind": "fact",
        "answerable": True,
        "answer": "",
        "split": "dev",
        "evidence": [{"report": "eurasia-2020", "quote": "Huawei"}],
    }
    bad.write_text(json.dumps(item) + "\n")
    with pytest.raises(BadInputError, match="occurrence"):
        load_gold(bad, catalog)
    item["evidence"][0]["occurrence"] = 2
    bad.write_text(json.dumps(item) + "\n")
    first = load_gold(bad, catalog)[0].evidence[0]
    assert first.char_start > 0


def test_quotes_resolve_across_line_wraps_and_hyphenation(catalog, tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    quote = "the Chinese government required Western manufacturers"  # "govern-\nment" in raw
    path.write_text(
        json.dumps(
            {
                "id": "x",
                "question": "?",
                "kind": "fact",
                "answerable": True,
                "answer": "",
                "split": "dev",
                "evidence": [{"report": "ccp-inc-malaysia-2022", "quote": quote}],
            }
        )
        + "\n"
    )
    ev = load_gold(path, catalog)[0].evidence[0]
    raw = catalog.get("ccp-inc-malaysia-2022").read_raw()[ev.char_start : ev.char_end]
    assert "govern-\n" in raw


def test_relevance_needs_half_of_the_evidence_in_the_same_report() -> None:
    ev = [Evidence("r", "q", 100, 200)]
    assert covers("r", 0, 150, ev)
    assert covers("r", 140, 1000, ev)
    assert not covers("r", 0, 140, ev)
    assert not covers("other", 0, 1000, ev)
    assert covers("r", 120, 160, ev)  # one sentence inside a longer quote


@pytest.mark.integration
def test_a_set_that_is_all_test_is_scored_on_its_splits_only(qa, tmp_path: Path) -> None:
    from dsrqa.eval import evaluate_all

    lines = (ROOT / "eval" / "fresh.jsonl").read_text(encoding="utf-8").splitlines()
    held = [json.loads(line) for line in lines]
    some = [q for q in held if q["answerable"]][:4] + [q for q in held if not q["answerable"]][:2]
    gold = tmp_path / "held.jsonl"
    gold.write_text("".join(json.dumps(q) + "\n" for q in some), encoding="utf-8")
    report = evaluate_all(qa, gold, tmp_path / "out", ("dsrqa",), None)
    assert [row["split"] for row in report["results"]] == ["test", "all"]
    assert (tmp_path / "out" / "calibration.png").is_file()

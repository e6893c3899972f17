"""Runs of a report's consecutive sentences, as the index splits the cleaned text and as a
reader copies them from the file, are ``verbatim`` at their lines (verify/verbatim.py,
verify/streams.py), across paragraph breaks, headings, page breaks and sections; and a
text with no words gets a verdict, never an internal error (issue 19)."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrqa.errors import BadInputError
from dsrqa.verify import VERDICTS, clean_text

from ..test_cli import run

pytestmark = pytest.mark.integration

LIMIT = 5000  # Config.max_verify_chars
RUNS = settings(
    max_examples=int(os.environ.get("DSRQA_RUN_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CCP = "ccp-inc-malaysia-2022"


class Runs:
    """The sentences of each report in the index's order, and the longest run from each
    start that stays within the input limit, as sentences and as the file's text."""

    def __init__(self, qa: Any) -> None:
        self.qa = qa
        self.verifier = qa.verifier()
        self.by_report: dict[str, list[Any]] = {}
        self.fits: dict[tuple[str, int, str], int] = {}
        for s in qa.index.sentences:
            self.by_report.setdefault(s.report_id, []).append(s)

    def sentences(self, report: str, start: int, n: int) -> tuple[str, list[Any]]:
        run = self.by_report[report][start : start + n]
        return " ".join(s.text for s in run), run

    def copied(self, report: str, start: int, n: int) -> tuple[str, list[Any]]:
        """The file's characters from the run's first character to its last, as a reader
        selects them (headings, page footers and note numbers between included)."""
        run = self.by_report[report][start : start + n]
        raw = self.qa.index.document(report).raw
        a, b = min(s.char_start for s in run), max(s.char_end for s in run)
        return raw[a:b], run

    def longest(self, report: str, start: int, form: str) -> int:
        """How many sentences from ``start`` still fit the limit (at least one)."""
        if (report, start, form) not in self.fits:
            self.fits[report, start, form] = self._longest(report, start, form)
        return self.fits[report, start, form]

    def _longest(self, report: str, start: int, form: str) -> int:
        total = len(self.by_report[report]) - start
        lo, hi = 1, total
        while lo < hi:  # the cleaned length grows with the run
            mid = (lo + hi + 1) // 2
            text, _ = getattr(self, form)(report, start, mid)
            if len(" ".join(text.split())) <= LIMIT:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def check(self, text: str, run: list[Any]) -> None:
        """Verbatim, no mismatch, and one of its places covers the run's lines."""
        cfg = self.verifier.config
        v = self.verifier.verbatim.check(cfg, clean_text(text, LIMIT), None)
        assert v is not None, f"not verbatim: {text[:200]!r}"
        assert v.verdict == "verbatim" and not v.mismatches
        matches = v.matches
        if len(matches) == cfg.verify_max_matches:  # the run may occur more often
            matches = tuple(self.verifier.verbatim.matches(clean_text(text, LIMIT)))
        first, last = run[0].line_start, max(s.line_end for s in run)
        assert any(
            m.citation.report == run[0].report_id
            and m.citation.line_start <= first
            and last <= m.citation.line_end
            for m in matches
        ), (
            text[:200],
            first,
            last,
            [(m.citation.line_start, m.citation.line_end) for m in v.matches],
        )


@pytest.fixture(scope="module")
def runs(qa) -> Runs:
    return Runs(qa)


@RUNS
@given(data=st.data())
def test_any_run_of_sentences_or_copied_from_the_file_is_verbatim_at_its_lines(
    runs: Runs, data
) -> None:
    form = data.draw(st.sampled_from(["sentences", "copied"]))
    report = data.draw(st.sampled_from(sorted(runs.by_report)))
    start = data.draw(st.integers(0, len(runs.by_report[report]) - 1))
    n = data.draw(st.integers(1, runs.longest(report, start, form)))
    runs.check(*getattr(runs, form)(report, start, n))


def _start_at(runs: Runs, line: int) -> int:
    return next(i for i, s in enumerate(runs.by_report[CCP]) if s.line_start >= line)


def test_the_paragraph_at_lines_611_620_and_longer_runs_are_verbatim(runs: Runs) -> None:
    # four sentences across the heading "China's Tech Footprint Becomes Central ..." came
    # back not_found, "text says 2016; the report says 2020" (the 2020 of another heading)
    start = _start_at(runs, 611)
    for first in (start, start - 1):
        for n in (2, 4, 8, 16, 30):
            for form in ("sentences", "copied"):
                n = min(n, runs.longest(CCP, first, form))  # 30 from line 611: 5217 characters
                runs.check(*getattr(runs, form)(CCP, first, n))


def test_the_whole_of_each_report_is_verbatim_in_runs_up_to_the_limit(runs: Runs) -> None:
    for report, sentences in runs.by_report.items():
        start = 0
        while start < len(sentences):
            for form in ("sentences", "copied"):
                n = runs.longest(report, start, form)
                runs.check(*getattr(runs, form)(report, start, n))
            start += runs.longest(report, start, "sentences")


def test_dsrqa_verify_finds_runs_across_headings_word_for_word(runs: Runs, built_index) -> None:
    start = _start_at(runs, 611)
    cases = [
        runs.sentences(CCP, start, n) for n in (4, 8, 16, runs.longest(CCP, start, "sentences"))
    ]
    cases += [runs.copied(CCP, start, 4), runs.copied(CCP, start, 16)]
    lines = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, (t, _) in enumerate(cases))
    done = run("verify", "--jsonl", stdin=lines.encode(), index=built_index)
    assert done.returncode == 0, done.stderr
    out = [json.loads(x) for x in done.stdout.decode().splitlines()]
    assert len(out) == len(cases)
    for got, (_text, sentences) in zip(out, cases, strict=True):
        assert got["verdict"] == "verbatim" and got["mismatches"] == [], got
        m = got["matches"][0]
        assert (m["report"], m["line_start"]) == (CCP, sentences[0].line_start)
        assert m["line_end"] >= max(s.line_end for s in sentences)


# Texts with no word: what is left once NFKC, control characters and folding are done
NO_WORDS = st.text(
    alphabet=st.one_of(
        st.sampled_from("\ufffd\u200b\u200c\u200d\u2060\ufeff\u00ad\u0301\u0300\u20dd$%"),
        st.characters(categories=["Mn", "Me", "Cf", "Co", "Cs", "Zs", "Zl", "Zp", "P", "Sk"]),
    ),
    min_size=1,
    max_size=50,
)


@settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=NO_WORDS)
def test_a_text_with_no_words_gets_a_verdict_saying_so(qa, text: str) -> None:
    try:
        v = qa.verify(text)
    except BadInputError as exc:
        assert "empty" in str(exc)
        return
    assert v.verdict == "not_found" and v.reason == "the text has no words to look for", text


def test_cli_verify_of_a_text_with_no_words_exits_0_with_the_reason(built_index) -> None:
    one = run("verify", "\ufffd", "--json", index=built_index)  # was exit 1, "cannot reshape"
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["reason"] == "the text has no words to look for"
    texts = ["\ufffd\ufffd \ufffd", "\u0301", "$", "% $", "\u2014"]
    lines = "".join(json.dumps({"id": t, "text": t}) + "\n" for t in texts).encode()
    many = run("verify", "--jsonl", stdin=lines, index=built_index)
    assert many.returncode == 0, many.stderr
    out = [json.loads(x) for x in many.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == texts
    for got in out:
        assert got["verdict"] == "not_found" and got["verdict"] in VERDICTS
        assert got["reason"] == "the text has no words to look for"

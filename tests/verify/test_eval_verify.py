"""The verification set and how verify is scored and calibrated (dsrqa.eval_verify)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from dsrqa.errors import BadInputError
from dsrqa.eval_verify import load_cases, metrics, run_case
from dsrqa.verify import VERDICTS

from .helpers import ROOT


def test_the_verification_set_is_valid_large_enough_and_split(tmp_path: Path) -> None:
    cases = load_cases(ROOT / "eval" / "verify.jsonl")
    assert len(cases) >= 80
    assert {c.split for c in cases} == {"dev", "test"}
    assert {c.verdict for c in cases if c.split == "test"} == set(VERDICTS)
    texts = [c.text.strip().lower() for c in cases]
    assert len(set(texts)) == len(texts), "a text in two cases counts twice (or leaks dev)"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "t"}\n')
    with pytest.raises(BadInputError, match="lacks"):
        load_cases(bad)


def test_calibration_never_buys_right_verdicts_by_endorsing_a_claim_not_made() -> None:
    from dsrqa.config import Config
    from dsrqa.eval_verify import VerifyCase, calibrate
    from dsrqa.verify import Verification

    class Loose:
        """Says "supported" for everything when the cosine bar is under 0.6."""

        config = Config()

        def verify(self, text: str, id: str | None = None) -> Verification:
            loose = self.config.verify_support_cosine < 0.6
            return Verification(text, "supported" if loose else "not_found", (), (), "", id)

    def case(i: int, verdict: str) -> VerifyCase:
        return VerifyCase(f"c{i}", f"text {i}", verdict, "paraphrase", "dev", None, None, ())

    dev = [case(1, "supported"), case(2, "supported"), case(3, "not_found")]
    picked = calibrate(Loose(), dev)
    assert picked["cosine"] >= 0.6 and picked["dev_not_said_supported"] == 0
    assert picked["dev_right"] == 1, "two right verdicts were on offer, at the price of one"


def test_a_figure_counts_as_flagged_only_with_the_reports_own_figure() -> None:
    from dsrqa.config import Config
    from dsrqa.eval_verify import VerifyCase
    from dsrqa.verify import Mismatch, Verification

    listed = (
        Mismatch("$9 billion", "32", "quote", "money"),  # the claim, against another figure
        Mismatch("2020", "2019", "quote", "year"),  # right
        Mismatch("five", "four", "quote", "number"),  # a figure the case did not alter
    )

    class Fake:
        """A verifier that lists the given mismatches for any text."""

        config = Config()

        def __init__(self, mismatches: tuple[Mismatch, ...]) -> None:
            self.mismatches = mismatches

        def verify(self, text: str, id: str | None = None) -> Verification:
            return Verification(text, "not_found", (), self.mismatches, "", id)

    case = VerifyCase(
        id="t0",
        text="CDB gave $9 billion in 2020 to five firms.",
        verdict="not_found",
        kind="paraphrase_wrong_number",
        split="test",
        report=None,
        line=None,
        altered=(("$9 billion", "$7 billion"), ("2020", "2019")),
    )
    outcome = run_case(Fake(listed), case)
    assert outcome.flagged == (False, True)
    assert metrics([outcome])["unaltered_flagged"] == 1
    ranged = dataclasses.replace(case, altered=(("2017-2020", "2018-2020"),))
    shares_2020_only = (Mismatch("2017", "early 2020", "quote", "year"),)
    assert run_case(Fake(shares_2020_only), ranged).flagged == (False,)
    right = (Mismatch("2017", "2018", "quote", "year"),)
    assert run_case(Fake(right), ranged).flagged == (True,)
    share = dataclasses.replace(case, altered=(("a quarter of", "half of"),))
    cut_short = (Mismatch("a quarter", "half", "quote", "fraction"),)  # "half" without "of"
    assert run_case(Fake(cut_short), share).flagged == (True,)
    other = (Mismatch("a quarter", "a third", "quote", "fraction"),)
    assert run_case(Fake(other), share).flagged == (False,)
    years = dataclasses.replace(case, altered=(("three", "two"),))
    with_unit = (Mismatch("three years", "two years", "quote", "span"),)
    assert run_case(Fake(with_unit), years).flagged == (True,)


@pytest.mark.integration
def test_scoring_counts_a_wrong_verdict_and_an_unflagged_figure(qa) -> None:
    from dsrqa.eval_verify import VerifyCase

    case = VerifyCase(
        id="t1",
        text="This year, in spite of US pressure, Huawei has signed a $180 million smart "
        "cities and data center contract with Kenya",
        verdict="supported",
        kind="altered_number",
        split="test",
        report="eurasia-2020",
        line=132,
        altered=(("$180 million", "$175 million"), ("$9", "$8")),
    )
    m = metrics([run_case(qa.verifier(), case)])
    assert m["accuracy"] == 0.0
    assert m["altered_figures"] == 2 and m["altered_flagged"] == 0.5
    assert m["match_cites_right_lines"] == 1.0

"""Score ``verify`` on the hand-made set ``eval/verify.jsonl`` (dev and test splits).

What counts: the right verdict; no text that the reports do not say (fabricated, entity
swapped, wrong-number paraphrase, off topic) called ``verbatim`` or ``close``; every
figure the case altered listed among the mismatches with the report's own figure, and
how many figures are listed that the case did not alter; time per text, warm.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BadInputError
from .gold import jsonl_objects
from .verify import VERDICTS, fold

SPLITS = ("dev", "test")
FIELDS = ("id", "text", "verdict", "kind", "split", "report", "line", "altered")
COSINE_GRID = tuple(round(0.4 + 0.05 * i, 2) for i in range(11))
COVERAGE_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))


@dataclass(frozen=True)
class VerifyCase:
    id: str
    text: str
    verdict: str
    kind: str
    split: str
    report: str | None
    line: int | None
    altered: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class VerifyOutcome:
    case: VerifyCase
    verdict: str
    flagged: tuple[bool, ...]  # one per altered figure of the case
    ms: float
    where_right: bool | None  # the first match cites the case's report near its line
    false_flags: int = 0  # figures listed as mismatches that the case did not alter

    @property
    def right(self) -> bool:
        return self.verdict == self.case.verdict


def load_cases(path: Path) -> list[VerifyCase]:
    """Read and check the verification set; a bad line is refused with its number."""
    cases = []
    for number, obj in jsonl_objects(path, "verification set"):
        missing = [f for f in FIELDS if not isinstance(obj, dict) or f not in obj]
        if missing:
            raise BadInputError(f"{path}:{number} lacks {', '.join(missing)}")
        if obj["verdict"] not in VERDICTS or obj["split"] not in SPLITS:
            raise BadInputError(
                f"{path}:{number}: verdict must be one of {', '.join(VERDICTS)} and split one "
                f"of {', '.join(SPLITS)}; got {obj['verdict']!r}, {obj['split']!r}"
            )
        cases.append(
            VerifyCase(
                id=str(obj["id"]),
                text=obj["text"],
                verdict=obj["verdict"],
                kind=obj["kind"],
                split=obj["split"],
                report=obj["report"],
                line=obj["line"],
                altered=tuple((a["claim"], a["report"]) for a in obj["altered"]),
            )
        )
    if len({c.id for c in cases}) != len(cases):
        raise BadInputError(f"{path}: case ids are not unique")
    return cases


def _same_figure(a: str, b: str) -> bool:
    """The same figure as written two ways: the words of one are among the other's
    (``2017`` in ``2017–2020``, never ``20`` in ``2020``), or equal values."""
    from .quantities import quantities

    wa, wb = (set(re.findall(r"[\w.]+", fold(x))) for x in (a, b))
    if wa and wb and (wa <= wb or wb <= wa):
        return True
    return any(x.same_value(y) for x in quantities(a) for y in quantities(b))


def _flagged(claim: str, said: str, mismatches: Any) -> bool:
    """Flagged means listed with what the report really says: naming the text's figure
    against some other figure of the reports does not count. Where both sides hold
    several figures (``2017–2020`` for ``2018–2020``), the ones that differ decide."""
    from .quantities import quantities

    cq, sq = quantities(claim), quantities(said)
    changed = [q for q in cq if not any(q.same_value(r) for r in sq)]
    was = [r for r in sq if not any(r.same_value(q) for q in cq)]
    if not changed or not was:  # no figure to compare by value: compare the words
        return any(
            _same_figure(claim, m.claim) and _same_figure(said, m.report) for m in mismatches
        )
    return any(
        _names_value(changed, m.claim, claim) and _names_value(was, m.report, said)
        for m in mismatches
    )


def _names_value(figures: list[Any], listed: str, written: str) -> bool:
    """Whether a listed figure names one of ``figures``: by value, or by its words when it
    does not read as a figure out of its sentence (``half`` of ``half of``)."""
    from .quantities import quantities

    values = quantities(listed)
    if not values:
        return _same_figure(written, listed)
    words = [set(re.findall(r"[\w.]+", fold(x))) for x in (written, listed)]
    if words[0] and words[0] <= words[1]:  # "three years" lists the case's "three"
        return True
    return any(q.same_value(x) for q in figures for x in values)


def _false_flags(case: VerifyCase, mismatches: Any) -> int:
    """Figures listed as mismatches that the case did not alter (names not counted)."""
    return sum(
        m.kind != "name" and not any(_same_figure(claim, m.claim) for claim, _ in case.altered)
        for m in mismatches
    )


def run_case(verifier: Any, case: VerifyCase) -> VerifyOutcome:
    from .verify import clean_text

    t0 = time.perf_counter()
    result = verifier.verify(clean_text(case.text, verifier.config.max_verify_chars), case.id)
    ms = (time.perf_counter() - t0) * 1000
    where = None
    if case.report and case.line and result.matches and case.verdict != "not_found":
        m = result.matches[0].citation
        where = m.report == case.report and m.line_start - 2 <= case.line <= m.line_end + 2
    flags = tuple(_flagged(claim, said, result.mismatches) for claim, said in case.altered)
    return VerifyOutcome(
        case, result.verdict, flags, ms, where, _false_flags(case, result.mismatches)
    )


def metrics(outcomes: list[VerifyOutcome]) -> dict[str, Any]:
    """Verdict accuracy, the two hard rules, citations and time, for one split."""
    n = len(outcomes)
    unsaid = [o for o in outcomes if o.case.verdict == "not_found"]
    flags = [f for o in outcomes for f in o.flagged]
    wheres = [o.where_right for o in outcomes if o.where_right is not None]
    kinds = sorted({o.case.kind for o in outcomes})
    confusion = {
        want: {
            got: sum(o.case.verdict == want and o.verdict == got for o in outcomes)
            for got in VERDICTS
        }
        for want in VERDICTS
    }
    ms = sorted(o.ms for o in outcomes)
    return {
        "cases": n,
        "accuracy": round(sum(o.right for o in outcomes) / n, 3) if n else None,
        "unsaid_called_verbatim_or_close": sum(o.verdict in ("verbatim", "close") for o in unsaid),
        "unsaid_cases": len(unsaid),
        "altered_figures": len(flags),
        "altered_flagged": round(sum(flags) / len(flags), 3) if flags else None,
        "unaltered_flagged": sum(o.false_flags for o in outcomes),
        "match_cites_right_lines": round(sum(wheres) / len(wheres), 3) if wheres else None,
        "by_kind": {
            k: round(
                sum(o.right for o in outcomes if o.case.kind == k)
                / sum(o.case.kind == k for o in outcomes),
                3,
            )
            for k in kinds
        },
        "confusion": confusion,
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2) if ms else None,
        "max_ms": round(ms[-1], 2) if ms else None,
    }


def calibrate(verifier: Any, dev: list[VerifyCase]) -> dict[str, Any]:
    """The support thresholds (cosine, coverage) that call the fewest dev texts the
    reports do not say ``supported`` (endorsing a claim the reports never make is the
    worst error), then give the most right verdicts on dev; among ties, the strictest."""
    original = verifier.config
    best: tuple[int, int, float, float] | None = None
    try:
        for cos in COSINE_GRID:
            for cov in COVERAGE_GRID:
                verifier.config = dataclasses.replace(
                    original, verify_support_cosine=cos, verify_support_coverage=cov
                )
                outcomes = [run_case(verifier, c) for c in dev]
                right = sum(o.right for o in outcomes)
                endorsed = sum(
                    o.case.verdict == "not_found" and o.verdict == "supported" for o in outcomes
                )
                key = (-endorsed, right, cos, cov)
                if best is None or key > best:
                    best = key
    finally:
        verifier.config = original
    if best is None:
        raise BadInputError("no dev cases to calibrate the support thresholds on")
    return {
        "cosine": best[2],
        "coverage": best[3],
        "dev_right": best[1],
        "dev_not_said_supported": -best[0],
        "dev_cases": len(dev),
        "in_config": {
            "cosine": original.verify_support_cosine,
            "coverage": original.verify_support_coverage,
        },
        "rule": "fewest not-said dev texts called supported, then most right verdicts on "
        "dev; among ties the highest thresholds",
    }


def evaluate(qa: Any, path: Path, recalibrate: bool = True) -> tuple[dict[str, Any], list]:
    """Metrics per split (dev, test, all) and, optionally, thresholds refitted on dev."""
    cases = load_cases(path)
    verifier = qa.verifier().warm()  # timed as the app and verify --jsonl run it
    run_case(verifier, cases[0])  # not timed: the first call pays one-off costs (imports)
    outcomes = [run_case(verifier, c) for c in cases]
    report: dict[str, Any] = {
        "path": str(path),
        "cases": len(cases),
        "splits": {
            split: metrics([o for o in outcomes if split in ("all", o.case.split)])
            for split in ("dev", "test", "all")
        },
    }
    if recalibrate:
        report["calibration"] = calibrate(verifier, [c for c in cases if c.split == "dev"])
    return report, outcomes


VERIFY_COLUMNS = (
    "cases",
    "accuracy",
    "unsaid_called_verbatim_or_close",
    "altered_flagged",
    "unaltered_flagged",
    "match_cites_right_lines",
    "p50_ms",
    "p95_ms",
)


def write_cases(path: Path, outcomes: list[VerifyOutcome]) -> None:
    """One row per case: what was expected, what came out, figures flagged, time."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "split", "kind", "expected", "verdict", "right", "flagged", "ms"])
        for o in outcomes:
            writer.writerow(
                [
                    o.case.id,
                    o.case.split,
                    o.case.kind,
                    o.case.verdict,
                    o.verdict,
                    o.right,
                    f"{sum(o.flagged)}/{len(o.flagged)}",
                    round(o.ms, 2),
                ]
            )


def markdown_section(report: dict[str, Any]) -> list[str]:
    """The verification table of report.md, test split first."""
    lines = [
        "## Verify (quote and claim checking)",
        "",
        f"Set: {report['path']} ({report['cases']} cases). The support thresholds were "
        "chosen on **dev**; **test** was not used to choose them.",
        "",
        "| split | " + " | ".join(c.replace("_", " ") for c in VERIFY_COLUMNS) + " |",
        "|---|" + "---|" * len(VERIFY_COLUMNS),
    ]
    for split in ("test", "dev", "all"):
        row = report["splits"][split]
        lines.append(f"| {split} | " + " | ".join(str(row[c]) for c in VERIFY_COLUMNS) + " |")
    cal = report.get("calibration")
    if cal:
        lines += [
            "",
            f"Support thresholds in config: cosine {cal['in_config']['cosine']}, coverage "
            f"{cal['in_config']['coverage']}; recalibrated on dev now: cosine {cal['cosine']}, "
            f"coverage {cal['coverage']} ({cal['dev_right']}/{cal['dev_cases']} right, "
            f"{cal['dev_not_said_supported']} not-said called supported; {cal['rule']}).",
        ]
    test = report["splits"]["test"]
    lines += [
        "",
        "Accuracy by kind (test): " + ", ".join(f"{k} {v}" for k, v in test["by_kind"].items()),
    ]
    return lines

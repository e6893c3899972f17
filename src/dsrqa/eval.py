"""The gold Q&A set, relevance, and the quality metrics of a system on it.

Gold evidence is stored as quotes; the loader resolves each quote to its character span
in the raw report, so the gold set does not depend on how the index cuts passages.
Relevance is defined once, in ``covers``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import Catalog
from .errors import BadInputError

SPLITS = ("dev", "test")


@dataclass(frozen=True)
class Evidence:
    report: str
    quote: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    kind: str
    answerable: bool
    answer: str
    split: str
    evidence: tuple[Evidence, ...] = field(default=())


class _NormalizedRaw:
    """A raw report folded for quote matching, with a map back to raw offsets.

    Folding: ``\\$`` -> ``$``, a word hyphenated across a line break is joined, curly
    quotes and dashes become straight ones, and every run of white space is one space.
    """

    FOLD = str.maketrans(
        {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}
    )

    def __init__(self, raw: str) -> None:
        chars: list[str] = []
        offs: list[int] = []
        i, n = 0, len(raw)
        while i < n:
            ch = raw[i]
            if ch == "\\" and i + 1 < n and raw[i + 1] == "$":
                i += 1
                continue
            if ch == "-" and chars and chars[-1].isalpha():
                m = re.match(r"-[ \t]*\n\s*(?=[a-z])", raw[i:])
                if m:
                    i += m.end()
                    continue
            if ch.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offs.append(i)
                i += 1
                continue
            chars.append(ch.translate(self.FOLD))
            offs.append(i)
            i += 1
        self.text = "".join(chars)
        self.offs = offs

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        needle = self.fold(quote)
        spans = []
        start = self.text.find(needle)
        while needle and start >= 0:
            end = start + len(needle)
            spans.append((self.offs[start], self.offs[end - 1] + 1))
            start = self.text.find(needle, start + 1)
        return spans

    @classmethod
    def fold(cls, text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("\\$", "$").translate(cls.FOLD)).strip()


def load_gold(path: Path, catalog: Catalog) -> list[GoldQuestion]:
    """Read ``eval/gold.jsonl`` and resolve every quote; refuses quotes that do not resolve."""
    raws = {r.id: _NormalizedRaw(r.read_raw()) for r in catalog.reports}
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInputError(f"cannot read gold set {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInputError(f"{path}:{number} is not valid JSON: {exc.msg}") from None
        evidence = []
        for ev in item.get("evidence", []):
            if ev["report"] not in raws:
                raise BadInputError(f"{path}:{number}: unknown report {ev['report']!r}")
            spans = raws[ev["report"]].find_all(ev["quote"])
            occurrence = ev.get("occurrence")
            if not spans:
                raise BadInputError(
                    f"{path}:{number} ({item['id']}): quote not found in "
                    f"{ev['report']}: {ev['quote'][:60]!r}"
                )
            if len(spans) > 1 and occurrence is None:
                raise BadInputError(
                    f"{path}:{number} ({item['id']}): quote occurs {len(spans)} "
                    'times; add "occurrence": N'
                )
            span = spans[(occurrence or 1) - 1]
            evidence.append(Evidence(ev["report"], ev["quote"], span[0], span[1]))
        if item["split"] not in SPLITS:
            raise BadInputError(f"{path}:{number}: split must be dev or test")
        out.append(
            GoldQuestion(
                id=item["id"],
                question=item["question"],
                kind=item["kind"],
                answerable=bool(item["answerable"]),
                answer=item.get("answer", ""),
                split=item["split"],
                evidence=tuple(evidence),
            )
        )
    return out


def covers(report: str, start: int, end: int, evidence: Iterable[Evidence]) -> bool:
    """THE relevance rule: a span is relevant when, in the same report, it holds at least
    half of some evidence span (or the evidence holds at least half of it, for a span
    shorter than the evidence, e.g. one sentence of a two-sentence quote)."""
    for ev in evidence:
        if ev.report != report:
            continue
        overlap = min(end, ev.char_end) - max(start, ev.char_start)
        if overlap <= 0:
            continue
        if overlap >= 0.5 * (ev.char_end - ev.char_start) or overlap >= 0.5 * (end - start):
            return True
    return False


@dataclass
class QuestionOutcome:
    """One question's result under one system, for the per-question table."""

    id: str
    split: str
    kind: str
    answerable: bool
    ranking: list[str]  # passage ids, best first
    relevant: set[str]
    first_relevant: int | None
    abstained: bool
    answer_correct: bool | None
    confidence: float
    missing: bool  # abstained because a specific term was missing
    why: str


SystemFn = Callable[[GoldQuestion], dict[str, Any]]


def outcome(q: GoldQuestion, run: dict[str, Any]) -> QuestionOutcome:
    """Score one system answer: ``run`` has passages [(id, report, start, end)], answer span."""
    ranking = [p[0] for p in run["passages"]]
    relevant = {p[0] for p in run["passages"] if covers(p[1], p[2], p[3], q.evidence)}
    first = next((i + 1 for i, p in enumerate(run["passages"]) if p[0] in relevant), None)
    ans = run.get("answer")
    correct = None
    if q.answerable:
        correct = bool(ans) and covers(ans[0], ans[1], ans[2], q.evidence)
    abstained = bool(run.get("abstained", False))
    if not q.answerable:
        why = "abstained (right)" if abstained else "answered an unanswerable question"
    elif abstained:
        why = "wrongly abstained: " + run.get("reason", "")
    elif first is None:
        why = "evidence not retrieved"
    elif not correct:
        why = f"evidence at rank {first}, answer sentence elsewhere"
    else:
        why = "right"
    return QuestionOutcome(
        id=q.id,
        split=q.split,
        kind=q.kind,
        answerable=q.answerable,
        ranking=ranking,
        relevant=relevant,
        first_relevant=first,
        abstained=abstained,
        answer_correct=correct,
        confidence=float(run.get("confidence", 0.0)),
        missing=bool(run.get("missing", False)),
        why=why,
    )


def qa_run(qa: Any, q: GoldQuestion, k: int = 10, mode: str = "hybrid") -> dict[str, Any]:
    """Run dsrqa on one gold question, in the shape ``outcome`` scores."""
    result = qa.ask(q.question, k=k, mode=mode)
    cand = result.candidate
    return {
        "passages": [(p.id, p.report, p.char_start, p.char_end) for p in result.passages],
        "answer": (cand.citation.report, cand.citation.char_start, cand.citation.char_end)
        if cand
        else None,
        "abstained": result.abstained,
        "reason": result.reason,
        "confidence": result.confidence,
        "missing": result.abstained and result.reason.startswith("the reports say nothing"),
    }


def abstain_decisions(outcomes: list[QuestionOutcome], threshold: float) -> list[bool]:
    """What the tool would decide at another threshold (term-based abstentions stay)."""
    return [o.missing or o.confidence < threshold for o in outcomes]


def calibrate(outcomes: list[QuestionOutcome], candidates: Iterable[float]) -> float:
    """The threshold with the most right decisions on these (dev) questions; the lowest
    such value, to keep false abstentions down."""
    best_t, best_right = 0.0, -1
    for t in sorted(candidates):
        decide = abstain_decisions(outcomes, t)
        right = sum(d != o.answerable for d, o in zip(decide, outcomes, strict=True))
        if right > best_right:
            best_t, best_right = t, right
    return best_t

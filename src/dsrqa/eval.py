"""Relevance and the quality metrics of a system on the gold set (``gold.py`` reads it).

Relevance is defined once, in ``covers``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BadInputError
from .gold import GoldQuestion, NormalizedRaw, covers, load_gold
from .types import Abstention


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
        correct = ans is not None and covers(ans[0], ans[1], ans[2], q.evidence)
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


def abstain_decisions(outcomes: list[QuestionOutcome], threshold: float) -> list[bool]:
    """What the tool would decide at another threshold (term-based abstentions stay)."""
    return [o.missing or o.confidence < threshold for o in outcomes]


def abstain_rates(outcomes: list[QuestionOutcome], threshold: float) -> tuple[float, float]:
    """(answerable wrongly abstained, unanswerable abstained) at a threshold."""
    decide = abstain_decisions(outcomes, threshold)
    wrong = [d for d, o in zip(decide, outcomes, strict=True) if o.answerable]
    right = [d for d, o in zip(decide, outcomes, strict=True) if not o.answerable]
    return sum(wrong) / max(1, len(wrong)), sum(right) / max(1, len(right))


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


# ------------------------------------------------------------------------ the harness
IR_METRICS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10")
RANX_NAMES = {
    "hit@1": "hit_rate@1",
    "hit@3": "hit_rate@3",
    "hit@5": "hit_rate@5",
    "hit@10": "hit_rate@10",
    "mrr@10": "mrr@10",
    "ndcg@10": "ndcg@10",
}


@dataclass
class SystemRun:
    """One system over the whole gold set: its collection, runs and outcomes."""

    name: str
    collection: list[tuple[str, str, int, int]]  # (id, report, char_start, char_end)
    runs: dict[str, list[tuple[str, float]]]  # question id -> [(passage id, score)]
    outcomes: list[QuestionOutcome]
    threshold: float
    valid_citations: int = 0
    cited: int = 0


def qrels_for(system: SystemRun, gold: list[GoldQuestion]) -> dict[str, dict[str, int]]:
    """Every passage of the system's collection that covers a question's evidence."""
    out: dict[str, dict[str, int]] = {}
    for q in gold:
        if not q.answerable:
            continue
        rel = {pid: 1 for pid, rep, s, e in system.collection if covers(rep, s, e, q.evidence)}
        if rel:
            out[q.id] = rel
    return out


def _right(o: QuestionOutcome) -> int:
    """Whether the answer sentence (shown or not) is right; never for an unanswerable one."""
    return int(bool(o.answerable and o.answer_correct))


def _ece(outs: list[QuestionOutcome]) -> float:
    """Expected calibration error of ``confidence`` as the probability the answer is right."""
    import numpy as np

    from .fit import expected_calibration_error

    if not outs:
        return 0.0
    prob = np.clip(np.array([o.confidence for o in outs]), 0.0, 1.0)
    return expected_calibration_error(prob, np.array([_right(o) for o in outs]))


def split_metrics(system: SystemRun, gold: list[GoldQuestion], split: str) -> dict[str, Any]:
    """All metrics of one system on one split (``all`` for both)."""
    from ranx import Qrels, Run, evaluate

    ids = {q.id for q in gold if split == "all" or q.split == split}
    outs = [o for o in system.outcomes if o.id in ids]
    answerable = [o for o in outs if o.answerable]
    unanswerable = [o for o in outs if not o.answerable]
    qrels = {k: v for k, v in qrels_for(system, gold).items() if k in ids}
    run = {
        qid: {pid: 1.0 / rank for rank, (pid, _) in enumerate(system.runs[qid], start=1)}
        or {"__none__": 0.0}
        for qid in qrels
    }
    scores = evaluate(Qrels(qrels), Run(run), [RANX_NAMES[m] for m in IR_METRICS])
    row: dict[str, Any] = {"system": system.name, "split": split}
    row.update({m: round(float(scores[RANX_NAMES[m]]), 4) for m in IR_METRICS})
    row["answer@1"] = round(sum(bool(o.answer_correct) for o in answerable) / len(answerable), 4)
    row["abstain_unanswerable"] = round(
        sum(o.abstained for o in unanswerable) / max(1, len(unanswerable)), 4
    )
    row["false_abstain"] = round(sum(o.abstained for o in answerable) / len(answerable), 4)
    row["ece"] = round(_ece(outs), 4)
    row["citation_validity"] = round(system.valid_citations / max(1, system.cited), 4)
    row["mean_passage_chars"] = round(
        sum(e - s for _, _, s, e in system.collection) / len(system.collection), 1
    )
    row["n_questions"] = len(outs)
    row["n_answerable"] = len(answerable)
    row["n_unanswerable"] = len(unanswerable)
    row["threshold"] = round(system.threshold, 4)
    return row


def cited_lines_hold(raw: str, start: int, end: int, text: str) -> bool:
    """Citation validity: the cited whole lines contain every word of the passage."""
    first = raw.rfind("\n", 0, start) + 1
    last = raw.find("\n", end)
    lines = raw[first : len(raw) if last < 0 else last]
    flat = re.sub(r"[\W_]", "", NormalizedRaw.fold(lines))
    wanted = re.findall(r"[A-Za-z]{4,}", NormalizedRaw.fold(text))
    return all(w in flat or any(lig in w for lig in ("ff", "fi", "fl")) for w in wanted)


def run_dsrqa(qa: Any, gold: list[GoldQuestion], mode: str, name: str) -> SystemRun:
    """dsrqa (or one of its halves) over the gold set."""
    raws = {r.id: r.read_raw() for r in qa.index.catalog.reports}
    runs, outs = {}, []
    valid = cited = 0
    for q in gold:
        result = qa.ask(q.question, k=10, mode=mode)
        runs[q.id] = [(p.id, p.score) for p in result.passages]
        outs.append(outcome(q, qa_run_from(result)))
        for p in result.passages:
            cited += 1
            c = p.citation
            valid += cited_lines_hold(raws[c.report], c.char_start, c.char_end, p.text)
    collection = [(p.id, p.report_id, p.char_start, p.char_end) for p in qa.index.passages]
    return SystemRun(name, collection, runs, outs, qa.config.abstain_threshold, valid, cited)


def qa_run_from(result: Any) -> dict[str, Any]:
    cand = result.candidate
    return {
        "passages": [
            (p.id, p.citation.report, p.citation.char_start, p.citation.char_end)
            for p in result.passages
        ],
        "answer": (cand.citation.report, cand.citation.char_start, cand.citation.char_end)
        if cand
        else None,
        "abstained": result.abstained,
        "reason": result.reason,
        "confidence": result.confidence,
        "missing": result.abstained and result.abstention is not Abstention.LOW_SCORE,
    }


def run_peer(peer: Any, gold: list[GoldQuestion]) -> SystemRun:
    """The langchain-default peer; its threshold is calibrated on dev like dsrqa's."""
    import numpy as np

    raws = {c.report: None for c in peer.chunks}
    runs, raw_runs = {}, {}
    for q in gold:
        raw_runs[q.id] = peer.run(q.question)
        runs[q.id] = [(p[0], p[4]) for p in raw_runs[q.id]["passages"]]
    dev = [outcome(q, raw_runs[q.id]) for q in gold if q.split == "dev"]
    grid = np.unique(np.round([o.confidence for o in dev], 4))
    peer.threshold = calibrate(dev, [0.0, *grid.tolist()])
    outs = []
    for q in gold:
        r = dict(raw_runs[q.id])
        r["abstained"] = r["confidence"] < peer.threshold
        outs.append(outcome(q, r))
    del raws
    collection = [(c.id, c.report, c.char_start, c.char_end) for c in peer.chunks]
    n = sum(len(v) for v in runs.values())
    return SystemRun(peer.name, collection, runs, outs, peer.threshold, n, n)


SUMMARY_COLUMNS = (
    "hit@1",
    "hit@5",
    "hit@10",
    "mrr@10",
    "ndcg@10",
    "answer@1",
    "abstain_unanswerable",
    "false_abstain",
    "ece",
    "citation_validity",
    "mean_passage_chars",
)
SYSTEMS = ("dsrqa", "bm25-only", "dense-only", "langchain-default")


def evaluate_all(
    qa: Any,
    gold_path: Path,
    out_dir: Path | None,
    systems: Iterable[str] = SYSTEMS,
    verify_path: Path | None = None,
) -> dict[str, Any]:
    """Score every system on every split, and ``verify`` on its own set when given;
    write the files ``out_dir`` should hold."""
    gold = load_gold(gold_path, qa.index.catalog)
    runs = []
    for name in systems:
        if name == "dsrqa":
            runs.append(run_dsrqa(qa, gold, "hybrid", name))
        elif name == "bm25-only":
            runs.append(run_dsrqa(qa, gold, "bm25", name))
        elif name == "dense-only":
            runs.append(run_dsrqa(qa, gold, "dense", name))
        elif name == "langchain-default":
            from .peers import LangchainPeer

            runs.append(run_peer(LangchainPeer(qa.index.catalog, qa.index.embedder.embed), gold))
        else:
            raise BadInputError(f"unknown system {name!r}; expected some of {', '.join(SYSTEMS)}")
    splits = [s for s in ("dev", "test") if any(q.split == s and q.answerable for q in gold)]
    rows = [split_metrics(r, gold, split) for r in runs for split in (*splits, "all")]
    dev = [o for o in runs[0].outcomes if o.split == "dev"] if runs else []
    report: dict[str, Any] = {
        "results": rows,
        "gold": {
            "path": str(gold_path),
            "questions": len(gold),
            "dev": sum(q.split == "dev" for q in gold),
            "test": sum(q.split == "test" for q in gold),
        },
        "config": qa.config.to_dict(),
        "calibration": {
            "threshold_in_config": qa.config.abstain_threshold,
            "threshold_calibrated_on_dev": round(calibrate(dev, _grid(dev)), 4) if dev else None,
            "rule": "most right abstain/answer decisions on dev; lowest such threshold",
        },
        "relevance_rule": covers.__doc__ and " ".join(covers.__doc__.split()),
    }
    checks: list[Any] = []
    if verify_path is not None:
        from .eval_verify import evaluate as evaluate_verify

        report["verify"], checks = evaluate_verify(qa, verify_path)
    if out_dir is not None:
        write_results(Path(out_dir), report, runs, gold)
        if checks:
            from .eval_verify import write_cases

            write_cases(Path(out_dir) / "verify-cases.csv", checks)
    return report


def _grid(outcomes: list[QuestionOutcome]) -> list[float]:
    return sorted({0.0, *(round(o.confidence, 4) for o in outcomes)})


def write_results(
    out: Path, report: dict[str, Any], runs: list[SystemRun], gold: list[GoldQuestion]
) -> None:
    """metrics.json, TREC run and qrels files, per-question table, markdown, plots."""
    import csv

    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for r in runs:
        with open(out / f"run-{r.name}.trec", "w", encoding="utf-8") as fh:
            for qid, ranked in r.runs.items():
                for rank, (pid, _) in enumerate(ranked, start=1):
                    fh.write(f"{qid} Q0 {pid} {rank} {1.0 / rank:.6f} {r.name}\n")
        with open(out / f"qrels-{r.name}.trec", "w", encoding="utf-8") as fh:
            for qid, rel in qrels_for(r, gold).items():
                for pid in sorted(rel):
                    fh.write(f"{qid} 0 {pid} 1\n")
    with open(out / "questions.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "system",
                "id",
                "split",
                "kind",
                "answerable",
                "first_relevant_rank",
                "answer_correct",
                "abstained",
                "confidence",
                "why",
            ]
        )
        for r in runs:
            for o in r.outcomes:
                writer.writerow(
                    [
                        r.name,
                        o.id,
                        o.split,
                        o.kind,
                        o.answerable,
                        o.first_relevant,
                        o.answer_correct,
                        o.abstained,
                        round(o.confidence, 4),
                        o.why,
                    ]
                )
    (out / "report.md").write_text(markdown_report(report, runs), encoding="utf-8")
    write_plots(out, runs, gold)


def markdown_report(report: dict[str, Any], runs: list[SystemRun]) -> str:
    cols = SUMMARY_COLUMNS
    lines = [
        "# dsrqa evaluation",
        "",
        f"Gold set: {report['gold']['questions']} questions "
        f"({report['gold']['dev']} dev, {report['gold']['test']} test). Parameters, "
        "weights and the abstention threshold were chosen on **dev** only; **test** was "
        "never used to choose anything.",
        "",
    ]
    for split in ("test", "dev", "all"):
        lines += [
            f"## {split}",
            "",
            "| system | " + " | ".join(cols) + " |",
            "|---|" + "---|" * len(cols),
        ]
        for row in report["results"]:
            if row["split"] == split:
                lines.append(f"| {row['system']} | " + " | ".join(str(row[c]) for c in cols) + " |")
        lines.append("")
    cal = report["calibration"]
    lines += [
        "## Abstention",
        "",
        f"Threshold in config: {cal['threshold_in_config']}; recalibrated on dev now: "
        f"{cal['threshold_calibrated_on_dev']} ({cal['rule']}).",
        "",
        "## Relevance",
        "",
        report["relevance_rule"] or "",
        "",
        "## Misses of dsrqa (test split)",
        "",
    ]
    for o in runs[0].outcomes if runs else []:
        if o.split == "test" and o.why not in ("right", "abstained (right)"):
            lines.append(f"- {o.id} ({o.kind}): {o.why}")
    if "verify" in report:
        from .eval_verify import markdown_section

        lines += ["", *markdown_section(report["verify"])]
    lines += ["", "Plots: hit_at_k.png, kinds.png, abstention.png", ""]
    return "\n".join(lines)


def write_plots(out: Path, runs: list[SystemRun], gold: list[GoldQuestion]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for r in runs:
        ans = [o for o in r.outcomes if o.answerable and o.split == "test"]
        ks = list(range(1, 11))
        ax.plot(
            ks,
            [
                sum(1 for o in ans if o.first_relevant and o.first_relevant <= k) / len(ans)
                for k in ks
            ],
            marker="o",
            label=r.name,
        )
    ax.set(
        xlabel="k", ylabel="hit@k (test split)", title="Evidence found in the top k", ylim=(0, 1.02)
    )
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "hit_at_k.png", dpi=110)
    plt.close(fig)

    if runs:
        kinds = sorted({q.kind for q in gold if q.answerable})
        fig, ax = plt.subplots(figsize=(8, 4))
        width = 0.8 / len(runs)
        for j, r in enumerate(runs):
            vals = []
            for kind in kinds:
                ans = [o for o in r.outcomes if o.kind == kind]
                vals.append(
                    sum(1 for o in ans if o.first_relevant and o.first_relevant <= 5)
                    / max(1, len(ans))
                )
            ax.bar([i + j * width for i in range(len(kinds))], vals, width, label=r.name)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(kinds))], kinds, rotation=30)
        ax.set(
            ylabel="hit@5 (all splits)", title="Evidence found, by kind of question", ylim=(0, 1.05)
        )
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(out / "kinds.png", dpi=110)
        plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 4))
    for r in runs:
        outs = r.outcomes
        grid = _grid(outs) + [max((o.confidence for o in outs), default=1.0) + 1]
        points = [abstain_rates(outs, t) for t in grid]
        line = ax.plot([p[0] for p in points], [p[1] for p in points], label=r.name)[0]
        chosen = abstain_rates(outs, r.threshold)
        ax.plot(
            [chosen[0]],
            [chosen[1]],
            "o",
            color=line.get_color(),
            markersize=8,
        )
    ax.set(
        xlabel="answerable questions wrongly abstained",
        ylabel="unanswerable abstained",
        title="Abstention over thresholds (dot: chosen)",
        xlim=(0, 1),
        ylim=(0, 1.02),
    )
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "abstention.png", dpi=110)
    plt.close(fig)
    _calibration_plots(out, runs[:1])


def _calibration_plots(out: Path, runs: list[SystemRun]) -> None:
    """Reliability diagram (confidence against the share right, by bin) and the
    risk-coverage curve (answer@1 among the questions answered, as the threshold rises),
    dev and test, for the first system."""
    import matplotlib.pyplot as plt
    import numpy as np

    for r in runs:
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        for split in ("dev", "test"):
            outs = [o for o in r.outcomes if o.split == split]
            if not outs:  # a set that is all test (eval/fresh.jsonl)
                continue
            prob = np.clip(np.array([o.confidence for o in outs]), 0, 1)
            ok = np.array([_right(o) for o in outs])
            which = np.clip((prob * 10).astype(int), 0, 9)
            bins = [b for b in range(10) if (which == b).any()]
            left.plot(
                [prob[which == b].mean() for b in bins],
                [ok[which == b].mean() for b in bins],
                "o-",
                label=f"{split} (ECE {_ece(outs):.3f})",
            )
            order = np.argsort(-prob, kind="stable")
            answerable = np.array([o.answerable for o in outs])[order]
            hits = np.cumsum(ok[order])
            n = np.arange(1, len(outs) + 1)
            right.plot(
                n / len(outs), hits / n, label=f"{split} ({answerable.mean():.0%} answerable)"
            )
        left.plot([0, 1], [0, 1], ":", color="grey")
        left.set(xlabel="confidence", ylabel="share right", title=f"Calibration ({r.name})")
        right.set(
            xlabel="share of questions answered (most confident first)",
            ylabel="answer right, among those answered",
            title="Risk-coverage",
            ylim=(0, 1.02),
        )
        for ax in (left, right):
            ax.grid(alpha=0.3)
            ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "calibration.png", dpi=110)
        plt.close(fig)

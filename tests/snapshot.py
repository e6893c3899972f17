"""What dsrqa answers and verifies on every gold question and verify case, as plain JSON
lines: the behaviour that a change of shape must not move (``test_snapshot.py``).

Regenerate only for a change that means to move behaviour, and say so in its commit:

    .venv/bin/python -m tests.snapshot --index index
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "snapshots"
GOLD = ROOT / "eval" / "gold.jsonl"
CASES = ROOT / "eval" / "verify.jsonl"


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _where(d: dict[str, Any]) -> list[Any]:
    return [d["report"], d["line_start"], d["line_end"], d["char_start"], d["char_end"]]


def ask_rows(qa: Any) -> list[dict[str, Any]]:
    out = []
    for q in _rows(GOLD):
        r = qa.ask(q["question"]).to_dict()
        ans = r["answer"]
        out.append(
            {
                "id": q["id"],
                "abstained": r["abstained"],
                "reason": r["reason"],
                "confidence": round(r["confidence"], 4),
                "answer": None
                if ans is None
                else {
                    "text": ans["text"],
                    "span": [ans["span"]["start"], ans["span"]["end"]],
                    "passage": ans["passage_id"],
                    "at": _where(ans["citation"]),
                    "section": ans["citation"]["section"],
                },
                "passages": [[p["id"], round(p["score"], 5), *_where(p)] for p in r["passages"]],
            }
        )
    return out


def verify_rows(qa: Any) -> list[dict[str, Any]]:
    qa.verifier().warm()
    out = []
    for case in _rows(CASES):
        v = qa.verify(case["text"]).to_dict()
        out.append(
            {
                "id": case["id"],
                "verdict": v["verdict"],
                "reason": v["reason"],
                "matches": [
                    [
                        *_where(m),
                        m["section"],
                        round(m["score"], 3),
                        m["quote"],
                        [[d["op"], d["text"], d["report"]] for d in m["diff"]],
                    ]
                    for m in v["matches"]
                ],
                "mismatches": [
                    [m["claim"], m["report"], m["kind"], m["quote"]] for m in v["mismatches"]
                ],
            }
        )
    return out


def write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
        encoding="utf-8",
    )


def main() -> None:
    from dsrqa import QA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="index")
    args = parser.parse_args()
    qa = QA.load(args.index, corpus_dir=ROOT / "corpus")
    SNAPSHOTS.mkdir(exist_ok=True)
    write(SNAPSHOTS / "ask.jsonl", ask_rows(qa))
    write(SNAPSHOTS / "verify.jsonl", verify_rows(qa))


if __name__ == "__main__":
    main()

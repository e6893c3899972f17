"""``dsrqa bench``: speed and memory of dsrqa and the langchain-default peer, same run.

Figures, not pass/fail: cold start of a fresh process answering one question (wall and
peak RSS, median of several runs), warm per-question latency p50/p95 over the gold
questions, batch throughput, and index build time; then dsrqa/peer ratios. The peer is
the usual approach: sentence-transformers (torch) imported at query time, LangChain
chunks, a flat FAISS index, dense retrieval only.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUESTION = "Which vendor did Malaysia choose for its 5G network instead of Huawei?"

PEER_BUILD = r"""
import json, sys, time
t = time.perf_counter()
import faiss, numpy as np
from sentence_transformers import SentenceTransformer
from dsrqa.corpus import load_catalog
from dsrqa.embedding import source_model_dir
from dsrqa.peers import peer_chunks
out = sys.argv[1]
chunks = peer_chunks(load_catalog(sys.argv[2]))
model = SentenceTransformer(str(source_model_dir()), device="cpu")
vec = model.encode([c.text for c in chunks], normalize_embeddings=True)
index = faiss.IndexFlatIP(vec.shape[1]); index.add(vec)
faiss.write_index(index, out + "/peer.faiss")
json.dump([c.text for c in chunks], open(out + "/peer.json", "w"))
print(json.dumps({"seconds": time.perf_counter() - t, "chunks": len(chunks)}))
"""

PEER_ASK = r"""
import json, sys
import faiss
from sentence_transformers import SentenceTransformer
from dsrqa.embedding import source_model_dir
out, question = sys.argv[1], sys.argv[2]
texts = json.load(open(out + "/peer.json"))
index = faiss.read_index(out + "/peer.faiss")
model = SentenceTransformer(str(source_model_dir()), device="cpu")
vec = model.encode([question], normalize_embeddings=True)
sims, ids = index.search(vec, 5)
print(json.dumps([texts[i][:80] for i in ids[0]]))
"""


WRAPPER = (
    "import resource, subprocess, sys; "
    "code = subprocess.call(sys.argv[1:]); "
    "sys.stderr.write('\\n__PEAK_KB__ %d\\n' % "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


def _child_peak(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one fresh process.

    Linux carries a process's peak RSS across fork and exec, so a child of this (large)
    process would report our peak; a small wrapper process starts it and reads its own
    child's figure instead.
    """
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, *cmd], capture_output=True, env=env, check=False
    )
    wall = time.perf_counter() - start
    err = proc.stderr.decode()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd[:4])} failed: {err[-400:]}")
    peak_kb = int(err.rsplit("__PEAK_KB__", 1)[1].split()[0])
    return wall, peak_kb / 1024, proc.stdout.decode()


def _median_runs(cmd: list[str], runs: int) -> dict[str, float]:
    samples = [_child_peak(cmd) for _ in range(runs)]
    return {
        "wall_s": round(statistics.median(s[0] for s in samples), 3),
        "peak_mb": round(statistics.median(s[1] for s in samples), 1),
        "runs": runs,
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]

    return {"p50_ms": round(pct(0.5) * 1000, 2), "p95_ms": round(pct(0.95) * 1000, 2)}


def machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    with contextlib.suppress(OSError):
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def run_bench(
    index_dir: Path,
    corpus_dir: Path,
    gold: Path,
    runs: int = 5,
    progress: Any = None,
    settle: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """All figures for dsrqa and the peer, measured in this one run.

    ``settle`` runs once the verifier is warm, before ``verify`` is timed (the CLI
    passes its ``freeze_heap``, as the app's launcher and ``verify --jsonl`` run it);
    without it the garbage is collected there."""
    from .corpus import load_catalog
    from .eval import load_gold
    from .qa import QA

    say = progress or (lambda msg: None)
    questions = [q.question for q in load_gold(gold, load_catalog(corpus_dir))]
    result: dict[str, Any] = {
        "machine": machine(),
        "question": QUESTION,
        "gold_questions": len(questions),
    }
    with tempfile.TemporaryDirectory() as tmp:
        result["build_s"] = _builds(tmp, corpus_dir, say)
        result["cold"] = _cold_starts(tmp, index_dir, corpus_dir, runs, say)

        say("warm: dsrqa")
        qa = QA.load(index_dir, corpus_dir=corpus_dir)
        result["warm"], result["throughput_qps"] = _dsrqa_warm(qa, questions)

        checks = corpus_dir.parent / "eval" / "verify.jsonl"
        if checks.is_file():  # before the peer loads torch, whose threads would compete
            say("verify: dsrqa and the difflib peer")
            result["verify"] = _verify_warm(qa, checks, settle or gc.collect)

        say("warm: peer")
        result["warm"]["peer"], result["throughput_qps"]["peer"] = _peer_warm(tmp, questions)
    result["ratios_dsrqa_over_peer"] = _ratios(result)
    return result


def _builds(tmp: str, corpus_dir: Path, say: Callable[[str], Any]) -> dict[str, float]:
    """Seconds to build dsrqa's index (in this process) and the peer's (a fresh one)."""
    from .build import build_index

    say("build: dsrqa")
    t = time.perf_counter()
    build_index(Path(tmp) / "index", corpus_dir=corpus_dir)
    dsrqa_build = time.perf_counter() - t
    say("build: peer")
    _, _, out = _child_peak([sys.executable, "-c", PEER_BUILD, tmp, str(corpus_dir)])
    peer_build = json.loads(out)["seconds"]
    return {"dsrqa": round(dsrqa_build, 2), "peer": round(peer_build, 2)}


def _cold_starts(
    tmp: str, index_dir: Path, corpus_dir: Path, runs: int, say: Callable[[str], Any]
) -> dict[str, Any]:
    """A fresh process answering one question, dsrqa's CLI and the peer's script."""
    py = sys.executable
    say("cold start: dsrqa")
    ask = ["ask", QUESTION, "--json", "--index", str(index_dir), "--corpus", str(corpus_dir)]
    cold = {"dsrqa": _median_runs([py, "-m", "dsrqa.cli", *ask], runs)}
    say("cold start: peer")
    cold["peer"] = _median_runs([py, "-c", PEER_ASK, tmp, QUESTION], runs)
    return cold


def _dsrqa_warm(qa: Any, questions: list[str]) -> tuple[dict[str, Any], dict[str, float]]:
    """Per-question latency of a warm QA, then its throughput over the whole list."""
    qa.ask(QUESTION)
    times = []
    for q in questions:
        t = time.perf_counter()
        qa.ask(q)
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    qa.ask_many(questions)
    qps = round(len(questions) / (time.perf_counter() - t), 1)
    return {"dsrqa": _percentiles(times)}, {"dsrqa": qps}


def _ratios(result: dict[str, Any]) -> dict[str, float]:
    """dsrqa's figure over the peer's, for each figure measured."""
    c, w, q, b = result["cold"], result["warm"], result["throughput_qps"], result["build_s"]
    ratios = {
        "cold_wall": round(c["dsrqa"]["wall_s"] / c["peer"]["wall_s"], 3),
        "cold_peak_mb": round(c["dsrqa"]["peak_mb"] / c["peer"]["peak_mb"], 3),
        "warm_p50": round(w["dsrqa"]["p50_ms"] / w["peer"]["p50_ms"], 3),
        "warm_p95": round(w["dsrqa"]["p95_ms"] / w["peer"]["p95_ms"], 3),
        "throughput": round(q["dsrqa"] / q["peer"], 3),
        "build": round(b["dsrqa"] / b["peer"], 3),
    }
    if "verify" in result:
        v = result["verify"]
        ratios["verify_p50"] = round(v["dsrqa"]["p50_ms"] / v["peer"]["p50_ms"], 4)
    return ratios


VERIFY_PEER_TEXTS = 20


def _verify_warm(qa: Any, path: Path, settle: Callable[[], Any]) -> dict[str, Any]:
    """Warm time per text of ``verify`` on the whole verification set, and of the obvious
    hand-written check (difflib's ratio against every sentence of the reports, best one
    wins) on its first texts: that peer is too slow to run on all of them."""
    import difflib

    from .eval_verify import load_cases

    texts = [c.text for c in load_cases(path)]
    qa.verifier().warm()  # as the app and verify --jsonl run it
    qa.verify(texts[0])  # warm every path: the first text is verbatim, this one is not
    qa.verify("A text the reports do not contain loads the embedding model's session.")
    settle()  # the answers' garbage: collect it now, not in the middle of a text
    times = []
    for text in texts:
        t = time.perf_counter()
        qa.verify(text)
        times.append(time.perf_counter() - t)
    sentences = [s.text.lower() for s in qa.index.sentences]
    peer = []
    for text in texts[:VERIFY_PEER_TEXTS]:
        t = time.perf_counter()
        low = text.lower()
        max(difflib.SequenceMatcher(None, low, s).ratio() for s in sentences)
        peer.append(time.perf_counter() - t)
    return {
        "texts": len(texts),
        "peer_texts": len(peer),
        "dsrqa": {**_percentiles(times), "max_ms": round(max(times) * 1000, 2)},
        "peer": _percentiles(peer),
        "peer_name": "difflib ratio against every sentence",
    }


def _peer_warm(folder: str, questions: list[str]) -> tuple[dict[str, float], float]:
    """The peer warm, in this process: sentence-transformers encode + FAISS search."""
    import faiss

    from .embedding import load_torch_model

    model = load_torch_model(256)
    index = faiss.read_index(folder + "/peer.faiss")
    model.encode(["warm up"], normalize_embeddings=True)
    times = []
    for q in questions:
        t = time.perf_counter()
        index.search(model.encode([q], normalize_embeddings=True), 5)
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    for q in questions:
        index.search(model.encode([q], normalize_embeddings=True), 5)
    qps = len(questions) / (time.perf_counter() - t)
    return _percentiles(times), round(qps, 1)

"""Reliability: killed builds, odd but valid input, concurrent use, fuzzed normalisation."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa import QA
from dsrqa.errors import BadInputError
from dsrqa.index import CURRENT, check_index
from dsrqa.qa import clean_question

from .conftest import CORPUS

LIMIT = 2000


def snapshot(folder: Path) -> dict[str, bytes]:
    """The index's files, leaving out a killed build's unfinished ``.tmp-*`` folder."""
    files = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            files[str(rel)] = p.read_bytes()
    return files


@pytest.mark.integration
@pytest.mark.parametrize("delay", [1.0, 6.0, 14.0, 24.0])
def test_build_killed_with_sigkill_leaves_the_previous_index_loadable(
    built_index: Path, tmp_path: Path, delay: float
) -> None:
    """Kill a real build at several moments: clean-up, model export, embedding, writing."""
    index = tmp_path / "index"
    shutil.copytree(built_index, index)
    before = snapshot(index)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dsrqa.cli",
            "build",
            "--quiet",
            "--index",
            str(index),
            "--corpus",
            str(CORPUS),
            "--set",
            "chunk_size=500",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = snapshot(index)
    if after != before:  # the build finished before the kill: the new index must be whole
        assert proc.returncode == 0
        check_index(index, corpus_dir=CORPUS, config=None)
        return
    assert (index / CURRENT).read_text() == (built_index / CURRENT).read_text()
    QA.load(index, corpus_dir=CORPUS).ask("What is City Brain?")


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    [
        "the of and to",  # only stop words
        "<script>alert(1)</script> what is DSR?",
        "[click](http://evil.example) ' OR 1=1; DROP TABLE passages; --",
        "华为在马来西亚做了什么？",
        "🚀🚀 Huawei 5G 🇲🇾?",
        "What\x1b[31m is\x07 City\u200b Brain?",
        "x" * LIMIT,
    ],
)
def test_odd_but_valid_questions_get_an_answer_or_an_abstention(qa, question: str) -> None:
    result = qa.ask(question)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["abstained"] in (True, False) and len(data["passages"]) == 5
    if not result.abstained:
        assert result.answer is not None and result.answer.text


def test_stop_word_question_abstains_with_a_reason(qa) -> None:
    result = qa.ask("what is the of and to?")
    assert result.abstained and "content words" in result.reason


@pytest.mark.parametrize("question", ["", " \t\n ", "\x00\x01", "x" * (LIMIT + 1), "é" * 100_000])
def test_empty_and_oversized_questions_are_refused_in_bounded_time(question: str) -> None:
    start = time.perf_counter()
    with pytest.raises(BadInputError):
        clean_question(question, LIMIT)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "200")), deadline=None)
@given(st.text(max_size=3000))
def test_question_normalisation_never_fails_unexpectedly(text: str) -> None:
    try:
        cleaned = clean_question(text, LIMIT)
    except BadInputError:
        return
    assert cleaned and cleaned == cleaned.strip() and len(cleaned) <= LIMIT
    assert "  " not in cleaned
    assert not any(ord(c) < 32 for c in cleaned)


@pytest.mark.integration
def test_eight_threads_asking_two_hundred_questions_each_match_one_thread(qa) -> None:
    gold = [
        json.loads(line)["question"]
        for line in (CORPUS.parent / "eval" / "gold.jsonl").read_text().splitlines()
    ]
    questions = (gold * 2)[:200]
    single = {q: qa.ask(q).to_dict() for q in set(questions)}

    def worker(offset: int) -> list[tuple[str, dict]]:
        order = questions[offset:] + questions[:offset]
        return [(q, qa.ask(q).to_dict()) for q in order]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for batch in pool.map(worker, range(0, 200, 25)) for r in batch]
    assert len(results) == 1600
    mismatched = [q for q, data in results if data != single[q]]
    assert not mismatched, mismatched[:3]


@pytest.mark.integration
def test_build_on_a_full_disk_fails_cleanly_and_keeps_the_previous_index(
    built_index: Path, tmp_path: Path
) -> None:
    """A real full file system: a tmpfs just big enough for the current index."""
    from dsrqa.build import build_index
    from dsrqa.errors import DsrqaError

    mount = tmp_path / "small"
    mount.mkdir()
    size_mb = sum(p.stat().st_size for p in built_index.rglob("*") if p.is_file()) // 2**20 + 30
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(mount)], capture_output=True
    )
    if proc.returncode:
        pytest.skip(f"cannot mount a small tmpfs here: {proc.stderr.decode().strip()}")
    try:
        index = mount / "index"
        shutil.copytree(built_index, index)
        before = snapshot(index)
        with pytest.raises(DsrqaError, match="previous index is unchanged"):
            build_index(index, corpus_dir=CORPUS)
        assert snapshot(index) == before
        assert not list(index.glob(".tmp-*"))
        QA.load(index, corpus_dir=CORPUS).ask("What is City Brain?")
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)

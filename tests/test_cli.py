"""The command line: exit codes, one-line errors, --json and --jsonl output."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dsrqa.cli import build_parser

from .conftest import CORPUS


def run(
    *args: str, stdin: bytes | None = None, index: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "dsrqa.cli", *args]
    if index is not None:
        cmd += ["--index", str(index), "--corpus", str(CORPUS)]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=120, env=env)


def assert_clean_error(proc: subprocess.CompletedProcess[bytes], code: int, text: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert text in err


@pytest.mark.parametrize("command", ["build", "ask", "verify", "show", "reports", "eval", "bench"])
def test_every_command_has_help(command: str) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit) as exc:
        parser.parse_args([command, "--help"])
    assert exc.value.code == 0


def test_missing_index_exits_4_with_the_build_command(tmp_path: Path) -> None:
    proc = run("ask", "What is DSR?", index=tmp_path / "none")
    assert_clean_error(proc, 4, "dsrqa build --index")


def test_unknown_option_exits_2() -> None:
    assert_clean_error(run("ask", "--nope"), 2, "unrecognized arguments")


def test_show_needs_no_index_and_marks_the_cited_lines() -> None:
    proc = run("show", "eurasia-2020:113", "-C", "1")
    assert proc.returncode == 0
    out = proc.stdout.decode().splitlines()
    assert out[0].startswith("corpus/eurasia-group-2020-digital-silk-road.txt")
    assert out[2].startswith(">113 | April 2019")


@pytest.mark.parametrize(
    ("ref", "message"),
    [("eurasia-2020", "REPORT:LINE"), ("nope:3", "unknown report"), ("eurasia-2020:0", "lines 1-")],
)
def test_show_bad_references_exit_2(ref: str, message: str) -> None:
    assert_clean_error(run("show", ref), 2, message)


@pytest.mark.integration
def test_ask_json_prints_one_result_object(built_index: Path) -> None:
    proc = run(
        "ask",
        "Who chose Ericsson for Malaysia's 5G network?",
        "--json",
        "-k",
        "3",
        index=built_index,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert len(data["passages"]) == 3 and "abstained" in data


@pytest.mark.integration
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["ask", "", "--json"], 2, "question is empty"),
        (["ask", "What?", "-k", "0"], 2, "k must be between"),
        (["ask", "What?", "--report", "nope"], 2, "unknown report"),
    ],
)
def test_ask_bad_input_exits_2_without_traceback(
    built_index: Path, args: list[str], code: int, message: str
) -> None:
    assert_clean_error(run(*args, index=built_index), code, message)


@pytest.mark.integration
def test_jsonl_answers_good_lines_and_reports_bad_ones(built_index: Path) -> None:
    lines = (
        b"\n".join(
            [
                json.dumps({"id": "a", "question": "What is City Brain?"}).encode(),
                b"Which countries signed DSR MOUs with China?",
                b"{broken json",
                b"\xff\xfe invalid utf-8",
                json.dumps({"id": "e", "question": ""}).encode(),
            ]
        )
        + b"\n"
    )
    proc = run("ask", "--jsonl", index=built_index, stdin=lines)
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 2
    assert [o.get("id") for o in out] == ["a", None, None, None, "e"]
    assert "answer" in out[0] and "answer" in out[1]
    assert "not valid JSON" in out[2]["error"] and "UTF-8" in out[3]["error"]
    assert "empty" in out[4]["error"]


# ------------------------------------------- long-running commands freeze the warm heap
class WarmRecorder:
    """A QA stand-in that records warming the verifier, verifying and freezing, in order."""

    def __init__(self, steps: list[str]) -> None:
        self.steps = steps
        self.index = SimpleNamespace(sentences=[SimpleNamespace(text="a sentence")])

    def verifier(self) -> WarmRecorder:
        return self

    def warm(self) -> WarmRecorder:
        self.steps.append("warm")
        return self

    def verify(self, text: str, id: str | None = None) -> Any:
        self.steps.append("verify")
        return SimpleNamespace(to_dict=lambda: {"id": id, "text": text})


def test_freeze_heap_collects_then_freezes() -> None:
    import gc

    from dsrqa.cli import freeze_heap

    before = gc.get_freeze_count()
    try:
        freeze_heap()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``dsrqa.cli`` with a recording QA and ``freeze_heap``; the steps they record."""
    from dsrqa import cli

    recorded: list[str] = []
    monkeypatch.setattr(cli, "_qa", lambda args: WarmRecorder(recorded))
    monkeypatch.setattr(cli, "freeze_heap", lambda: recorded.append("freeze"))
    return recorded


def test_verify_jsonl_freezes_after_warming(
    steps: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dsrqa import cli

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"one\ntwo\n")))
    assert cli.main(["verify", "--jsonl"]) == 0
    assert steps == ["warm", "freeze", "verify", "verify"]
    assert [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()] == [
        "one",
        "two",
    ]


def test_a_single_verify_does_not_freeze(
    steps: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from dsrqa import cli

    assert cli.main(["verify", "some text", "--json"]) == 0
    assert steps == ["verify"]
    assert json.loads(capsys.readouterr().out) == {"id": None, "text": "some text"}


@pytest.mark.parametrize(("verify_set", "expected"), [(None, ["warm", "freeze"]), ("none", [])])
def test_eval_freezes_after_warming_when_it_verifies(
    steps: list[str], monkeypatch: pytest.MonkeyPatch, verify_set: str | None, expected: list[str]
) -> None:
    import dsrqa.eval
    from dsrqa import cli

    def evaluate_all(qa: Any, gold: Path, out: Any, systems: Any, checks: Any) -> dict:
        steps.append(f"evaluate checks={checks is not None}")
        return {}

    monkeypatch.setattr(dsrqa.eval, "evaluate_all", evaluate_all)
    args = ["eval", "--json"] + (["--verify-set", verify_set] if verify_set else [])
    assert cli.main(args) == 0
    assert steps == [*expected, f"evaluate checks={verify_set is None}"]


def test_bench_settles_with_freeze_heap(monkeypatch: pytest.MonkeyPatch) -> None:
    import dsrqa.bench
    import dsrqa.index
    from dsrqa import cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr(dsrqa.index, "check_index", lambda *a: None)
    monkeypatch.setattr(dsrqa.bench, "run_bench", lambda *a, settle: seen.update(settle=settle))
    assert cli.main(["bench", "--json", "--runs", "1"]) == 0
    assert seen["settle"] is cli.freeze_heap


def test_bench_verify_settles_after_warming() -> None:
    from dsrqa.bench import _verify_warm

    steps: list[str] = []
    cases = CORPUS.parent / "eval" / "verify.jsonl"
    report = _verify_warm(WarmRecorder(steps), cases, lambda: steps.append("settle"))
    # warmed, two warm-up texts, then settled before the timed texts
    assert steps[:4] == ["warm", "verify", "verify", "settle"]
    assert steps.count("verify") == 2 + report["texts"] and "settle" not in steps[4:]

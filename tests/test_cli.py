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


@pytest.mark.parametrize("ref", ["eurasia-2020:²", "eurasia-2020:１２", "eurasia-2020:3-٣"])
def test_show_refuses_digits_other_than_0_to_9_in_one_line(ref: str) -> None:
    proc = run("show", ref)
    assert_clean_error(proc, 2, "digits 0-9")
    assert len(proc.stderr.decode().splitlines()) == 1


@pytest.mark.parametrize(
    "ref",
    [
        "corpus/cramer-flood-boland-2022-ccp-inc-in-malaysia.txt:819-823",
        "cramer-flood-boland-2022-ccp-inc-in-malaysia.txt:819-823",
        "ccp-inc-malaysia-2022:819-823",
        "Cramer-Flood & Boland 2022 (2022-12-16), “Appendix C: Timeline”, "
        "corpus/cramer-flood-boland-2022-ccp-inc-in-malaysia.txt:819-823",
        "corpus/cramer-flood-boland-2022-ccp-inc-in-malaysia.txt, lines 819–823",
        "http://localhost:8501/?doc=ccp-inc-malaysia-2022&line=819-823",
    ],
)
def test_show_opens_what_ask_prints(ref: str) -> None:
    proc = run("show", ref, "-C", "0")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode().splitlines()
    assert (
        out[0] == "corpus/cramer-flood-boland-2022-ccp-inc-in-malaysia.txt (ccp-inc-malaysia-2022)"
    )
    assert [line[:4] for line in out[1:]] == [">819", ">820", ">821", ">822", ">823"]


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


# ------------------------------------------------- batches: one output line per input line
BOM = b"\xef\xbb\xbf"
MIXED_BATCH = [  # (input line, id echoed, what the output line holds)
    (BOM + b'{"id": "bom", "QUESTION": "What is City Brain?"}', "bom", "answer"),
    (b'{"id": "\\ud800x", "QUESTION": "What is City Brain?"}', "\ud800x", "lone surrogate"),
    (b'{"id": "deep", "QUESTION": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", None, "deep"),
    (b'["What is City Brain?"]', None, "a JSON array"),
    (b"42", None, "a JSON number"),
    (b'"What is City Brain?"', None, "a JSON string"),
    (b"null", None, "JSON null"),
    (b"false", None, "a JSON boolean"),
    (b'{"id": 7, "QUESTION": "What is City Brain?"}', 7, "answer"),
    (b'{"id": [1], "QUESTION": "What is City Brain?"}', None, "string or a number"),
    (b'{"id": "s", "QUESTION": "What is \\udc00 City Brain?"}', "s", "lone surrogate"),
    (b'{"id": 1e400, "QUESTION": "What is City Brain?"}', None, "finite"),
    (b'{"id": "q", "QUESTION": ["a"]}', "q", "must be a string"),
    (b"", None, "empty"),
    (b"\xff\xfe invalid utf-8", None, "UTF-8"),
    (b'{"id": "boom", "QUESTION": "BOOM"}', "boom", "internal error"),
    (b'{"id": "e", "QUESTION": ""}', "e", "empty"),
    (b"Which countries signed DSR MOUs with China?", None, "answer"),
]


class BatchQA:
    """A QA stand-in that answers every question (and verifies every text) at once, and
    fails with an unexpected error on the text ``BOOM``."""

    index = SimpleNamespace(catalog=SimpleNamespace(get=lambda r: r))

    def check_k(self, k: int) -> int:
        return k

    def verifier(self) -> BatchQA:
        return self

    def warm(self) -> None:
        pass

    def _result(self, text: str, id: str | None) -> Any:
        if text == "BOOM":
            raise RuntimeError("a bug")
        if not text.strip():
            from dsrqa.errors import BadInputError

            raise BadInputError("the question is empty")
        return SimpleNamespace(to_dict=lambda: {"id": id, "answer": text})

    def ask(self, text: str, k: Any = None, report: Any = None, id: str | None = None) -> Any:
        return self._result(text, id)

    def verify(self, text: str, id: str | None = None) -> Any:
        return self._result(text, id)


@pytest.mark.parametrize(("command", "key"), [("ask", "question"), ("verify", "text")])
def test_a_mixed_batch_gets_one_output_line_per_input_line_in_order(
    monkeypatch: pytest.MonkeyPatch,
    capfdbinary: pytest.CaptureFixture[bytes],
    command: str,
    key: str,
) -> None:
    from dsrqa import cli

    data = b"\n".join(raw.replace(b"QUESTION", key.encode()) for raw, _, _ in MIXED_BATCH)
    monkeypatch.setattr(cli, "_qa", lambda args: BatchQA())
    monkeypatch.setattr(cli, "freeze_heap", lambda: None)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data + b"\n")))
    code = cli.main([command, "--jsonl"])
    out = capfdbinary.readouterr().out
    out.decode("utf-8")  # valid UTF-8 throughout
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1  # an unexpected error on one line: the batch goes on, exit 1 at the end
    assert len(rows) == len(MIXED_BATCH)
    for number, (row, (_, item_id, holds)) in enumerate(zip(rows, MIXED_BATCH, strict=True), 1):
        assert row["id"] == item_id and type(row["id"]) is type(item_id), (number, row)
        if holds == "answer":
            assert "error" not in row and row["answer"], row
        else:
            assert row["line"] == number and holds in row["error"], row


def test_a_batch_with_only_bad_input_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dsrqa import cli

    monkeypatch.setattr(cli, "_qa", lambda args: BatchQA())
    data = b'[1]\n{"id": "a", "question": "q"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert cli.main(["ask", "--jsonl"]) == 2
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["error"] and rows[1] == {"id": "a", "answer": "q"}


@pytest.mark.parametrize("command", ["ask", "verify"])
def test_a_lone_surrogate_argument_is_bad_input(command: str) -> None:
    """Invalid UTF-8 on the command line reaches Python as a lone surrogate."""
    proc = run(command, "What is \udcff City Brain?", "--json")
    assert_clean_error(proc, 2, "not valid UTF-8")


@pytest.mark.integration
def test_the_real_cli_answers_a_mixed_batch_line_for_line(built_index: Path) -> None:
    batch = [(raw.replace(b"QUESTION", b"question"), i, h) for raw, i, h in MIXED_BATCH]
    batch = [b for b in batch if b[1] != "boom"]
    proc = run(
        "ask", "--jsonl", "-k", "1", index=built_index, stdin=b"\n".join(b[0] for b in batch)
    )
    rows = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert proc.returncode == 2, proc.stderr.decode()
    assert [r["id"] for r in rows] == [b[1] for b in batch]
    assert [r.get("line") for r in rows] == [
        None if h == "answer" else n for n, (_, _, h) in enumerate(batch, 1)
    ]
    assert all(("error" in r) != ("answer" in r) for r in rows)

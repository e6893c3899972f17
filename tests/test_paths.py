"""One rule for the index and results folders (``dsrqa.paths``), used by the CLI, the
launcher and the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from dsrqa import paths


def test_default_index_is_the_environment_or_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DSRQA_INDEX", raising=False)
    assert paths.default_index() == "index"
    monkeypatch.setenv("DSRQA_INDEX", "../elsewhere")
    assert paths.default_index() == "../elsewhere"  # as written


def test_index_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    base = tmp_path / "app"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DSRQA_INDEX", raising=False)
    assert paths.index_dir(base=base) == base / "index"
    assert paths.index_dir() == tmp_path / "index"  # no base: the working folder
    monkeypatch.setenv("DSRQA_INDEX", "other")
    assert paths.index_dir(base=base) == base / "other"
    monkeypatch.setenv("DSRQA_INDEX", str(tmp_path / "abs"))
    assert paths.index_dir(base=base) == tmp_path / "abs"
    # a given folder (--index) wins, relative to the working folder whatever the base
    assert paths.index_dir("given", base=base) == tmp_path / "given"
    assert paths.index_dir(Path("/x/y"), base=base) == Path("/x/y")
    assert paths.index_dir("../up", base=base) == tmp_path / "../up"  # not resolved


def test_eval_results_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DSRQA_EVAL_RESULTS", raising=False)
    assert paths.eval_results_dir(tmp_path) == tmp_path / "eval" / "results"
    monkeypatch.setenv("DSRQA_EVAL_RESULTS", "runs/1")
    assert paths.eval_results_dir(tmp_path) == tmp_path / "runs" / "1"
    monkeypatch.setenv("DSRQA_EVAL_RESULTS", "/abs/results")
    assert paths.eval_results_dir(tmp_path) == Path("/abs/results")


def test_the_cli_default_is_the_same_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from dsrqa.cli import build_parser

    monkeypatch.setenv("DSRQA_INDEX", "from-env")
    for command in (["ask", "q"], ["verify", "t"], ["build"], ["eval"], ["bench"]):
        assert build_parser().parse_args(command).index == "from-env"
    assert build_parser().parse_args(["ask", "q", "--index", "x"]).index == "x"

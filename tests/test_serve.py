"""The app's launcher (``python -m dsrqa.serve``): it loads and warms the model and
index, freezes them out of the garbage collector, then runs ``streamlit run``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .fakes import FakeQA

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app_streamlit.py"


def launch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warm: Any) -> list[Any]:
    """Run ``serve.main`` with ``warm`` for the loader; the steps it took, in order."""
    from streamlit.web import cli

    from dsrqa import serve

    calls: list[Any] = []
    monkeypatch.setattr(serve, "REGISTRY", {})
    monkeypatch.setattr(serve, "warm", lambda path: calls.append(("warm", path)) or warm(path))
    monkeypatch.setattr(serve, "freeze_heap", lambda: calls.append(("freeze",)))
    monkeypatch.setattr(cli, "main", lambda **kw: calls.append(("streamlit", kw)))
    monkeypatch.setenv("DSRQA_INDEX", "elsewhere")
    monkeypatch.delenv("STREAMLIT_SERVER_FILE_WATCHER_TYPE", raising=False)
    monkeypatch.chdir(tmp_path)
    code = serve.main(["--index", "idx", "--server.port", "8599", "--server.headless", "true"])
    assert code == 0
    return calls


def test_launcher_loads_freezes_then_runs_streamlit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dsrqa import serve

    fake = FakeQA(abstained=False)
    calls = launch(monkeypatch, tmp_path, lambda path: fake)
    index = (tmp_path / "idx").resolve()
    assert calls[0] == ("warm", index)
    assert calls[1] == ("freeze",)  # after the warm-up, before serving
    assert calls[2] == (
        "streamlit",
        {
            "args": [
                "run",
                str(APP),
                "--server.fileWatcherType",
                "none",
                "--server.port",
                "8599",
                "--server.headless",
                "true",
            ],
            "prog_name": "streamlit",
        },
    )
    assert serve.preloaded(index) is fake
    assert os.environ["DSRQA_INDEX"] == str(index)  # the app opens the folder loaded


def test_launcher_without_an_index_serves_without_freezing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dsrqa.errors import IndexMissingError

    def missing(path: Path) -> Any:
        raise IndexMissingError(f"no index at {path}")

    calls = launch(monkeypatch, tmp_path, missing)
    assert [c[0] for c in calls] == ["warm", "streamlit"]  # the app offers to build it


def test_launcher_index_path_and_missing_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dsrqa import serve

    monkeypatch.delenv("DSRQA_INDEX", raising=False)
    assert serve.index_path(APP, None) == (ROOT / "index").resolve()
    monkeypatch.setenv("DSRQA_INDEX", "other")
    assert serve.index_path(APP, None) == (ROOT / "other").resolve()  # as the app reads it
    monkeypatch.chdir(tmp_path)
    assert serve.index_path(APP, "given") == (tmp_path / "given").resolve()  # --index: cwd
    monkeypatch.setattr(serve, "REGISTRY", {})
    assert serve.preload(tmp_path / "no-index") is None  # the app then offers to build it
    assert serve.REGISTRY == {}
    args, rest = serve.parse(["--server.port", "1", "--index", "x"])
    assert args.index == "x" and args.app == serve.REPO_APP and rest == ["--server.port", "1"]
    assert serve.REPO_APP == APP
    # no source watcher by default; the user's choice wins
    monkeypatch.delenv("STREAMLIT_SERVER_FILE_WATCHER_TYPE", raising=False)
    assert serve.streamlit_args(["--x", "1"]) == ["--server.fileWatcherType", "none", "--x", "1"]
    for given in (["--server.fileWatcherType", "auto"], ["--server.fileWatcherType=poll"]):
        assert serve.streamlit_args(given) == given
    monkeypatch.setenv("STREAMLIT_SERVER_FILE_WATCHER_TYPE", "auto")
    assert serve.streamlit_args([]) == []

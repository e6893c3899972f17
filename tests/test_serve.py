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
CONFIG = ROOT / ".streamlit" / "config.toml"
# what .streamlit/config.toml sets, as the launcher passes it to `streamlit run`
CONFIG_FLAGS = [
    "--browser.gatherUsageStats",
    "false",
    "--client.toolbarMode",
    "viewer",
    "--client.showErrorDetails",
    "none",
    "--server.enableStaticServing",
    "true",
]


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
                *CONFIG_FLAGS,
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
    assert serve.streamlit_args(["--x", "1"]) == [
        "--server.fileWatcherType",
        "none",
        *CONFIG_FLAGS,
        "--x",
        "1",
    ]
    for given in (["--server.fileWatcherType", "auto"], ["--server.fileWatcherType=poll"]):
        assert serve.streamlit_args(given) == [*CONFIG_FLAGS, *given]
    monkeypatch.setenv("STREAMLIT_SERVER_FILE_WATCHER_TYPE", "auto")
    assert serve.streamlit_args([]) == CONFIG_FLAGS


# ------------------------------------------------------------ Streamlit's configuration
def test_the_app_sends_nothing_and_shows_no_hosting_buttons() -> None:
    """``.streamlit/config.toml``: no usage statistics, no Deploy button or developer
    menu, no traceback on the page; each key an option of the installed Streamlit."""
    import tomllib

    import streamlit.config

    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "viewer"  # hides deploy, rerun, clear cache
    assert config["client"]["showErrorDetails"] == "none"  # tracebacks go to the log only
    options = streamlit.config._config_options_template
    for section, values in config.items():
        for key, value in values.items():
            option = options[f"{section}.{key}"]
            assert isinstance(value, bool) or f'"{value}"' in (option.description or "")


def test_streamlit_reads_the_config_from_the_repository() -> None:
    """Run from the repository (as `make app` and `streamlit run app_streamlit.py` are),
    Streamlit itself reads the file."""
    import subprocess
    import sys

    code = (
        "import streamlit.config as c; c.get_config_options(force_reparse=True); "
        "print(c.get_option('browser.gatherUsageStats'), c.get_option('client.toolbarMode'), "
        "c.get_option('client.showErrorDetails'))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.stdout.split() == ["False", "viewer", "none"], out.stderr


def test_the_launcher_passes_the_config_from_any_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Started from another folder, Streamlit would not see the repository's
    .streamlit/: the launcher passes its settings as options; the user's own win."""
    from dsrqa import serve

    monkeypatch.chdir(tmp_path)
    for key in list(os.environ):
        if key.startswith("STREAMLIT_"):
            monkeypatch.delenv(key)
    assert serve.config_flags(APP, []) == CONFIG_FLAGS
    assert serve.config_flags(APP, ["--client.toolbarMode", "developer"]) == (
        CONFIG_FLAGS[:2] + CONFIG_FLAGS[4:]
    )
    assert serve.config_flags(APP, ["--browser.gatherUsageStats=true"]) == CONFIG_FLAGS[2:]
    monkeypatch.setenv("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    assert serve.config_flags(APP, []) == CONFIG_FLAGS[:4] + CONFIG_FLAGS[6:]
    assert serve.config_flags(tmp_path / "app.py", []) == []  # an app without a config

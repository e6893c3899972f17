"""Shared fixtures: the real corpus, and one index built per test session."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CHROMIUM_MISSING = "/usr/bin/chromium is missing"  # the browser tests' skip reason
CHROMIUM_INSTALL = "sudo apt-get install chromium"


def browser_notice(skipped: list[Any]) -> list[str]:
    """The lines that tell a person the browser tests did not run, and how to run them
    (empty when none was skipped for want of Chromium)."""
    count = sum(CHROMIUM_MISSING in str(getattr(r, "longrepr", "")) for r in skipped)
    if not count:
        return []
    tests = "1 browser test was" if count == 1 else f"{count} browser tests were"
    return [
        f"{tests} skipped: Chromium is not installed ({CHROMIUM_MISSING}).",
        f"Install it with `{CHROMIUM_INSTALL}`, then run `make test` again.",
    ]


def pytest_unconfigure(config: pytest.Config) -> None:
    """After pytest's own summary, where a person reads: the browser tests skipped."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    lines = browser_notice(reporter.stats.get("skipped", []))
    if lines:
        reporter.write_sep("!", "browser tests not run", yellow=True, bold=True)
        for line in lines:
            reporter.write_line(line, yellow=True, bold=True)


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh index of the real corpus with the default config (built once, ~40 s)."""
    from dsrqa.index import build_index

    folder = tmp_path_factory.mktemp("index")
    build_index(folder, corpus_dir=CORPUS)
    return folder


@pytest.fixture(scope="session")
def qa(built_index: Path):
    from dsrqa import QA

    return QA.load(built_index, corpus_dir=CORPUS)


@pytest.fixture(scope="session")
def documents():
    from dsrqa.corpus import load_documents

    return load_documents(CORPUS)

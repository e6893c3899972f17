"""Shared fixtures: the real corpus, and one index built per test session."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
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
    from dsrqa.build import build_index

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


def generation(index_dir: Path) -> Path:
    """The folder of the generation CURRENT names."""
    return index_dir / (index_dir / "CURRENT").read_text().strip()


def generation_name(manifest: Any) -> str:
    """The name of the generation a manifest belongs to (a digest of its JSON)."""
    canonical = json.dumps(manifest, sort_keys=True).encode()
    return "gen-" + hashlib.sha256(canonical).hexdigest()[:16]


NULL = object()  # a change returning this makes the manifest JSON null


def rewrite_manifest(index_dir: Path, change: Callable[[Any], Any]) -> Any:
    """Apply ``change`` to the live manifest (it may return a replacement) and move the
    generation to the name the new manifest hashes to, as an index built from other
    inputs (or damaged and renamed) would be: what refuses it is then the checks, not
    the generation name."""
    gen = generation(index_dir)
    manifest = json.loads((gen / "manifest.json").read_text())
    replaced = change(manifest)
    manifest = manifest if replaced is None else None if replaced is NULL else replaced
    (gen / "manifest.json").write_text(json.dumps(manifest))
    name = generation_name(manifest)
    gen.rename(index_dir / name)
    (index_dir / "CURRENT").write_text(name + "\n")
    return manifest

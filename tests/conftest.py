"""Shared fixtures: the real corpus, and one index built per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


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

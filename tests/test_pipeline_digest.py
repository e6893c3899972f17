"""The code digest an index records: any change to the cleaning package's code, in any
of its files, makes an index built before it stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dsrqa import index
from dsrqa.corpus import load_catalog

from .conftest import CORPUS


def test_every_file_of_the_corpus_package_counts_in_the_pipeline_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = load_catalog(CORPUS)
    installed = index.pipeline_digest(catalog)
    copy = tmp_path / "dsrqa"
    shutil.copytree(
        Path(index.__file__).resolve().parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(index, "__file__", str(copy / "index.py"))
    assert index.pipeline_digest(catalog) == installed  # the same code, the same digest

    modules = sorted((copy / "corpus").glob("*.py"))
    assert {p.name for p in modules} >= {"__init__.py", "cleaner.py", "lexicon.py"}
    for path in modules:
        code = path.read_bytes()
        path.write_bytes(code + b"\n# edited\n")
        assert index.pipeline_digest(catalog) != installed, path.name
        path.write_bytes(code)
    assert index.pipeline_digest(catalog) == installed

    (copy / "corpus" / "extra").mkdir()
    (copy / "corpus" / "extra" / "step.py").write_text("X = 1\n")
    assert index.pipeline_digest(catalog) != installed  # a new module, however deep
    shutil.rmtree(copy / "corpus" / "extra")
    (copy / "corpus" / "notes.txt").write_text("not code\n")
    assert index.pipeline_digest(catalog) == installed  # only Python files count

    chunking = (copy / "chunking.py").read_bytes()
    (copy / "chunking.py").write_bytes(chunking + b"\n# edited\n")
    assert index.pipeline_digest(catalog) != installed  # the single-file stages still count

"""The index on disk: manifest checks, refusal of damaged or stale indexes, atomic builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dsrqa import QA, Config
from dsrqa.build import build_index
from dsrqa.errors import (
    DsrqaError,
    IndexCorruptError,
    IndexMissingError,
    IndexStaleError,
)
from dsrqa.index import CURRENT, MANIFEST, check_index

from .conftest import CORPUS, generation, rewrite_manifest

pytestmark = pytest.mark.integration


@pytest.fixture()
def copy_index(built_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(built_index, target)
    return target


def test_manifest_records_corpus_model_config_version_code_and_every_file(
    built_index: Path,
) -> None:
    manifest = json.loads((generation(built_index) / MANIFEST).read_text())
    assert {c["id"] for c in manifest["corpus"]} == {"eurasia-2020", "ccp-inc-malaysia-2022"}
    assert manifest["model"]["backend"] == "onnxruntime"
    assert manifest["config"] == Config().to_dict()
    assert manifest["package"]["name"] == "dsrqa"
    assert len(manifest["pipeline_sha256"]) == 64
    for rel in (
        "dense.faiss",
        "passages.json",
        "sentences.npy",
        "model/onnx/model.onnx",
        "bm25/data.csc.index.npy",
    ):
        assert manifest["files"][rel]["bytes"] > 0 and len(manifest["files"][rel]["sha256"]) == 64


def test_missing_index_is_refused_with_the_build_command(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="dsrqa build --index"):
        QA.load(tmp_path / "nowhere", corpus_dir=CORPUS)


@pytest.mark.parametrize(
    "rel",
    [
        "dense.faiss",
        "passages.json",
        "sentences.npy",
        "sentence_words.npy",
        "verify_extras.json",
        "verify_extras.npy",
        "bm25/indptr.csc.index.npy",
        "model/onnx/model.onnx",
    ],
)
def test_truncated_index_file_is_refused_before_faiss_reads_it(copy_index: Path, rel: str) -> None:
    path = generation(copy_index) / rel
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexCorruptError, match=f"{rel}.*truncated.*dsrqa build"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_missing_index_file_is_refused(copy_index: Path) -> None:
    (generation(copy_index) / "dense.faiss").unlink()
    with pytest.raises(IndexCorruptError, match="dense.faiss is missing"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_same_size_corruption_is_caught_by_the_hash(copy_index: Path) -> None:
    path = generation(copy_index) / "sentences.npy"
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(IndexCorruptError, match="sha256"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_corrupt_manifest_is_refused(copy_index: Path) -> None:
    (generation(copy_index) / MANIFEST).write_text("{not json")
    with pytest.raises(IndexCorruptError, match="unreadable"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_index_from_an_older_format_is_refused(copy_index: Path) -> None:
    path = generation(copy_index) / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 0
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexStaleError, match="another dsrqa version"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_index_built_from_other_corpus_files_is_refused(copy_index: Path) -> None:
    rewrite_manifest(copy_index, lambda m: m["corpus"][0].update(sha256="0" * 64))
    with pytest.raises(IndexStaleError, match="other corpus files"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_index_built_by_other_cleaning_code_is_refused(copy_index: Path) -> None:
    rewrite_manifest(copy_index, lambda m: m.update(pipeline_sha256="0" * 64))
    with pytest.raises(IndexStaleError, match="other cleaning"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_index_built_with_another_config_is_refused(built_index: Path) -> None:
    with pytest.raises(IndexStaleError, match="chunk_size"):
        QA.load(built_index, config=Config(chunk_size=900), corpus_dir=CORPUS)


def test_query_only_config_changes_are_accepted(built_index: Path) -> None:
    qa = QA.load(built_index, config=Config(k=3), corpus_dir=CORPUS)
    assert len(qa.ask("What is City Brain?").passages) == 3


def test_build_is_deterministic(built_index: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_index(again, corpus_dir=CORPUS)
    assert (again / CURRENT).read_text() == (built_index / CURRENT).read_text()
    first = json.loads((generation(built_index) / MANIFEST).read_text())["files"]
    second = json.loads((generation(again) / MANIFEST).read_text())["files"]
    assert first == second


def test_failed_build_leaves_the_previous_index_unchanged(
    copy_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {
        p.relative_to(copy_index): p.read_bytes()
        for p in copy_index.rglob("*")
        if p.is_file() and p.stat().st_size < 5_000_000
    }

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dsrqa.build.chunk_documents", no_space)
    with pytest.raises(DsrqaError, match="No space left on device.*previous index is unchanged"):
        build_index(copy_index, corpus_dir=CORPUS)
    after = {
        p.relative_to(copy_index): p.read_bytes()
        for p in copy_index.rglob("*")
        if p.is_file() and p.stat().st_size < 5_000_000
    }
    assert after == before
    check_index(copy_index, corpus_dir=CORPUS)


def test_index_built_with_another_model_is_refused(copy_index: Path) -> None:
    rewrite_manifest(
        copy_index, lambda m: m["model"]["source"].update(package_version="0.0.0-other")
    )
    with pytest.raises(IndexStaleError, match="built with model"):
        QA.load(copy_index, corpus_dir=CORPUS)

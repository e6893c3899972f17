"""The manifest and CURRENT as a loader must trust them: a schema, a recorded size and
sha256 for every file the loader reads, counts compared with the arrays, and CURRENT
naming a generation inside the index folder. Each damage is an ``IndexCorruptError``
(exit 4) with the rebuild command, never an internal error.

Most tests rewrite the manifest *and* rename its generation to the new manifest's digest,
as a damaged or hand-edited index could: the refusal must come from the schema and the
checks, not only from the generation name."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrqa import QA, Config
from dsrqa.errors import IndexCorruptError, IndexError_, IndexStaleError, rebuild_hint
from dsrqa.index import CURRENT, MANIFEST, check_index

from .conftest import CORPUS, NULL, generation, rewrite_manifest
from .conftest import generation_name as digest_name

pytestmark = pytest.mark.integration

HINT = "dsrqa build --index"


rewrite = rewrite_manifest


@pytest.fixture()
def copy_index(built_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(built_index, target)
    return target


# ------------------------------------------------------------------- required hashes
def _set(path: tuple[Any, ...], value: Any) -> Callable[[Any], None]:
    def change(m: Any) -> None:
        for key in path[:-1]:
            m = m[key]
        m[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[Any], None]:
    def change(m: Any) -> None:
        for key in path[:-1]:
            m = m[key]
        del m[path[-1]]

    return change


def test_an_empty_files_table_does_not_turn_off_the_hash_checks(copy_index: Path) -> None:
    """The issue's case: ``files: {}`` and a zeroed sentences.npy were served, exit 0."""
    path = generation(copy_index) / "sentences.npy"
    path.write_bytes(path.read_bytes()[:128] + bytes(path.stat().st_size - 128))
    rewrite(copy_index, lambda m: m.update(files={}))
    with pytest.raises(IndexCorruptError, match=f"no recorded size and sha256.*{HINT}"):
        QA.load(copy_index, corpus_dir=CORPUS)


@pytest.mark.parametrize(
    "rel",
    [
        "passages.json",
        "dense.faiss",
        "sentences.npy",
        "answer_sentences.npy",
        "sentence_words.npy",
        "sentence_words_at.npy",
        "bm25/vocab.index.json",
        "bm25/indptr.csc.index.npy",
        "ranker.json",
        "calibration.json",
        "model/onnx/model.onnx",
        "model/tokenizer.json",
        "encoder/onnx/model.onnx",
        "encoder/tokenizer.json",
    ],
)
def test_every_file_the_loader_reads_needs_a_recorded_hash(copy_index: Path, rel: str) -> None:
    rewrite(copy_index, _drop(("files", rel)))
    with pytest.raises(IndexCorruptError, match=f"{rel}.*no recorded size and sha256.*{HINT}"):
        check_index(copy_index, corpus_dir=CORPUS)


def test_the_question_files_the_index_was_fitted_on_must_be_recorded(copy_index: Path) -> None:
    rewrite(copy_index, _drop(("inputs", "training/questions.jsonl")))
    with pytest.raises(IndexCorruptError, match=f"training/questions.jsonl.*{HINT}"):
        check_index(copy_index, corpus_dir=CORPUS)


def test_files_the_loader_never_reads_may_go(copy_index: Path) -> None:
    """The list of required files comes from the loader: an index stripped of everything
    else loads, answers and verifies."""
    from dsrqa.index import loaded_files

    gen = generation(copy_index)
    needed = set(loaded_files(Config()))
    for path in sorted(gen.rglob("*")):
        rel = path.relative_to(gen).as_posix()
        if path.is_file() and rel != MANIFEST and rel not in needed:
            path.unlink()

    rewrite(copy_index, lambda m: m.update(files={k: m["files"][k] for k in sorted(needed)}))
    qa = QA.load(copy_index, corpus_dir=CORPUS)
    assert not qa.ask("What is City Brain?").abstained
    assert qa.verify("City Brain").verdict is not None


# ------------------------------------------------------------------- structure
def _first_file(m: Any) -> str:
    return sorted(m["files"])[0]


STRUCTURAL = {
    "files is a list": lambda m: m.update(files=sorted(m["files"])),
    "a files entry is a string": lambda m: m["files"].update({_first_file(m): "abc"}),
    "a files entry nests deeper": lambda m: m["files"].update(
        {_first_file(m): {"entry": m["files"][_first_file(m)]}}
    ),
    "bytes is a string": lambda m: m["files"][_first_file(m)].update(bytes="12"),
    "bytes is negative": lambda m: m["files"][_first_file(m)].update(bytes=-1),
    "bytes is true": lambda m: m["files"][_first_file(m)].update(bytes=True),
    "sha256 is not hex": lambda m: m["files"][_first_file(m)].update(sha256="z" * 64),
    "a file path climbs out": lambda m: m["files"].update(
        {"../outside.npy": {"bytes": 1, "sha256": "0" * 64}}
    ),
    "a file path is absolute": lambda m: m["files"].update(
        {"/etc/hostname": {"bytes": 1, "sha256": "0" * 64}}
    ),
    "corpus is null": _set(("corpus",), None),
    "a corpus entry is a list": _set(("corpus", 0), ["eurasia-2020"]),
    "a corpus entry lacks its sha256": _drop(("corpus", 0, "sha256")),
    "config is null": _set(("config",), None),
    "a config value has the wrong type": _set(("config", "chunk_size"), "600"),
    "a config value is not finite": _set(("config", "bm25_k1"), float("nan")),
    "a config key is unknown": _set(("config", "chunk_sise"), 600),
    "a config key is missing": _drop(("config", "chunk_size")),
    "model is a string": _set(("model",), "all-MiniLM-L6-v2"),
    "model source is a list": _set(("model", "source"), []),
    "counts is missing": _drop(("counts",)),
    "counts.passages is a float": _set(("counts", "passages"), 329.5),
    "inputs is a list": _set(("inputs",), []),
    "package is null": _set(("package",), None),
    "pipeline_sha256 is a number": _set(("pipeline_sha256",), 7),
    "format_version is a string": _set(("format_version",), "3"),
    "an unknown top-level key": _set(("extra",), {"nested": [1, 2]}),
    "the manifest is a list": lambda m: [m],
    "the manifest is a string": lambda m: "manifest",
    "the manifest is null": lambda m: NULL,
}


@pytest.mark.parametrize("case", sorted(STRUCTURAL))
def test_structural_damage_is_an_index_error_with_what_was_expected(
    copy_index: Path, case: str
) -> None:
    rewrite(copy_index, STRUCTURAL[case])
    with pytest.raises(IndexCorruptError) as info:
        QA.load(copy_index, corpus_dir=CORPUS)
    message = str(info.value)
    assert "expected" in message and "found" in message and HINT in message, message


def test_the_cli_refuses_a_damaged_manifest_in_one_line_with_exit_4(copy_index: Path) -> None:
    for change in (STRUCTURAL["files is a list"], STRUCTURAL["corpus is null"]):
        fresh = copy_index.parent / f"fresh-{len(list(copy_index.parent.iterdir()))}"
        shutil.copytree(copy_index, fresh)
        rewrite(fresh, change)
        proc = subprocess.run(
            [sys.executable, "-m", "dsrqa.cli", "ask", "What is City Brain?"]
            + ["--index", str(fresh), "--corpus", str(CORPUS)],
            capture_output=True,
            timeout=120,
            env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        err = proc.stderr.decode()
        assert proc.returncode == 4, err
        assert "Traceback" not in err and "internal error" not in err
        assert len(err.strip().splitlines()) == 1 and HINT in err


# ------------------------------------------------------------------- counts
@pytest.mark.parametrize(
    ("path", "delta"),
    [(("counts", "passages"), 1), (("counts", "sentences"), -1), (("model", "dimension"), 1)],
)
def test_counts_are_compared_with_the_arrays(
    copy_index: Path, path: tuple[str, str], delta: int
) -> None:
    def change(m: Any) -> None:
        m[path[0]][path[1]] += delta

    rewrite(copy_index, change)
    with pytest.raises(IndexCorruptError, match=f"{path[1]}.*{HINT}"):
        QA.load(copy_index, corpus_dir=CORPUS)


# ------------------------------------------------------------------- CURRENT
def _outside_copy(copy_index: Path) -> Path:
    """The live generation moved out of the index folder."""
    gen = generation(copy_index)
    outside = copy_index.parent / "elsewhere"
    outside.mkdir()
    return Path(shutil.move(str(gen), str(outside / gen.name)))


@pytest.mark.parametrize("form", ["relative", "absolute", "symlink", "nested", "empty-ish"])
def test_current_must_name_a_generation_inside_the_index_folder(
    copy_index: Path, form: str
) -> None:
    name = generation(copy_index).name
    moved = _outside_copy(copy_index)
    pointer = copy_index / CURRENT
    if form == "relative":
        pointer.write_text(f"../elsewhere/{name}\n")
    elif form == "absolute":
        pointer.write_text(f"{moved}\n")
    elif form == "symlink":
        (copy_index / name).symlink_to(moved, target_is_directory=True)
    elif form == "nested":
        (copy_index / "sub").mkdir()
        shutil.move(str(moved), str(copy_index / "sub" / name))
        pointer.write_text(f"sub/{name}\n")
    else:
        pointer.write_text(".\n")
    with pytest.raises(IndexCorruptError, match=f"CURRENT.*{HINT}"):
        QA.load(copy_index, corpus_dir=CORPUS)


def test_a_manifest_that_does_not_hash_to_its_generation_name_is_refused(
    copy_index: Path,
) -> None:
    path = generation(copy_index) / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["config"]["k"] = 7  # a query-time value: harmless, but not what was built
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError, match=f"generation name.*{HINT}"):
        check_index(copy_index, corpus_dir=CORPUS)


# ------------------------------------------------------------------- property
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats()
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
OPERATIONS = ("drop", "replace", "wrap-list", "wrap-dict", "add-key", "same-type")


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _same_type(value: Any, data: st.DataObject) -> Any:
    """Another value of the same JSON type (the mutation a schema alone does not see)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + data.draw(st.sampled_from([-1, 1, 1000]))
    if isinstance(value, float):
        return data.draw(st.floats())
    if isinstance(value, str):
        return data.draw(st.sampled_from(["", value[:-1], value + "0", "0" * 64, "../x"]))
    return data.draw(JSON_VALUES)


def mutate(manifest: Any, data: st.DataObject) -> Any:
    """One random JSON mutation at a random place: drop a key or item, replace a value
    (any JSON, or another of its type), wrap it in a list or an object, add a key."""
    path = data.draw(st.sampled_from(list(_paths(manifest))))
    op = data.draw(st.sampled_from(OPERATIONS))
    if not path:
        return data.draw(JSON_VALUES) if op in ("drop", "replace") else [manifest]
    parent = manifest
    for key in path[:-1]:
        parent = parent[key]
    key, value = path[-1], parent[path[-1]]
    if op == "drop":
        del parent[key]
    elif op == "replace":
        parent[key] = data.draw(JSON_VALUES)
    elif op == "wrap-list":
        parent[key] = [value]
    elif op == "wrap-dict":
        parent[key] = {data.draw(st.text(max_size=8)): value}
    elif op == "add-key" and isinstance(value, dict):
        value[data.draw(st.text(max_size=8))] = data.draw(JSON_VALUES)
    else:
        parent[key] = _same_type(value, data)
    return manifest


def _query_only(manifest: Any) -> Any:
    """The manifest without the config values a query may change (not compared when
    loading): two manifests equal here describe the same index."""
    if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict):
        return manifest
    build = Config().build_dict()
    out = dict(manifest)
    out["config"] = {k: v for k, v in manifest["config"].items() if k in build}
    return out


@pytest.fixture(scope="module")
def fuzz_index(built_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "index"
    shutil.copytree(built_index, target)
    return target


def test_any_mutation_of_the_manifest_loads_unchanged_or_is_an_index_error(
    fuzz_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hypothesis over manifests: a mutated manifest (its generation renamed to match it,
    or not) either loads, and then it describes the same index, or is refused with an
    ``IndexError_`` naming the rebuild command; never another exception. File hashes are
    computed once (the files do not change between examples)."""
    import dsrqa.index as index_module
    from dsrqa.index import check_arrays, read_arrays

    hashes: dict[tuple[int, int], str] = {}
    real_hash = index_module.sha256_file

    def cached_hash(path: Path) -> str:
        st_ = path.stat()
        key = (st_.st_ino, st_.st_size)
        if key not in hashes:
            hashes[key] = real_hash(path)
        return hashes[key]

    monkeypatch.setattr(index_module, "sha256_file", cached_hash)
    digest = index_module.pipeline_digest
    cached: dict[int, str] = {}
    monkeypatch.setattr(index_module, "pipeline_digest", lambda c: cached.setdefault(0, digest(c)))
    gen = generation(fuzz_index)
    original = json.loads((gen / MANIFEST).read_text())
    arrays = read_arrays(gen, "")
    examples = int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "2000"))

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data(), st.booleans())
    def check(data: st.DataObject, rename: bool) -> None:
        manifest = copy.deepcopy(original)
        for _ in range(data.draw(st.integers(1, 3))):
            manifest = mutate(manifest, data)
        live = generation(fuzz_index)
        (live / MANIFEST).write_text(json.dumps(manifest))
        name = digest_name(manifest) if rename else digest_name(original)
        live.rename(fuzz_index / name)
        (fuzz_index / CURRENT).write_text(name + "\n")
        try:
            folder, checked, _ = check_index(fuzz_index, Config(), CORPUS)
            check_arrays(folder, checked, arrays, rebuild_hint(fuzz_index))
        except IndexError_ as exc:
            assert isinstance(exc, (IndexCorruptError, IndexStaleError)), repr(exc)
            assert HINT in str(exc), str(exc)
            return
        assert _query_only(manifest) == _query_only(original)

    check()

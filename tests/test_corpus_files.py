"""A damaged corpus (corpus/catalog.py, corpus/cleaner.py): every report file and catalog
the tool cannot answer from truthfully is one ``CorpusError`` naming the file and the fix
(CLI exit 3, before any model is loaded), never another exception; a UTF-8 byte-order
mark and CRLF line ends are read as the same text, with the same line numbers (issue 19).
Every test works on a copy of ``corpus/``."""

from __future__ import annotations

import codecs
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrqa.corpus import CorpusError, load_catalog, load_documents
from dsrqa.corpus.cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
CATALOG = json.loads((CORPUS / "catalog.json").read_text(encoding="utf-8"))
CCP_FILE = "cramer-flood-boland-2022-ccp-inc-in-malaysia.txt"
CCP_TEXT = (CORPUS / CCP_FILE).read_text(encoding="utf-8")
FUZZ = int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "300"))
FAST = settings(
    max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def copy_corpus(folder: Path) -> Path:
    target = folder / "corpus"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(CORPUS, target)
    return target


def write_report(corpus: Path, data: bytes, file: str = CCP_FILE, rehash: bool = True) -> None:
    """Replace a report's bytes; with ``rehash`` the catalog's sha256 is made to match
    them, so the hash check is not what refuses them."""
    (corpus / file).write_bytes(data)
    if rehash:
        catalog = json.loads((corpus / "catalog.json").read_text(encoding="utf-8"))
        for item in catalog["reports"]:
            if item["file"] == file:
                item["sha256"] = hashlib.sha256(data).hexdigest()
        (corpus / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")


def assert_one_line_naming(exc: CorpusError, name: str) -> None:
    message = str(exc)
    assert "\n" not in message and name in message, message


DAMAGED = {
    "empty": b"",
    "only NUL bytes": b"\x00" * 4096,
    "only white space": b" \n\t\n   \n",
    "a NUL byte inside": CCP_TEXT.encode()[:500] + b"\x00" + CCP_TEXT.encode()[500:],
    "Latin-1": CCP_TEXT.replace("’", "é").encode("latin-1", errors="replace"),
    "UTF-16 with its mark": CCP_TEXT.encode("utf-16"),
    "UTF-16 without a mark": CCP_TEXT.encode("utf-16-le"),
    "UTF-32": CCP_TEXT.encode("utf-32"),
    "cut inside a character": CCP_TEXT.encode()[: CCP_TEXT.encode().index("’".encode()) + 1],
    "a control character": CCP_TEXT.encode().replace(b"Alibaba", b"Ali\x07baba", 1),
    "carriage returns alone": CCP_TEXT.encode().replace(b"\n", b"\r"),
    "no text left once cleaned": b"12 | Ethan Cramer-Flood and Briana Boland\n" * 3,
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
@pytest.mark.parametrize("rehash", [True, False])
def test_a_damaged_report_is_one_corpus_error_naming_the_file(
    tmp_path: Path, damage: str, rehash: bool
) -> None:
    corpus = copy_corpus(tmp_path)
    write_report(corpus, DAMAGED[damage], rehash=rehash)
    with pytest.raises(CorpusError) as exc:
        load_documents(corpus)
    assert_one_line_naming(exc.value, CCP_FILE)


ACCEPTED = {
    "a UTF-8 byte-order mark": codecs.BOM_UTF8 + CCP_TEXT.encode(),
    "CRLF line ends": CCP_TEXT.replace("\n", "\r\n").encode(),
    "both": codecs.BOM_UTF8 + CCP_TEXT.replace("\n", "\r\n").encode(),
}


@pytest.fixture(scope="module")
def originals() -> list[Any]:
    return load_documents(CORPUS)


@pytest.mark.parametrize("variant", sorted(ACCEPTED))
def test_a_byte_order_mark_or_crlf_reads_as_the_same_text_and_lines(
    tmp_path: Path, variant: str, originals: list[Any]
) -> None:
    from dsrqa.chunking import chunk_documents
    from dsrqa.config import Config

    corpus = copy_corpus(tmp_path)
    write_report(corpus, ACCEPTED[variant], rehash=False)  # the text's hash is unchanged
    docs = load_documents(corpus)
    assert [(d.raw, d.units) for d in docs] == [(d.raw, d.units) for d in originals]
    _, sentences = chunk_documents(docs, Config())
    _, before = chunk_documents(originals, Config())
    assert [(s.text, s.line_start, s.line_end) for s in sentences] == [
        (s.text, s.line_start, s.line_end) for s in before
    ]


def catalog_with(corpus: Path, change: Any) -> None:
    data = copy.deepcopy(CATALOG)
    change(data)
    (corpus / "catalog.json").write_text(json.dumps(data), encoding="utf-8")


def _duplicate_id(data: dict[str, Any]) -> None:
    data["reports"][1]["id"] = data["reports"][0]["id"]


def _duplicate_file(data: dict[str, Any]) -> None:
    data["reports"][1]["file"] = data["reports"][0]["file"]
    data["reports"][1]["sha256"] = data["reports"][0]["sha256"]


WRONG_CATALOGS = {
    "a key missing": lambda d: d["reports"][0].pop("title"),
    "no sha256": lambda d: d["reports"][1].pop("sha256"),
    "reports an object": lambda d: d.update(reports={"a": 1}),
    "reports empty": lambda d: d.update(reports=[]),
    "a report a string": lambda d: d["reports"].append("eurasia-2020"),
    "authors a string": lambda d: d["reports"][0].update(authors="Paul Triolo"),
    "id a number": lambda d: d["reports"][0].update(id=7),
    "duplicate ids": _duplicate_id,
    "duplicate files": _duplicate_file,
    "a file outside the corpus folder": lambda d: d["reports"][0].update(file="../README.md"),
    "an absolute file": lambda d: d["reports"][0].update(file="/etc/hostname"),
    "a bad pattern": lambda d: d["reports"][0]["profile"]["drop_lines"].append("(unclosed"),
    "a profile list a string": lambda d: d["reports"][0]["profile"].update(headings="^X$"),
    "a misspelt key": lambda d: d["reports"][0].update(sha265=d["reports"][0]["sha256"]),
    "another version": lambda d: d.update(version=2),
    "a bad space table": lambda d: d["reports"][1]["profile"]["space_tables"].append({"x": 1}),
    "an id with a colon": lambda d: d["reports"][0].update(id="eurasia:2020"),
    "a short hash": lambda d: d["reports"][0].update(sha256="abc"),
}


@pytest.mark.parametrize("wrong", sorted(WRONG_CATALOGS))
def test_a_catalog_missing_a_key_or_shaped_wrong_is_one_corpus_error(
    tmp_path: Path, wrong: str
) -> None:
    corpus = copy_corpus(tmp_path)
    catalog_with(corpus, WRONG_CATALOGS[wrong])
    with pytest.raises(CorpusError) as exc:
        load_documents(corpus)
    assert_one_line_naming(exc.value, "catalog.json")


UNREADABLE_CATALOGS = {
    "not JSON": b"{reports: [",
    "an array": b"[]",
    "a string": b'"reports"',
    "null": b"null",
    "Latin-1": json.dumps(CATALOG, ensure_ascii=False).replace("’", "é").encode("latin-1"),
    "UTF-16": json.dumps(CATALOG).encode("utf-16"),
    "nested very deeply": b"[" * 100_000 + b"]" * 100_000,
    "empty": b"",
}


@pytest.mark.parametrize("wrong", sorted(UNREADABLE_CATALOGS))
def test_an_unreadable_catalog_is_one_corpus_error(tmp_path: Path, wrong: str) -> None:
    corpus = copy_corpus(tmp_path)
    (corpus / "catalog.json").write_bytes(UNREADABLE_CATALOGS[wrong])
    with pytest.raises(CorpusError) as exc:
        load_catalog(corpus)
    assert_one_line_naming(exc.value, "catalog.json")


def test_a_catalog_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path)
    (corpus / "catalog.json").write_bytes(codecs.BOM_UTF8 + json.dumps(CATALOG).encode())
    assert load_catalog(corpus).ids == load_catalog(CORPUS).ids


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
NASTY = st.sampled_from(
    ["", " ", "../x.txt", "/etc/hostname", "catalog.json", "(", "[", ".*", "^", "a:b", "\x00"]
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree, as the keys and indexes that lead to it."""
    out = [at]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        out += _paths(child, (*at, key))
    return out


@st.composite
def mutated_catalogs(draw: st.DrawFn) -> Any:
    """The real catalog with one to three places deleted, replaced by any JSON value or a
    nasty string, duplicated, or given an unknown key."""
    data = copy.deepcopy(CATALOG)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["delete", "replace", "nasty", "duplicate", "add"]))
        if not path:
            data = draw(JSON) if op == "replace" else data
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        if op == "delete":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(JSON)
        elif op == "nasty":
            parent[key] = draw(NASTY)
        elif op == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif op == "add" and isinstance(parent[key], dict):
            parent[key][draw(st.text(max_size=8))] = draw(JSON)
        if not isinstance(data, (dict, list)):
            break
    return data


@FAST
@given(catalog=mutated_catalogs())
def test_any_change_to_the_catalog_loads_or_is_a_corpus_error(
    tmp_path_factory: pytest.TempPathFactory, catalog: Any
) -> None:
    corpus = copy_corpus(tmp_path_factory.mktemp("c"))
    (corpus / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    try:
        loaded = load_catalog(corpus)
        raws = [report.read_raw() for report in loaded.reports]
    except CorpusError as exc:
        assert "\n" not in str(exc)
        return
    assert len(set(loaded.ids)) == len(loaded.ids)
    assert len({r.path for r in loaded.reports}) == len(loaded.reports)
    for report, raw in zip(loaded.reports, raws, strict=True):
        assert report.path.parent == corpus
        Cleaner(report, raw[:2000], Counter())  # its profile reads


EXCERPT = "\n".join(CCP_TEXT.split("\n")[:80]) + "\n"


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """A report excerpt, encoded one way or another, with bytes cut, inserted or a mark
    put in front."""
    text = draw(st.sampled_from([EXCERPT, EXCERPT.replace("\n", "\r\n"), "", " \n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16", "utf-16-le", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["cut", "insert", "mark"]))
        if op == "cut":
            data = data[:at]
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
        else:
            data = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\x00"])) + data
    return data


@FAST
@given(data=damaged_bytes(), rehash=st.booleans())
def test_any_report_bytes_load_or_are_a_corpus_error_naming_the_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, rehash: bool
) -> None:
    corpus = tmp_path_factory.mktemp("c") / "corpus"
    corpus.mkdir()
    (corpus / "r.txt").write_bytes(EXCERPT.encode())
    item = {"id": "r", "file": "r.txt", "title": "R", "short_title": "R", "authors": ["A"]}
    item |= {"date": "2022", "sha256": hashlib.sha256(EXCERPT.encode()).hexdigest()}
    (corpus / "catalog.json").write_text(json.dumps({"reports": [item]}), encoding="utf-8")
    write_report(corpus, data, "r.txt", rehash)
    try:
        [doc] = load_documents(corpus)
    except CorpusError as exc:
        assert_one_line_naming(exc, "r.txt")
        return
    assert doc.units and doc.raw.strip()
    assert "\x00" not in doc.raw and "\r" not in doc.raw and not doc.raw.startswith("\ufeff")
    if data.replace(b"\r\n", b"\n").removeprefix(codecs.BOM_UTF8) == EXCERPT.encode():
        assert doc.raw == EXCERPT  # a mark or CRLF: the same text, the same lines


def test_dsrqa_build_on_a_damaged_corpus_exits_3_in_one_line_before_loading_a_model(
    tmp_path: Path,
) -> None:
    corpus = copy_corpus(tmp_path)
    write_report(corpus, CCP_TEXT.replace("’", "é").encode("latin-1", errors="replace"))
    index = tmp_path / "index"
    for args in (["build", "--index", str(index)], ["show", "ccp-inc-malaysia-2022:1"]):
        started = time.perf_counter()
        done = cli(*args, "--corpus", str(corpus))
        err = done.stderr.decode()
        assert done.returncode == 3, err
        assert err.count("\n") == 1 and CCP_FILE in err and "Traceback" not in err, err
        assert time.perf_counter() - started < 30  # no model export, no embedding
    assert not (index / "CURRENT").exists()
    catalog_with(corpus, _duplicate_id)
    for args in (["build", "--index", str(index)], ["reports"]):
        done = cli(*args, "--corpus", str(corpus))
        err = done.stderr.decode()
        assert done.returncode == 3 and err.count("\n") == 1 and "catalog.json" in err, err


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("DSRQA_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "dsrqa.cli", *args], capture_output=True, timeout=120, env=env
    )

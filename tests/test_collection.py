"""Documents added to a collection (a copy of the corpus folder beside a copy of the
session's index): listed, kept byte for byte, cited by page, shown, verified; the index
updated incrementally to the same bytes as a build from scratch; every bad input refused
with nothing added; a killed ``add`` leaving the collection whole."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dsrqa import QA
from dsrqa.build import build_index
from dsrqa.collection import Metadata, add_documents, list_documents, remove_documents
from dsrqa.errors import BadInputError, DocumentError
from dsrqa.links import parse_reference

from .conftest import CORPUS, ROOT, generation

pytestmark = pytest.mark.integration
DOCS = ROOT / "testdocs"
ADDED = ("report_zoo-jss.pdf", "nav_what-is-rustc.html", "readme_nodejs.md")


def new_collection(root: Path, index: Path) -> Path:
    """A collection folder: the corpus copied, the question sets linked, the index copied."""
    shutil.copytree(CORPUS, root / "corpus")
    for name in ("eval", "training"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(index, root / "index")
    return root


@pytest.fixture(scope="module")
def collection(built_index: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = new_collection(tmp_path_factory.mktemp("collection"), built_index)
    change = add_documents([DOCS / n for n in ADDED], root / "corpus", root / "index")
    ids = {Path(d.file).suffix: d.id for d in change.added}
    return {"root": root, "change": change, "pdf": ids[".pdf"], "html": ids[".html"]}


def state(root: Path) -> dict[str, str]:
    """Every file of the corpus folder and the index pointer, by hash."""
    files = {
        p.relative_to(root).as_posix(): p
        for p in (root / "corpus").iterdir()
        if p.name != ".collection.lock"
    }
    files["CURRENT"] = root / "index" / "CURRENT"
    return {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in sorted(files.items())}


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)).strip()


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "dsrqa.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


# ------------------------------------------------------------------ what users get
def test_added_documents_are_listed_with_their_own_metadata_and_kept_byte_for_byte(
    collection: dict[str, Any],
) -> None:
    root = collection["root"]
    docs = {d.id: d for d in list_documents(root / "corpus")}
    pdf = docs[collection["pdf"]]
    assert (pdf.kind, pdf.pages, pdf.date) == ("pdf", 30, "2022-09-15")
    assert pdf.authors == ("Achim Zeileis", "Gabor Grothendieck")
    assert docs[collection["html"]].title == "What is rustc? - The rustc book"
    for name, doc in zip(ADDED, collection["change"].added, strict=True):
        kept = root / doc.file
        assert kept.read_bytes() == (DOCS / name).read_bytes()
        assert doc.sha256 == hashlib.sha256(kept.read_bytes()).hexdigest()
    manifest = json.loads((generation(root / "index") / "manifest.json").read_text())
    recorded = {c["id"]: c["sha256"] for c in manifest["corpus"]}
    assert all(recorded[d.id] == d.sha256 for d in collection["change"].added)
    assert not list((root / "corpus").glob(".add-*"))


def test_a_pdf_answer_cites_the_page_and_lines_that_hold_its_quote(
    collection: dict[str, Any],
) -> None:
    root = collection["root"]
    qa = QA.load(root / "index", corpus_dir=root / "corpus")
    result = qa.ask("What does the name of the zoo package stand for?")
    cit = result.answer.citation
    assert cit.report == collection["pdf"] and cit.page == 1 and cit.kind == "pdf"
    assert "Z’s ordered observations" in cit.quote
    ref = parse_reference(cit.label(), qa.index.catalog)  # what ask prints, show opens
    shown = qa.show(ref.report, ref.first, 0, ref.last)
    assert fold(cit.quote) in fold("\n".join(shown.lines))
    assert shown.page_of(ref.first) == (cit.page, cit.page_line_start)


def test_show_opens_a_pdf_page_by_number_and_a_printed_citation(
    collection: dict[str, Any],
) -> None:
    corpus = str(collection["root"] / "corpus")
    page = run_cli("show", f"{collection['pdf']}:2", "--corpus", corpus, "--context", "0")
    assert page.returncode == 0, page.stderr
    assert re.match(r">\s*p2:1 \| 2 zoo: An S3 Class", page.stdout.splitlines()[1])
    bad = run_cli("show", f"{collection['pdf']}:31", "--corpus", corpus)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "has pages 1-30; got page 31" in bad.stderr


def test_verify_works_over_an_added_document(collection: dict[str, Any]) -> None:
    root = collection["root"]
    qa = QA.load(root / "index", corpus_dir=root / "corpus")
    text = "Hence, the package was called zoo which stands for Z’s ordered observations."
    result = qa.verify(text)
    assert result.verdict == "verbatim"
    assert result.matches[0].citation.report == collection["pdf"]
    assert result.matches[0].citation.page == 1


def test_the_incremental_index_is_the_same_bytes_as_a_build_from_scratch(
    collection: dict[str, Any], tmp_path: Path
) -> None:
    root = collection["root"]
    assert collection["change"].embedded["reused"] > 2000  # the two reports' texts
    scratch = build_index(tmp_path / "scratch", corpus_dir=root / "corpus")
    incremental = json.loads((generation(root / "index") / "manifest.json").read_text())
    assert scratch["files"] == incremental["files"]
    assert (tmp_path / "scratch" / "CURRENT").read_text() == (root / "index/CURRENT").read_text()


def test_remove_then_add_again_returns_to_the_same_generation(
    collection: dict[str, Any],
) -> None:
    root = collection["root"]
    before = state(root)
    last = collection["change"].added[-1]  # the Markdown file, last in the catalog
    gone = remove_documents([last.id], root / "corpus", root / "index")
    assert gone.removed == (last.id,) and gone.embedded["new"] == 0
    assert not (root / last.file).exists()
    assert last.id not in {d.id for d in list_documents(root / "corpus")}
    QA.load(root / "index", corpus_dir=root / "corpus")
    again = add_documents([DOCS / ADDED[-1]], root / "corpus", root / "index")
    assert again.added[0].id == last.id
    assert state(root) == before


# ------------------------------------------------------------------------ bad input
def test_a_file_already_in_the_collection_is_refused_and_nothing_changes(
    collection: dict[str, Any],
) -> None:
    root = collection["root"]
    before = state(root)
    with pytest.raises(DocumentError, match="already in the collection as"):
        add_documents([DOCS / "readme_nodejs.md"], root / "corpus", root / "index")
    with pytest.raises(DocumentError, match="already in the collection as eurasia-2020"):
        add_documents(
            [CORPUS / "eurasia-group-2020-digital-silk-road.txt"], root / "corpus", root / "index"
        )
    with pytest.raises(BadInputError, match="own reports"):
        remove_documents(["eurasia-2020"], root / "corpus", root / "index")
    with pytest.raises(BadInputError, match="describe one document"):
        add_documents([DOCS], root / "corpus", root / "index", meta=Metadata(title="x"))
    assert state(root) == before


def encrypted(folder: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(DOCS / "slides_impressive-demo.pdf"))
    writer.encrypt("secret")
    path = folder / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def damaged(folder: Path) -> Path:
    path = folder / "cut.pdf"
    path.write_bytes(b"%PDF-1.5\n" + os.urandom(2000))
    return path


def unsupported(folder: Path) -> Path:
    path = folder / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (encrypted, "is encrypted"),
        (lambda folder: DOCS / "scan_congress.pdf", "no text to index: this PDF is images"),
        (damaged, "not a readable PDF"),
        (unsupported, "unsupported type '.pptx'"),
        (lambda folder: folder / "missing.pdf", "no such file or folder"),
    ],
    ids=["encrypted", "scanned", "damaged", "unsupported", "missing"],
)
def test_the_cli_refuses_bad_input_in_one_line_and_adds_nothing(
    collection: dict[str, Any], tmp_path: Path, make: Any, message: str
) -> None:
    root = collection["root"]
    before = state(root)
    path = make(tmp_path)
    proc = run_cli(
        "add", str(path), "--index", str(root / "index"), "--corpus", str(root / "corpus")
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("dsrqa: error:") and proc.stderr.count("\n") == 1
    assert message in proc.stderr and "nothing was added" in proc.stderr
    assert state(root) == before


# --------------------------------------------------------------------------- atomicity
KILL_AT_CURRENT = """
import os, sys
from pathlib import Path
real = os.replace
def replace(src, dst, *a, **k):
    if Path(dst).name == "CURRENT":
        os._exit(9)  # killed after the catalog was written, before CURRENT moved
    return real(src, dst, *a, **k)
os.replace = replace
from dsrqa.collection import add_documents
add_documents([Path(sys.argv[1])], Path(sys.argv[2]), Path(sys.argv[3]))
"""


def test_a_reader_after_an_add_killed_between_catalog_and_pointer_gets_the_new_documents(
    built_index: Path, tmp_path: Path
) -> None:
    root = new_collection(tmp_path, built_index)
    pointer = (root / "index/CURRENT").read_text()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src")}
    args = [str(DOCS / "slides_impressive-demo.pdf"), str(root / "corpus"), str(root / "index")]
    proc = subprocess.run(
        [sys.executable, "-c", KILL_AT_CURRENT, *args], capture_output=True, timeout=600, env=env
    )
    assert proc.returncode == 9, proc.stderr.decode()[-2000:]
    assert (root / "index/CURRENT").read_text() == pointer  # not moved
    qa = QA.load(root / "index", corpus_dir=root / "corpus")
    assert "introducing-impressive" in qa.index.catalog.ids
    assert any(p.report_id == "introducing-impressive" for p in qa.index.passages.items)


@pytest.mark.parametrize("delay", [1.5, 5.0])
def test_an_add_killed_with_sigkill_leaves_the_collection_whole(
    built_index: Path, tmp_path: Path, delay: float
) -> None:
    root = new_collection(tmp_path, built_index)
    before = state(root)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dsrqa.cli", "add", str(DOCS / "slides_impressive-demo.pdf")]
        + ["--quiet", "--index", str(root / "index"), "--corpus", str(root / "corpus")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    qa = QA.load(root / "index", corpus_dir=root / "corpus")  # loads either way
    after = {k: v for k, v in state(root).items() if not k.startswith("corpus/.add-")}
    if after == before:  # killed before the commit: nothing of it is in the collection
        assert "introducing-impressive" not in qa.index.catalog.ids
    else:  # killed after it: the document is whole, in catalog and index
        assert "introducing-impressive" in qa.index.catalog.ids
        assert any(p.report_id == "introducing-impressive" for p in qa.index.passages.items)

"""``dsrqa bench --documents``: adding documents, measured on a copy of the collection.

- ``add``: the five text PDFs of ``testdocs/`` (a paper, a report, slides, a table
  gallery, a register page: 82 pages of text the index has not seen), added in a fresh
  process with ``dsrqa add``: wall time, pages per second, peak memory, texts embedded;
- ``volume``: a 2,000-page text PDF written here (reportlab; each page a header, a
  paragraph of the reports' sentences in turn, a sentence of its own and a page number):
  extracting and cleaning it alone (pages per second, peak memory), then the whole
  ``dsrqa add`` (wall, peak memory, what was embedded);
- ``queries``: warm latency p50/p95 over the gold questions with the volume added (about
  ten times the passages) against the index without it, same run;
- ``peer``: the langchain-default way of adding the same PDFs, in a fresh process (as
  LangChain's PyPDFLoader: pypdf's text per page; RecursiveCharacterTextSplitter(1000,
  200); the same MiniLM by sentence-transformers, each chunk embedded once; a flat
  FAISS index written): pages per second on the five PDFs and on the volume, and dsrqa's
  pages per second over the peer's (the ratio the target is read against).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .bench import _child_peak, _percentiles

PAGES = 2000
EXTRACT_ONLY = r"""
import json, sys, time
from pathlib import Path
t = time.perf_counter()
from dsrqa.extract import extract
from dsrqa.corpus import clean_text
got = extract(Path(sys.argv[1]), "pdf")
units = clean_text(got.text, got.profile)
print(json.dumps({"seconds": time.perf_counter() - t, "pages": len(got.page_lines),
                  "units": len(units)}))
"""

PEER_ADD = r"""
import json, sys, time
t = time.perf_counter()
import faiss
from langchain_text_splitters import RecursiveCharacterTextSplitter
from pypdf import PdfReader
from sentence_transformers import SentenceTransformer
from dsrqa.embedding import source_model_dir
from dsrqa.peers import CHUNK_OVERLAP, CHUNK_SIZE
out, files = sys.argv[1], sys.argv[2:]
splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
pages, chunks = 0, []
for name in files:
    for page in PdfReader(name).pages:
        pages += 1
        chunks += splitter.split_text(page.extract_text() or "")
model = SentenceTransformer(str(source_model_dir()), device="cpu")
vec = model.encode(chunks, normalize_embeddings=True, batch_size=32)
index = faiss.IndexFlatIP(vec.shape[1]); index.add(vec)
faiss.write_index(index, out)
print(json.dumps({"seconds": time.perf_counter() - t, "pages": pages, "chunks": len(chunks)}))
"""


def volume_pdf(path: Path, sentences: list[str], pages: int = PAGES) -> None:
    """A text PDF of ``pages`` pages: running header, a paragraph of ``sentences`` taken
    in turn, one sentence of its own, a page number (deterministic bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("A test volume of many pages")
    at = 0
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(72, 800, "A test volume of many pages")
        c.setFont("Helvetica", 10)
        words: list[str] = []
        while len(words) < 160:
            words += sentences[at % len(sentences)].split()
            at += 1
        words += f"Page {n} of the volume records item number {n * 7 + 3}.".split()
        y, line = 770, ""
        for word in words:
            if len(line) + len(word) > 95:
                c.drawString(72, y, line)
                y, line = y - 13, ""
            line = f"{line} {word}".strip()
        c.drawString(72, y, line)
        c.drawString(300, 40, str(n))
        c.showPage()
    c.save()


def run_document_bench(
    index_dir: Path, corpus_dir: Path, say: Callable[[str], Any] | None = None
) -> dict[str, Any]:
    from .qa import QA

    note = say or (lambda message: None)
    root = corpus_dir.resolve().parent
    pdfs = [p for p in sorted((root / "testdocs").glob("*.pdf")) if not p.name.startswith("scan")]
    questions = [
        json.loads(line)["question"]
        for line in (root / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        shutil.copytree(corpus_dir, home / "corpus")
        for name in ("eval", "training"):
            (home / name).symlink_to(root / name)
        shutil.copytree(index_dir, home / "index")
        cli = [sys.executable, "-m", "dsrqa.cli"]
        where = ["--index", str(home / "index"), "--corpus", str(home / "corpus")]
        note(f"adding {len(pdfs)} text PDFs")
        out["add"] = _timed_add([*cli, "add", *map(str, pdfs), *where, "--json"])
        qa = QA.load(home / "index", corpus_dir=home / "corpus")
        base_latency = _latency(qa, questions)
        base_passages = len(qa.index.passages)
        sentences = [s.text for s in qa.index.sentences.items if len(s.text.split()) > 6]
        del qa
        note(f"writing a {PAGES}-page PDF")
        volume = home / "volume.pdf"
        volume_pdf(volume, sentences)
        note("extracting and cleaning it")
        wall, peak, text = _child_peak([sys.executable, "-c", EXTRACT_ONLY, str(volume)])
        got = json.loads(text)
        out["volume_extract"] = {
            "pages": got["pages"],
            "bytes": volume.stat().st_size,
            "wall_s": round(wall, 2),
            "pages_per_s": round(got["pages"] / wall, 1),
            "peak_mb": round(peak, 1),
        }
        note(f"adding the {PAGES}-page PDF")
        out["volume_add"] = _timed_add([*cli, "add", str(volume), *where, "--json"])
        qa = QA.load(home / "index", corpus_dir=home / "corpus")
        out["queries"] = {
            "passages": len(qa.index.passages),
            "passages_before": base_passages,
            "before": base_latency,
            "after": _latency(qa, questions),
        }
        note("adding both the langchain-default way")
        out["peer"] = {
            "add": _peer_add(home / "peer-add.faiss", pdfs),
            "volume_add": _peer_add(home / "peer-volume.faiss", [volume]),
        }
    q = out["queries"]
    out["ratios"] = {
        "add_pages_per_s_over_peer": round(
            out["add"]["pages_per_s"] / out["peer"]["add"]["pages_per_s"], 2
        ),
        "volume_add_pages_per_s_over_peer": round(
            out["volume_add"]["pages_per_s"] / out["peer"]["volume_add"]["pages_per_s"], 2
        ),
        "passages": round(q["passages"] / q["passages_before"], 2),
        "p50_after_over_before": round(q["after"]["p50_ms"] / q["before"]["p50_ms"], 2),
    }
    return out


def _timed_add(cmd: list[str]) -> dict[str, Any]:
    """``dsrqa add --json`` in a fresh process: pages, wall, pages/s, peak memory."""
    wall, peak, text = _child_peak(cmd)
    change = json.loads(text)
    return {
        "documents": len(change["added"]),
        "pages": change["pages"],
        "wall_s": round(wall, 2),
        "pages_per_s": round(change["pages"] / wall, 2),
        "peak_mb": round(peak, 1),
        "embedded": change["embedded"],
    }


def _peer_add(out: Path, files: list[Path]) -> dict[str, Any]:
    wall, peak, text = _child_peak([sys.executable, "-c", PEER_ADD, str(out), *map(str, files)])
    got = json.loads(text)
    return {
        "pages": got["pages"],
        "chunks": got["chunks"],
        "wall_s": round(wall, 2),
        "pages_per_s": round(got["pages"] / wall, 2),
        "peak_mb": round(peak, 1),
    }


def _latency(qa: Any, questions: list[str]) -> dict[str, float]:
    for question in questions[:3]:
        qa.ask(question)  # warm
    times = []
    for question in questions:
        started = time.perf_counter()
        qa.ask(question)
        times.append(time.perf_counter() - started)
    return _percentiles(times)

"""Added documents, measured: a collection of the two reports, the eight test documents
and the two reports typeset as PDFs (``eval/docs-collection.json``), each added with
``dsrqa add`` (the library call) to a copy of the index. Writes
``eval/results/documents.json`` and ``documents.md``.

Per document and per kind (PDF, HTML, Markdown):
- extraction fidelity: the share of a reference text's words found in order (difflib's
  matching blocks over NFKC-folded words) in the document's text as dsrqa reads it
  ("text") and in what it indexes after cleaning ("cleaned"); the reference is poppler's
  ``pdftotext`` for a PDF, the visible text of the content region for a web page (as
  ``scripts/extraction_probe.py`` reads them), the file for Markdown;
- answer@1 and hit@5 on ``eval/docs.jsonl`` (the gold relevance rule: the answer sentence,
  or one of the first five passages, holds at least half of an evidence quote); the quotes
  were written against the reference texts and are found in dsrqa's text with the gold
  folding (NFKC, white space, hyphenation), and a quote not found is counted and listed;
- citation validity: every word of a cited passage is on the page and lines its printed
  citation names (resolved as ``dsrqa show`` resolves it), running headers and footers
  between them left out;
- abstention on the questions no document answers.

Parity: the test questions of ``eval/gold.jsonl`` with one report's evidence, asked of
that report's text file and of its PDF (``--report``), in the same collection.

Usage: python scripts/eval_documents.py [--index index] [--out eval/results]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction_probe import html_reference, in_order_recall, words  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def reference_text(path: Path) -> str | None:
    if path.suffix == ".pdf":
        if shutil.which("pdftotext") is None:
            return None
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
        return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None
    if path.suffix in (".html", ".htm"):
        return html_reference(path)
    return path.read_text(encoding="utf-8")


def collection(index: Path, tmp: Path, entries: list[dict[str, Any]]) -> tuple[Path, dict]:
    """A copy of the corpus and index with every entry added under its id."""
    from dsrqa.collection import Metadata, add_documents

    shutil.copytree(ROOT / "corpus", tmp / "corpus")
    for name in ("eval", "training"):
        (tmp / name).symlink_to(ROOT / name)
    shutil.copytree(index, tmp / "index")
    timing = {}
    for entry in entries:
        started = time.perf_counter()
        change = add_documents(
            [ROOT / entry["file"]], tmp / "corpus", tmp / "index", meta=Metadata(id=entry["id"])
        )
        timing[entry["id"]] = {
            "seconds": round(time.perf_counter() - started, 2),
            "pages": change.pages,
            "embedded": change.embedded["new"],
        }
    return tmp, timing


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def without_dropped(report: Any) -> str:
    """A document's text with the lines its cleaning drops (running headers and footers,
    page breaks) blanked, at the same offsets: a quote across a page break is found."""
    from dsrqa.corpus.lines import read_lines

    raw = report.read_raw()
    patterns = [[re.compile(p) for p in report.profile.get(k, [])] for k in KEYS]
    chars = list(raw)
    for line in read_lines(raw, *patterns):
        if line.kind == "drop" or line.text == "\f":
            chars[line.start : line.end] = " " * (line.end - line.start)
    return "".join(chars)


def locate(qa: Any, item: dict[str, Any]) -> tuple[Any, list[str]]:
    """The question with its evidence found in dsrqa's text (NFKC-folded, the lines its
    cleaning drops left out), and the quotes not found."""
    from dsrqa.gold import Evidence, GoldQuestion, NormalizedRaw

    evidence, missing = [], []
    for ev in item["evidence"]:
        raw = without_dropped(qa.index.catalog.get(ev["report"]))
        norm = NormalizedRaw(fold(raw)) if len(fold(raw)) == len(raw) else NormalizedRaw(raw)
        spans = norm.find_all(fold(ev["quote"]))
        if spans:
            evidence.append(Evidence(ev["report"], ev["quote"], *spans[0]))
        else:
            missing.append(f"{item['id']}: {ev['quote'][:70]}")
    q = GoldQuestion(
        id=item["id"],
        question=item["question"],
        kind=item["kind"],
        answerable=bool(item["answerable"]),
        answer=item.get("answer", ""),
        split=item.get("split", "test"),
        evidence=tuple(evidence),
    )
    return q, missing


def citation_holds(qa: Any, citation: Any, text: str) -> bool:
    """Every word of ``text`` is on the lines its printed citation names, leaving out the
    lines the cleaner drops there (a running header or footer and the page break between
    a word's two halves); a word whose ligature the extraction lost (``o\ufffdered``) is
    not looked for, as in ``dsrqa.eval.cited_lines_hold``."""
    from dsrqa.corpus.lines import read_lines
    from dsrqa.gold import NormalizedRaw
    from dsrqa.links import parse_reference

    ref = parse_reference(citation.label(), qa.index.catalog)
    report = qa.index.catalog.get(ref.report)
    patterns = [[re.compile(p) for p in report.profile.get(k, [])] for k in KEYS]
    lines = read_lines(report.read_raw(), *patterns)[ref.first - 1 : ref.last]
    kept = "\n".join(line.text for line in lines if line.kind != "drop")
    flat = re.sub(r"[\W_]", "", NormalizedRaw.fold(fold(kept)).lower())
    wanted = re.findall(r"[a-z]{4,}", fold(NormalizedRaw.fold(text)).lower())
    return all(w in flat or any(lig in w for lig in ("ff", "fi", "fl")) for w in wanted)


KEYS = ("drop_lines", "edge_lines")


def ask_all(qa: Any, questions: list[Any], report: str | None = None) -> list[dict[str, Any]]:
    from dsrqa.eval import outcome, qa_run_from

    rows = []
    for q in questions:
        result = qa.ask(q.question, k=10, report=report)
        out = outcome(q, qa_run_from(result))
        cited = [(p.citation, p.text) for p in result.passages[:5]]
        if result.candidate is not None:
            cited.append((result.candidate.citation, result.candidate.citation.quote))
        valid = [citation_holds(qa, c, t) for c, t in cited]
        rows.append(
            {
                "id": q.id,
                "kind": q.kind,
                "answerable": q.answerable,
                "answer_correct": out.answer_correct,
                "hit@5": out.first_relevant is not None and out.first_relevant <= 5,
                "abstained": out.abstained,
                "valid": sum(valid),
                "cited": len(valid),
                "answer": result.candidate.citation.label() if result.candidate else None,
                "why": out.why,
            }
        )
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    return {
        "questions": len(rows),
        "answer@1": round(sum(bool(r["answer_correct"]) for r in ans) / len(ans), 3)
        if ans
        else None,
        "hit@5": round(sum(r["hit@5"] for r in ans) / len(ans), 3) if ans else None,
        "false_abstain": round(sum(r["abstained"] for r in ans) / len(ans), 3) if ans else None,
        "unanswerable_abstained": round(sum(r["abstained"] for r in una) / len(una), 3)
        if una
        else None,
        "citation_validity": round(
            sum(r["valid"] for r in rows) / max(1, sum(r["cited"] for r in rows)), 4
        ),
    }


def fidelity(qa: Any, entry: dict[str, Any]) -> dict[str, Any]:
    ref = reference_text(ROOT / entry["file"])
    doc = qa.index.document(entry["id"])
    raw = doc.raw
    cleaned = " ".join(u.text for u in doc.units)
    if ref is None:
        return {"reference": None}
    r = words(ref)
    return {
        "reference_words": len(r),
        "text": round(in_order_recall(r, words(raw))[0], 3),
        "cleaned": round(in_order_recall(r, words(cleaned))[0], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=ROOT / "index")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "results")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from dsrqa import QA

    spec = json.loads((ROOT / "eval" / "docs-collection.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        root, timing = collection(args.index, Path(tmp), spec["documents"] + spec["rendered"])
        qa = QA.load(root / "index", corpus_dir=root / "corpus")
        kinds = {e["id"]: qa.index.catalog.get(e["id"]).kind for e in spec["documents"]}
        questions, missing = [], []
        for line in (ROOT / "eval" / "docs.jsonl").read_text().splitlines():
            q, lost = locate(qa, json.loads(line))
            questions.append(q)
            missing += lost
        rows = ask_all(qa, questions)
        doc_of = {q.id: (q.evidence[0].report if q.evidence else None) for q in questions}
        per_doc: dict[str, Any] = {}
        for entry in spec["documents"]:
            mine = [r for r in rows if doc_of[r["id"]] == entry["id"]]
            per_doc[entry["id"]] = {
                "kind": kinds[entry["id"]],
                "layout": entry["layout"],
                **timing[entry["id"]],
                "fidelity": fidelity(qa, entry),
                **summary(mine),
            }
        per_kind = {}
        for kind in ("pdf", "html", "markdown"):
            ids = {d for d, k in kinds.items() if k == kind}
            mine = [r for r in rows if doc_of[r["id"]] in ids]
            fid = [per_doc[d]["fidelity"] for d in ids if per_doc[d]["fidelity"].get("text")]
            per_kind[kind] = {
                **summary(mine),
                "fidelity_text": round(sum(f["text"] for f in fid) / len(fid), 3) if fid else None,
                "fidelity_cleaned": round(sum(f["cleaned"] for f in fid) / len(fid), 3)
                if fid
                else None,
            }
        parity = rendered_parity(qa, spec["rendered"])
        for entry in spec["rendered"]:
            parity["per_document"][entry["id"]] = {
                **timing[entry["id"]],
                "fidelity": fidelity(qa, entry),
            }
    report = {
        "questions": "eval/docs.jsonl",
        "all": summary(rows),
        "per_kind": per_kind,
        "per_document": per_doc,
        "quotes_not_found": missing,
        "rows": rows,
        "rendered_parity": parity,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "documents.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (args.out / "documents.md").write_text(markdown(report))
    print(markdown(report))


def rendered_parity(qa: Any, rendered: list[dict[str, Any]]) -> dict[str, Any]:
    """The gold test questions on one report, asked of its text and of its PDF."""
    from dsrqa.gold import load_gold

    gold = [
        q
        for q in load_gold(ROOT / "eval" / "gold.jsonl", qa.index.catalog, splits=("dev", "test"))
        if q.split == "test" and q.answerable and len({e.report for e in q.evidence}) == 1
    ]
    out: dict[str, Any] = {"questions": len(gold), "per_document": {}}
    lost: list[str] = []
    text_rows, pdf_rows = [], []
    for entry in rendered:
        mine = [q for q in gold if q.evidence[0].report == entry["text"]]
        text_rows += ask_all(qa, mine, report=entry["text"])
        moved = []
        for q in mine:
            item = {
                "id": q.id,
                "question": q.question,
                "kind": q.kind,
                "answerable": True,
                "evidence": [{"report": entry["id"], "quote": e.quote} for e in q.evidence],
            }
            located, missing = locate(qa, item)
            lost += missing
            moved.append(located)
        pdf_rows += ask_all(qa, moved, report=entry["id"])
    out["text"] = summary(text_rows)
    out["pdf"] = summary(pdf_rows)
    out["quotes_not_found_in_pdf"] = lost
    out["rows"] = {"text": text_rows, "pdf": pdf_rows}
    return out


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Added documents (scripts/eval_documents.py)",
        "",
        "| kind | questions | answer@1 | hit@5 | citation validity | fidelity (text / cleaned) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind, s in report["per_kind"].items():
        lines.append(
            f"| {kind} | {s['questions']} | {s['answer@1']} | {s['hit@5']} | "
            f"{s['citation_validity']} | {s['fidelity_text']} / {s['fidelity_cleaned']} |"
        )
    a = report["all"]
    lines += [
        f"| all | {a['questions']} | {a['answer@1']} | {a['hit@5']} | {a['citation_validity']} | |",
        "",
        f"Questions no document answers: abstained on {a['unanswerable_abstained']}.",
        "",
        "| document | kind | pages | add s | texts embedded | fidelity text / cleaned |"
        " answer@1 | hit@5 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for doc, d in report["per_document"].items():
        f = d["fidelity"]
        lines.append(
            f"| {doc} | {d['kind']} | {d['pages'] or '-'} | {d['seconds']} | {d['embedded']} | "
            f"{f.get('text')} / {f.get('cleaned')} | {d['answer@1']} | {d['hit@5']} |"
        )
    p = report["rendered_parity"]
    lines += [
        "",
        f"Rendered reports: {p['questions']} gold test questions on one report each.",
        "",
        "| asked of | answer@1 | hit@5 | citation validity |",
        "| --- | --- | --- | --- |",
        f"| the text files | {p['text']['answer@1']} | {p['text']['hit@5']} | "
        f"{p['text']['citation_validity']} |",
        f"| their PDFs | {p['pdf']['answer@1']} | {p['pdf']['hit@5']} | "
        f"{p['pdf']['citation_validity']} |",
        "",
        f"Quotes not found in the PDFs' text: {len(p['quotes_not_found_in_pdf'])}; in the test "
        f"documents' text: {len(report['quotes_not_found'])}.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

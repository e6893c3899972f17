"""Answers and verifications as files to keep: JSON, CSV and a Markdown evidence table.

The app's download buttons offer these files; ``json_line`` is the one-line JSON the
CLI prints for ``--json`` and ``--jsonl``. Every function takes the library's own result
objects (``Result``, ``Verification``) and returns text; none changes them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any

from .reading import other_passages

if TYPE_CHECKING:
    from .answer import Result
    from .types import Citation
    from .verify import Verification

CSV_FIELDS = (
    "question",
    "kind",
    "rank",
    "text",
    "score",
    "report",
    "short_title",
    "date",
    "section",
    "file",
    "line_start",
    "line_end",
    "citation",
)
# a verdict as a person reads it (the page and the evidence row show these)
VERDICT_LABELS = {
    "verbatim": "Verbatim",
    "close": "Close",
    "supported": "Supported",
    "not_found": "Not found",
}


def verdict_label(verdict: str) -> str:
    """``Verbatim``, ``Close``, ``Supported`` or ``Not found``; an unknown verdict as is."""
    return VERDICT_LABELS.get(verdict, verdict)


def file_stem(text: str) -> str:
    """A file name for an export of ``text``: lower case words joined by ``-``, at most
    50 characters, ``answer`` when no letter or digit is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "answer"


def json_line(item: Any) -> str:
    """A result or verification as one line of JSON (``to_dict``), as the CLI prints it:
    valid UTF-8 even when a text holds a lone surrogate (then escaped, ``\\ud800``)."""
    from .batch import dump_json

    return dump_json(item.to_dict())


def md_cell(text: str) -> str:
    """A Markdown table cell showing the text literally (``$`` and ``|`` escaped)."""
    text = re.sub(r"([\\|$*_\[\]`<>])", r"\\\1", text.strip())
    return "<br>".join(line.strip() for line in text.splitlines() if line.strip())


# ------------------------------------------------------------------------- answers
def answer_json(result: Result) -> str:
    """``to_dict`` with each citation's one-line label added, indented."""
    data = result.to_dict()
    if result.answer is not None:
        data["answer"]["citation_label"] = result.answer.citation.label()
    for item, passage in zip(data["passages"], result.passages, strict=True):
        item["citation_label"] = passage.citation.label()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def answer_csv(result: Result) -> str:
    """One row for the answer sentence (if any), then one per passage (``CSV_FIELDS``)."""
    rows = []
    if result.answer is not None:
        a = result.answer
        rows.append(_citation_row("answer", a.passage_rank, a.text, a.score, a.citation))
    kind = "closest passage (not an answer)" if result.abstained else "passage"
    rows += [_citation_row(kind, p.rank, p.text, p.score, p.citation) for p in result.passages]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"question": result.question, **row})
    return out.getvalue()


def _citation_row(kind: str, rank: int | str, text: str, score: float, cit: Citation) -> dict:
    return {
        "kind": kind,
        "rank": rank,
        "text": text,
        "score": round(score, 6),
        "report": cit.report,
        "short_title": cit.short_title,
        "date": cit.date,
        "section": cit.section,
        "file": cit.file,
        "line_start": cit.line_start,
        "line_end": cit.line_end,
        "citation": cit.label(),
    }


def answer_markdown(result: Result) -> str:
    """An evidence table: question, answer sentence, citation and quote, one row for the
    answer and one per other passage (or, on an abstention, per closest passage)."""
    rows = []
    if result.answer is not None:
        answer = result.answer.text
        rows.append((answer, result.answer.citation.label(), result.answer.citation.quote))
    else:
        answer = f"The reports do not answer this ({result.reason}); closest passage:"
    rows += [(answer, p.citation.label(), p.text) for p in other_passages(result)]
    lines = [
        f"# Evidence: {md_cell(result.question)}",
        "",
        "| Question | Answer sentence | Citation | Quote |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {md_cell(result.question)} | {md_cell(a)} | {md_cell(c)} | {md_cell(q)} |"
        for a, c, q in rows
    ]
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------- verifications
def verification_json(ver: Verification) -> str:
    """``to_dict`` with each match's citation label added, indented."""
    data = ver.to_dict()
    for item, match in zip(data["matches"], ver.matches, strict=True):
        item["citation_label"] = match.citation.label()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def verification_markdown(ver: Verification) -> str:
    """One evidence row: the text, its verdict, the citation, the report's words, notes."""
    labels = [m.citation.label() for m in ver.matches]
    if ver.verdict == "not_found":
        citation = "; ".join(f"closest: {label}" for label in labels[:1]) or "—"
    else:
        citation = "; ".join(labels) or "—"
    quote = ver.matches[0].quote if ver.matches else ""
    notes = "; ".join([ver.reason, *(f"mismatch: {m.message}" for m in ver.mismatches)])
    cells = [ver.text, verdict_label(ver.verdict), citation, quote, notes]
    return (
        "| Text | Verdict | Citation | Report's words | Notes |\n"
        "|---|---|---|---|---|\n" + "| " + " | ".join(md_cell(c) for c in cells) + " |\n"
    )

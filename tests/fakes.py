"""Hostile stand-ins for the library's results, shared by the app's page tests and the
library tests of what the page shows: report text, citations, diffs and mismatches full
of HTML, markdown, LaTeX ``$`` and table pipes, built from the library's own types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EVIL = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [link](http://x) &amp; "
    "Costs | rose from $172.5 million in 2019 to $175 million :red[x] *bold* `code`"
)
AMOUNT = "$172.5 million"


def evil_document() -> Any:
    """A report of two hostile paragraphs on lines 1 and 3, in one section; the second
    has a subsection."""
    from dsrqa.corpus import Document, Report, Unit

    report = Report(
        id="evil",
        file="corpus/evil.txt",
        path=Path("/nonexistent"),
        title=f"Title {EVIL}",
        short_title="Evil <b>$1</b>",
        authors=("A <i>B</i>",),
        publisher="",
        date="2020-01-01",
        sha256="",
    )
    raw = f"{EVIL}\n\n{EVIL}\n"
    units = (
        Unit("evil", "paragraph", f"Section {EVIL}", "", EVIL, tuple(range(len(EVIL))), 0),
        Unit(
            "evil",
            "paragraph",
            f"Section {EVIL}",
            f"Sub {EVIL}",
            EVIL,
            tuple(range(len(EVIL) + 2, 2 * len(EVIL) + 2)),
            1,
        ),
    )
    return Document(report=report, raw=raw, units=units)


class FakeQA:
    """Just what the app uses of QA, with hostile text everywhere a report's text goes.

    ``result`` and ``verification``, when given, are what every question and every text
    gets instead of the hostile ones."""

    def __init__(self, abstained: bool, result: Any = None, verification: Any = None) -> None:
        from dsrqa.corpus import Catalog

        self.abstained = abstained
        self.result = result
        self.verification = verification
        self._doc = evil_document()
        self.catalog = Catalog(root=Path("/nonexistent"), reports=(self._doc.report,))
        self.index = self
        self.folder = Path("/nonexistent/gen-0000000000000000")  # the generation loaded
        self.reports = [{**self._doc.report.to_dict()}]

    def document(self, report_id: str) -> Any:
        return self._doc

    def ask(self, question: str, k: int | None = None, report: str | None = None) -> Any:
        return self.result or fake_result(question, self.abstained)

    def verify(self, text: str, id: str | None = None) -> Any:
        return self.verification or fake_verification(text)

    def show(self, report: str, line: int, context: int = 3, last: int | None = None) -> Any:
        from dsrqa.qa import RawLines

        return RawLines(
            report="evil",
            file="corpus/evil.txt",
            first=1,
            last=3,
            lines=(EVIL, "", EVIL),
            highlight=(line, last or line),
        )


def cit(quote: str) -> Any:
    """A citation whose every field a page shows is hostile."""
    from dsrqa.types import Citation

    return Citation(
        report="evil",
        title=f"Title {EVIL}",
        short_title="Evil <b>$1</b>",
        authors=("A",),
        date="2020-01-01",
        section=f"Section {EVIL}",
        file="corpus/evil.txt",
        line_start=1,
        line_end=1,
        char_start=0,
        char_end=len(quote),
        quote=quote,
    )


def fake_result(question: str, abstained: bool) -> Any:
    from dsrqa.answer import Answer, PassageResult, Result

    passages = tuple(
        PassageResult(
            rank=i,
            id=f"p{i}",
            text=f"Before. {EVIL}\nRow two {i}",
            score=0.5 / i,
            dense=0.1,
            bm25=0.2,
            citation=cit(EVIL),
        )
        for i in (1, 2)
    )
    start = EVIL.index(AMOUNT)
    answer = Answer(
        text=EVIL,
        span_start=start,
        span_end=start + len(AMOUNT),
        passage_rank=1,
        passage_id="p1",
        score=0.9,
        citation=cit(EVIL),
    )
    return Result(
        question=question,
        abstained=abstained,
        answer=None if abstained else answer,
        passages=passages,
        confidence=0.9,
        reason=f"the reports say nothing of {EVIL} here" if abstained else "ok",
        candidate=answer,
    )


def fake_verification(text: str) -> Any:
    """A ``close`` verdict whose report text, diff and mismatch are all hostile."""
    from dsrqa.verify import DiffOp, Match, Mismatch, Verification

    diff = (
        DiffOp("same", EVIL, EVIL),
        DiffOp("changed", "<b>$180</b>", "<i>$175</i>"),
        DiffOp("added", "[x](http://y)", ""),
        DiffOp("dropped", "", "*gone* `tick`"),
    )
    match = Match(citation=cit(EVIL), score=0.9, diff=diff)
    return Verification(
        text=text,
        verdict="close",
        matches=(match,),
        mismatches=(Mismatch("<b>$180</b> | x", "$175 <script>", EVIL, "money"),),
        reason=f"because {EVIL}",
    )

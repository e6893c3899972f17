"""The public API: ``QA.load(index_dir)`` then ``qa.ask(question)``.

The CLI and the Streamlit app are thin layers over this object. It loads the model and
index once and is safe to share between threads: asking reads shared state only.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answer import (
    Answer,
    Result,
    citation_for,
    idf_table,
    mark_span,
    missing_terms,
    passage_result,
    pick_sentence,
    question_kind,
)
from .config import Config
from .corpus import Catalog
from .corpus.catalog import page_of
from .errors import BadInputError
from .index import Index, load_index
from .ranking import Ranked, candidates, rank
from .retrieval import Hit, Retrieved, retrieve
from .text import content_terms
from .types import Abstention, RetrievalMode, parse

if TYPE_CHECKING:
    from .chunking import Passage, Sentence
    from .verify import Verification, Verifier


@dataclass(frozen=True)
class RawLines:
    """Raw lines of a report around a citation, as ``dsrqa show`` prints them."""

    report: str
    file: str
    first: int
    last: int
    lines: tuple[str, ...]
    highlight: tuple[int, int]
    page_lines: tuple[int, ...] = ()  # a PDF's first line of each page

    def page_of(self, line: int) -> tuple[int | None, int]:
        """(page, line of that page) of a line of the text; (None, line) if not a PDF."""
        return page_of(self.page_lines, line)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "report": self.report,
            "file": self.file,
            "first": self.first,
            "last": self.last,
            "highlight": list(self.highlight),
            "lines": list(self.lines),
        }
        if self.page_lines:
            data["pages"] = [list(self.page_of(n)) for n in range(self.first, self.last + 1)]
        return data


def clean_question(question: object, limit: int) -> str:
    """Validate a question: text, not blank, bounded; control characters become spaces."""
    if not isinstance(question, str):
        raise BadInputError(f"a question must be text, got {type(question).__name__}")
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in question)
    text = " ".join(text.split())
    if not text:
        raise BadInputError("the question is empty; type a question about the reports")
    if len(text) > limit:
        raise BadInputError(
            f"the question has {len(text)} characters; at most {limit} are accepted"
        )
    return text


class QA:
    """Question answering over a built index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.config = index.config
        self._idf, self._df = idf_table(index)
        self._verifier: Verifier | None = None
        self._verifier_lock = threading.Lock()

    @classmethod
    def load(
        cls,
        index_dir: str | Path = "index",
        config: Config | None = None,
        corpus_dir: str | Path | None = None,
    ) -> QA:
        """Load and check an index; raises an IndexError_ subclass saying how to fix it."""
        return cls(load_index(Path(index_dir), config, Path(corpus_dir) if corpus_dir else None))

    @property
    def reports(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.index.catalog.reports]

    def check_k(self, k: object) -> int:
        if isinstance(k, bool) or not isinstance(k, int):
            raise BadInputError(f"k must be a whole number, got {k!r}")
        if not 1 <= k <= self.config.max_k:
            raise BadInputError(f"k must be between 1 and {self.config.max_k}, got {k}")
        return k

    def ask(
        self,
        question: str,
        k: int | None = None,
        report: str | None = None,
        id: str | None = None,
        mode: str = "hybrid",
    ) -> Result:
        """Answer one question with the reports' own words, or abstain."""
        k = self.check_k(self.config.k if k is None else k)
        retrieval = parse(RetrievalMode, mode, "retrieval mode")
        if report is not None:
            report = self.index.catalog.get(report).id
        text = clean_question(question, self.config.max_question_chars)
        qvec = self.index.encoder.embed([text])[0]
        found = retrieve(self.index, text, qvec, report, retrieval)
        ranker = self.index.ranker if self.config.ranker == "learned" else None
        if ranker is None or not found.hits:
            return self._ask_by_hand(text, qvec, found, k, id, report)
        kind = question_kind(text)
        ranked = rank(ranker, candidates(self.index, text, kind, qvec, found, self._idf))
        hits = {h.index: h for h in found.hits}
        order = ranked.passage_order()
        passages = tuple(
            passage_result(self.index, r, hits.get(pi) or self._unfused(found, pi))
            for r, pi in enumerate(order[:k], 1)
        )
        first, last = ranked.best_unit
        passage = self.index.passages[ranked.best_passage]
        answer = self._answer(
            text,
            self.index.sentences[first],
            passage,
            order.index(ranked.best_passage) + 1,
            float(ranked.scores[ranked.order[0]]),
            self.index.sentences[last],
        )
        if self.config.abstention != "calibrated" or self.index.calibration is None:
            why, reason = self._abstain(text, list(found.hits), answer, passage.index_text)
            confidence = answer.score
        else:
            why, reason, confidence = self._calibrated(ranked, passage.index_text)
        return Result.decided(text, why, reason, answer, passages, confidence, id, report)

    @staticmethod
    def _unfused(found: Retrieved, pi: int) -> Hit:
        """A passage that holds a candidate sentence but neither ranking put in its top."""
        return Hit(
            pi, float(found.fused[pi]), float(found.dense[pi]), float(found.bm25[pi]), None, None
        )

    def _answer(
        self,
        question: str,
        s: Sentence,
        passage: Passage,
        rank: int,
        score: float,
        last: Sentence | None = None,
    ) -> Answer:
        """The answer from sentence ``s`` to ``last`` (two neighbours of a paragraph, cited
        together), with the span inside it that answers."""
        end = last or s
        text = self.index.sentences.run_text(s.id, end.id)
        span = mark_span(question, text)
        return Answer(
            text=text,
            span_start=span[0],
            span_end=span[1],
            passage_rank=rank,
            passage_id=passage.id,
            score=score,
            citation=citation_for(
                self.index,
                s.report_id,
                passage.section,
                s.char_start,
                end.char_end,
                s.line_start,
                end.line_end,
                text,
            ),
        )

    def _calibrated(self, ranked: Ranked, evidence: str) -> tuple[Abstention, str, float]:
        """The probability that the best sentence answers, and the decision from it."""
        from .calibration import Evidence

        calibration = self.index.calibration
        assert calibration is not None
        e = Evidence(ranked.candidates, ranked.scores, ranked.order, evidence, self._df)
        p = calibration.probability(e)
        if p >= calibration.threshold:
            return Abstention.ANSWERED, "answered from the reports", p
        return Abstention.LOW_SCORE, calibration.reason(e, p), p

    def _ask_by_hand(
        self, text: str, qvec: Any, found: Retrieved, k: int, id: str | None, report: str | None
    ) -> Result:
        """The hand-weighted answer step and word-rule abstention (``ranker="hand"``)."""
        hits = list(found.hits[: max(k, self.config.answer_passages)])
        passages = tuple(passage_result(self.index, r, h) for r, h in enumerate(hits[:k], 1))
        cand = pick_sentence(self.index, text, qvec, hits, self._idf)
        answer = None
        if cand is not None:
            answer = self._answer(text, cand.sentence, cand.passage, cand.rank, cand.score)
        evidence = cand.passage.index_text if cand else ""
        why, reason = self._abstain(text, hits, answer, evidence)
        confidence = answer.score if answer else 0.0
        return Result.decided(text, why, reason, answer, passages, confidence, id, report)

    def _abstain(
        self, question: str, hits: list[Hit], answer: Answer | None, evidence: str
    ) -> tuple[Abstention, str]:
        """Say "not in these reports" rather than show a confident wrong passage."""
        if answer is None or not hits:
            return Abstention.NOTHING_MATCHES, "nothing in the reports matches this question"
        if not content_terms(question):
            return Abstention.NO_CONTENT_WORDS, "the question has no content words to look for"
        missing = missing_terms(question, evidence, self._df, self.config.rare_name_df)
        if missing:
            return Abstention.MISSING_TERMS, f"the reports say nothing of {', '.join(missing)} here"
        kind = question_kind(question)
        if kind in ("date", "amount") and (answer.span_start, answer.span_end) == (
            0,
            len(answer.text),
        ):
            return Abstention.NO_VALUE, f"the evidence found states no {kind} for this question"
        if answer.score < self.config.abstain_threshold:
            return Abstention.LOW_SCORE, (
                f"best evidence scores {answer.score:.2f}, below the "
                f"calibrated threshold {self.config.abstain_threshold:.2f}"
            )
        return Abstention.ANSWERED, "answered from the reports"

    def verifier(self) -> Verifier:
        """The verification tables of this index, built on first use (about 0.3 s)."""
        from .verify import Verifier

        with self._verifier_lock:
            if self._verifier is None:
                self._verifier = Verifier(self.index)
            return self._verifier

    def verify(self, text: str, id: str | None = None) -> Verification:
        """Is this quote or claim in the reports: verbatim, close, supported or not_found?"""
        from .verify import clean_text

        return self.verifier().verify(clean_text(text, self.config.max_verify_chars), id)

    def ask_many(
        self, questions: list[str], k: int | None = None, report: str | None = None
    ) -> list[Result]:
        return [self.ask(q, k=k, report=report) for q in questions]

    def show(self, report: str, line: int, context: int = 3, last: int | None = None) -> RawLines:
        """Raw lines ``line``..``last`` of a report with ``context`` lines around them."""
        return self.show_raw(self.index.catalog, report, line, context, last)

    @staticmethod
    def show_raw(
        catalog: Catalog, report: str, line: int, context: int = 3, last: int | None = None
    ) -> RawLines:
        """As ``show``, from the catalog alone (no index needed)."""
        rep = catalog.get(report)
        raw_lines = rep.read_raw().split("\n")
        last = line if last is None else last
        if line < 1 or last < line or last > len(raw_lines):
            raise BadInputError(
                f"{rep.id} has lines 1-{len(raw_lines)}; got {line}"
                + (f"-{last}" if last != line else "")
            )
        if context < 0:
            raise BadInputError(f"context must be 0 or more, got {context}")
        first = max(1, line - context)
        end = min(len(raw_lines), last + context)
        return RawLines(
            report=rep.id,
            file=rep.file,
            first=first,
            last=end,
            lines=tuple(raw_lines[first - 1 : end]),
            highlight=(line, last),
            page_lines=rep.page_lines,
        )

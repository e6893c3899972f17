"""Answer extraction, abstention and citations: the typed results of a question.

The answer is a sentence of the reports, never generated text: the candidate
sentences of the top passages are scored by their own similarity to the question
(sentence vectors are precomputed at build time), the share of the question's terms
they contain, and their passage's rank. Within the chosen sentence the span that
answers is marked: a date, amount, number or name of the kind the question asks for.

Abstention: the tool says the reports do not answer when a specific term of the
question (a year, a number, a name) appears nowhere in the reports or not in the
evidence found, or when the best sentence's score falls below a threshold calibrated
on the gold set's dev split (see README, "Abstention").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .text import QUESTION_WORDS, STOPWORDS, content_terms, normalize, stem, words
from .types import Abstention, Citation

if TYPE_CHECKING:
    import numpy as np

    from .chunking import Passage, Sentence
    from .index import Index
    from .retrieval import Hit

YEAR = r"(?:19|20)\d{2}s?"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
DATE = re.compile(
    rf"\b(?:(?:early|mid|late|mid-)\s*)?(?:{MONTH}\s+(?:\d{{1,2}},?\s+)?{YEAR}|"
    rf"\d{{1,2}}\s+{MONTH}(?:\s+{YEAR})?|(?:Q[1-4]|H[12])\s+{YEAR}|{YEAR}|{MONTH})\b"
)
AMOUNT = re.compile(
    r"(?:US)?\$\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand))?"
    r"|\b\d[\d,.]*\s?(?:%|percent\b|per cent\b)"
    r"|\b\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|hectares|km|kilometers|"
    r"intersections|countries|companies|percent))?\b"
)
NAME = re.compile(r"\b[A-Z][\w&.\-’']*(?:\s+(?:of|and|&|de)?\s*[A-Z][\w&.\-’']*)*")

QUESTION_KINDS = (
    ("date", re.compile(r"^(when\b|what (year|date|month)|which (year|month)|in what year)", re.I)),
    (
        "amount",
        re.compile(
            r"^(how (much|many|large|big|long|far)|what (percentage|share|"
            r"proportion|amount|value|percent|number|sum)|what (was|is|were|are) the "
            r"(\w+ )?(cost|value|price|amount|revenue|number|total|size|sum)\b)",
            re.I,
        ),
    ),
    (
        "name",
        re.compile(
            r"^(who\b|which (company|companies|firm|firms|bank|banks|country|"
            r"countries|agency|entity|city|organization|ministry)|where\b)",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class PassageResult:
    """A retrieved passage as shown to users and written in ``--json``."""

    rank: int
    id: str
    text: str
    score: float
    dense: float
    bm25: float
    citation: Citation

    @property
    def report(self) -> str:
        return self.citation.report

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "citation": self.citation.to_dict()}

    def summary(self) -> dict[str, Any]:
        """The fields of the ``--json`` passage list (cheap: no nested citation)."""
        return {
            "rank": self.rank,
            "id": self.id,
            "text": self.text,
            "score": round(self.score, 6),
            "dense": round(self.dense, 4),
            "bm25": round(self.bm25, 4),
            **self.citation.where(),
        }


@dataclass(frozen=True)
class Answer:
    """The answering sentence, the span inside it that answers, and its citation."""

    text: str
    span_start: int
    span_end: int
    passage_rank: int
    passage_id: str
    score: float
    citation: Citation

    @property
    def span(self) -> str:
        return self.text[self.span_start : self.span_end]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": {"start": self.span_start, "end": self.span_end, "text": self.span},
            "passage_rank": self.passage_rank,
            "passage_id": self.passage_id,
            "score": round(self.score, 4),
            "citation": self.citation.to_dict(),
        }


@dataclass(frozen=True)
class Result:
    """Everything one question returns; ``to_dict`` is the stable machine interface."""

    question: str
    abstained: bool
    answer: Answer | None
    passages: tuple[PassageResult, ...]
    confidence: float
    reason: str
    abstention: Abstention = Abstention.ANSWERED
    id: str | None = None
    report_filter: str | None = None
    candidate: Answer | None = field(default=None, compare=False)

    @classmethod
    def decided(
        cls,
        question: str,
        why: Abstention,
        reason: str,
        answer: Answer | None,
        passages: tuple[PassageResult, ...],
        confidence: float,
        id: str | None,
        report: str | None,
    ) -> Result:
        """A result from the abstention decision: the answer is shown only when answered,
        and kept as ``candidate`` either way (evaluation scores it)."""
        abstained = why is not Abstention.ANSWERED
        return cls(
            question=question,
            abstained=abstained,
            abstention=why,
            answer=None if abstained else answer,
            passages=passages,
            confidence=confidence,
            reason=reason,
            id=id,
            report_filter=report,
            candidate=answer,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "abstained": self.abstained,
            "abstention": self.abstention.value,
            "reason": self.reason,
            "confidence": round(self.confidence, 4),
            "report": self.report_filter,
            "answer": self.answer.to_dict() if self.answer else None,
            "passages_label": "closest passages (the reports do not answer this)"
            if self.abstained
            else "supporting passages",
            "passages": [p.summary() for p in self.passages],
        }


def citation_for(
    index: Index,
    report_id: str,
    section: str,
    char_start: int,
    char_end: int,
    line_start: int,
    line_end: int,
    quote: str,
) -> Citation:
    report = index.catalog.get(report_id)
    return Citation.of(report, section, (char_start, char_end), (line_start, line_end), quote)


def passage_result(index: Index, rank: int, hit: Hit) -> PassageResult:
    p = index.passages[hit.index]
    return PassageResult(
        rank=rank,
        id=p.id,
        text=p.text,
        score=hit.score,
        dense=hit.dense,
        bm25=hit.bm25,
        citation=citation_for(
            index,
            p.report_id,
            p.section,
            p.char_start,
            p.char_end,
            p.line_start,
            p.line_end,
            p.text,
        ),
    )


def question_kind(question: str) -> str:
    """What the question asks for: a date, an amount, a name, or anything."""
    q = question.strip()
    for kind, pattern in QUESTION_KINDS:
        if pattern.search(q):
            return kind
    return "any"


def mark_span(question: str, sentence: str) -> tuple[int, int]:
    """The part of the sentence that answers: a value of the asked-for kind, or all of it."""
    kind = question_kind(question)
    pattern = {"date": DATE, "amount": AMOUNT, "name": NAME}.get(kind)
    if pattern is None:
        return 0, len(sentence)
    asked = {w.lower() for w in words(question)}
    qterms = content_terms(question)
    anchors = [
        m.start() for m in re.finditer(r"\w+", sentence) if stem(m.group(0).lower()) in qterms
    ]
    best: tuple[bool, int, int, int] | None = None
    for m in pattern.finditer(sentence):
        value = m.group(0).strip()
        value_words = {w.lower() for w in words(value)}
        if not value or (value_words and value_words <= asked):
            continue
        if kind == "name" and (m.start() == 0 or value.lower() in STOPWORDS):
            continue
        if kind == "amount" and re.fullmatch(YEAR, value):
            continue  # a bare year is a date, not an amount
        bare = kind == "amount" and re.fullmatch(r"[\d,.]+", value) is not None
        dist = min((abs(a - m.start()) for a in anchors), default=0)
        key = (bare, dist, m.start(), m.start() + len(value))
        if best is None or key < best:
            best = key
    if best is None:
        return 0, len(sentence)
    return best[2], best[3]


@dataclass
class _Candidate:
    sentence: Sentence
    passage: Passage
    rank: int
    start: int
    end: int
    score: float


def pick_sentence(
    index: Index, question: str, qvec: np.ndarray, hits: list[Hit], idf: dict[str, float]
) -> _Candidate | None:
    """The best-scoring sentence among the top passages' sentences."""
    cfg = index.config
    qterms = content_terms(question)
    weight_total = math.fsum(idf.get(t, 1.0) for t in qterms) or 1.0  # any set order
    best: _Candidate | None = None
    for rank, hit in enumerate(hits[: cfg.answer_passages], start=1):
        passage = index.passages[hit.index]
        for sid, start, end in passage.sentences:
            sentence = index.sentences[sid]
            dense = float(index.sentences.answer_vectors[sid] @ qvec)
            terms = content_terms(sentence.embed_text)
            overlap = math.fsum(idf.get(t, 1.0) for t in qterms & terms) / weight_total
            score = (
                cfg.sentence_dense_weight * dense
                + cfg.sentence_overlap_weight * overlap
                - cfg.sentence_rank_weight * (rank - 1)
            )
            if best is None or score > best.score + 1e-9:
                best = _Candidate(sentence, passage, rank, start, end, score)
    return best


def specific_terms(question: str) -> list[str]:
    """Years, numbers and names in a question: facts the evidence must contain."""
    text = normalize(question)
    out = [m.group(1) for m in re.finditer(r"(?<![\w+-])(\d{2,4})s?(?![\w+-])", text)]
    for i, m in enumerate(re.finditer(r"(?<!\w)[A-Za-z][\w']*", text)):
        tok = m.group(0).split("'")[0]
        if (
            i > 0
            and tok[:1].isupper()
            and tok.lower() not in STOPWORDS
            and tok.lower() not in QUESTION_WORDS
        ):
            out.append(tok)
    return out


def missing_terms(question: str, evidence: str, df: dict[str, int], rare_df: int) -> list[str]:
    """Specific terms of the question the evidence (the passage the answer comes from) lacks:
    any year or number, a name found nowhere in the reports, or a rare name (in at most
    ``rare_df`` passages) that is not in the evidence. Common names (China, Beijing) are
    not required: the reports often leave them implicit."""
    ev_terms = {stem(w) for w in words(evidence)}
    missing = []
    for term in specific_terms(question):
        key = stem(term.lower())
        present = key in ev_terms or any(
            t.startswith(key) or key.startswith(t)
            for t in ev_terms
            if len(t) >= 4 and len(key) >= 4
        )
        if term[0].isdigit():
            if not present:
                missing.append(term)
        elif df.get(key, 0) == 0 or (df.get(key, 0) <= rare_df and not present):
            missing.append(term)
    return missing


def idf_table(index: Index) -> tuple[dict[str, float], dict[str, int]]:
    """IDF and document frequency per BM25 token, from the saved score matrix."""
    return index.bm25.idf(), index.bm25.document_frequencies()

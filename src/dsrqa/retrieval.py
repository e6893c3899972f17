"""Dense (FAISS) and lexical (BM25) retrieval, fused by reciprocal rank.

BM25 scores are read straight from the score matrix bm25s wrote at build time (a CSC
matrix: one column of precomputed per-passage scores per token), the same sum bm25s
computes, without importing bm25s on the query path (it pulls numba in when present).
Ties break by passage id, so rankings are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import tokenize
from .types import RetrievalMode

if TYPE_CHECKING:
    import numpy as np

    from .index import Index


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with the evidence behind its rank."""

    index: int  # position in Index.passages
    score: float  # fused score
    dense: float  # cosine similarity with the question
    bm25: float
    dense_rank: int | None
    bm25_rank: int | None


def _ranks(scores: np.ndarray, allowed: np.ndarray, positive_only: bool) -> dict[int, int]:
    """1-based ranks of allowed passages by score, ties broken by passage order (= id)."""
    import numpy as np

    idx = np.flatnonzero(allowed & (scores > 0)) if positive_only else np.flatnonzero(allowed)
    order = idx[np.lexsort((idx, -scores[idx]))]
    return {int(i): r + 1 for r, i in enumerate(order)}


@dataclass(frozen=True)
class Retrieved:
    """A question's passage scores: every passage's cosine, BM25 and fused score (0 for
    passages outside the report filter or past ``candidates`` in both rankings), and the
    fused order as hits."""

    hits: tuple[Hit, ...]
    dense: np.ndarray
    bm25: np.ndarray
    fused: np.ndarray
    allowed_sentences: np.ndarray  # sentences of the allowed reports


def retrieve(
    index: Index,
    question: str,
    query_vector: np.ndarray,
    report: str | None = None,
    mode: RetrievalMode = RetrievalMode.HYBRID,
) -> Retrieved:
    """Every passage scored for a question: ``hybrid`` (fused), ``dense`` or ``bm25``."""
    import numpy as np

    cfg = index.config
    allowed = index.passages.in_report(report)
    dense = index.dense.scores(query_vector)
    lexical = index.bm25.scores(tokenize(question))
    dense_rank = _ranks(dense, allowed, positive_only=False)
    bm25_rank = _ranks(lexical, allowed, positive_only=True)
    fused = np.zeros(len(dense), dtype=np.float64)
    if mode in (RetrievalMode.HYBRID, RetrievalMode.DENSE):
        for i, r in dense_rank.items():
            if r <= cfg.candidates:
                fused[i] += cfg.dense_weight / (cfg.rrf_k + r)
    if mode in (RetrievalMode.HYBRID, RetrievalMode.BM25):
        for i, r in bm25_rank.items():
            if r <= cfg.candidates:
                fused[i] += cfg.bm25_weight / (cfg.rrf_k + r)
    ranked = np.flatnonzero(fused > 0)
    order = ranked[np.lexsort((ranked, -fused[ranked]))]
    hits = tuple(
        Hit(
            index=int(i),
            score=float(fused[i]),
            dense=float(dense[i]),
            bm25=float(lexical[i]),
            dense_rank=dense_rank.get(int(i)),
            bm25_rank=bm25_rank.get(int(i)),
        )
        for i in order
    )
    allowed_sentences = allowed[index.sentences.passage_of]
    return Retrieved(hits, dense, lexical, fused, allowed_sentences)

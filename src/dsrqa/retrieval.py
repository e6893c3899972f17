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


def bm25_scores(index: Index, tokens: list[str]) -> np.ndarray:
    """Per-passage BM25 scores for already-tokenised query terms."""
    import numpy as np

    scores = np.zeros(len(index.passages), dtype=np.float32)
    for token in tokens:
        tid = index.bm25_vocab.get(token)
        if tid is None or tid + 1 >= len(index.bm25_indptr):
            continue
        start, end = index.bm25_indptr[tid], index.bm25_indptr[tid + 1]
        np.add.at(scores, index.bm25_indices[start:end], index.bm25_data[start:end])
    return scores


def dense_scores(index: Index, query_vector: np.ndarray) -> np.ndarray:
    """Cosine similarity of every passage with the query, through FAISS."""
    import numpy as np

    n = index.dense.ntotal
    sims, ids = index.dense.search(query_vector.reshape(1, -1).astype(np.float32), n)
    out = np.zeros(n, dtype=np.float32)
    out[ids[0]] = sims[0]
    return out


def _ranks(scores: np.ndarray, allowed: np.ndarray, positive_only: bool) -> dict[int, int]:
    """1-based ranks of allowed passages by score, ties broken by passage order (= id)."""
    import numpy as np

    idx = np.flatnonzero(allowed & (scores > 0)) if positive_only else np.flatnonzero(allowed)
    order = idx[np.lexsort((idx, -scores[idx]))]
    return {int(i): r + 1 for r, i in enumerate(order)}


def search(
    index: Index,
    question: str,
    query_vector: np.ndarray,
    k: int,
    report: str | None = None,
    mode: str = "hybrid",
) -> list[Hit]:
    """Top ``k`` passages for a question: ``hybrid`` (fused), ``dense`` or ``bm25``."""
    import numpy as np

    cfg = index.config
    allowed = np.ones(len(index.passages), dtype=bool)
    if report is not None:
        allowed = np.array([p.report_id == report for p in index.passages])
    dense = dense_scores(index, query_vector)
    lexical = bm25_scores(index, tokenize(question))
    dense_rank = _ranks(dense, allowed, positive_only=False)
    bm25_rank = _ranks(lexical, allowed, positive_only=True)
    fused: dict[int, float] = {}
    if mode in ("hybrid", "dense"):
        for i, r in dense_rank.items():
            if r <= cfg.candidates:
                fused[i] = fused.get(i, 0.0) + cfg.dense_weight / (cfg.rrf_k + r)
    if mode in ("hybrid", "bm25"):
        for i, r in bm25_rank.items():
            if r <= cfg.candidates:
                fused[i] = fused.get(i, 0.0) + cfg.bm25_weight / (cfg.rrf_k + r)
    order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
    return [
        Hit(
            index=i,
            score=float(fused[i]),
            dense=float(dense[i]),
            bm25=float(lexical[i]),
            dense_rank=dense_rank.get(i),
            bm25_rank=bm25_rank.get(i),
        )
        for i in order
    ]

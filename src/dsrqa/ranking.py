"""The answer ranker: candidate answer units, their features, and a learned linear model.

Candidates are the sentences of the best passages (by the fused passage ranking) and the
sentences nearest the question by the encoder, wherever they stand, and each two
neighbouring sentences of a paragraph that holds one of them (an answer may run on into
the next sentence; ``chunking.sentence_pairs``). Each gets the named
features of ``FEATURES``; the model is a logistic regression fitted on the dev splits of
the gold sets (``fit.py``), saved in the index as plain JSON (``ranker.json``: feature
names, standardisation, weights). Scoring is one matrix product, no scikit-learn at query
time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import IndexCorruptError
from .text import content_terms

if TYPE_CHECKING:
    import numpy as np

    from .index import Index
    from .retrieval import Retrieved

DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Candidates:
    """One question's candidate answer units (a sentence, or two neighbouring sentences
    of a paragraph) and what their features are computed from."""

    question: str
    kind: str  # what the question asks for: date, amount, name or any
    sentence_ids: np.ndarray  # each unit's first sentence (index sentence id)
    last_ids: np.ndarray  # each unit's last sentence (the first, for one sentence)
    passage_of: np.ndarray  # each candidate's passage (row in the passage store)
    position: np.ndarray  # each candidate's place in its passage, 0 to 1
    sentence_cos: np.ndarray  # cosine with the question (encoder), every sentence
    unit_cos: np.ndarray  # cosine of each candidate unit with the question (encoder)
    retrieved: Retrieved
    texts: tuple[str, ...]  # the candidates' text
    coverage: np.ndarray  # IDF-weighted share of the question's terms in the unit
    passage_coverage: np.ndarray  # the same in the candidate's passage

    @property
    def pair(self) -> np.ndarray:
        """Whether each candidate is two sentences."""
        return self.last_ids != self.sentence_ids


def _log_rank(scores: np.ndarray) -> np.ndarray:
    """log(1 + rank) of every entry, rank 0 the highest score."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.float64)
    ranks[order] = np.arange(len(scores))
    return np.log1p(ranks)


def _sentence_cos(c: Candidates) -> np.ndarray:
    """Cosine of the unit with the question (fine-tuned encoder)."""
    return c.unit_cos


def _sentence_gap(c: Candidates) -> np.ndarray:
    """How far the unit's cosine falls short of the best sentence's."""
    return c.unit_cos - c.sentence_cos.max()


def _sentence_rank(c: Candidates) -> np.ndarray:
    """log(1 + rank) of the unit among all sentences by cosine (a sentence's rank among
    the others; a pair's, the number of sentences above it)."""
    import numpy as np

    ranks = _log_rank(c.sentence_cos)[c.sentence_ids]
    ascending = np.sort(c.sentence_cos)
    above = len(ascending) - np.searchsorted(ascending, c.unit_cos, side="right")
    return np.where(c.pair, np.log1p(above), ranks)


def _pair(c: Candidates) -> np.ndarray:
    """1 for two sentences, 0 for one."""
    return c.pair.astype(float)


def _pair_gain(c: Candidates) -> np.ndarray:
    """How much closer to the question the two sentences are together than the closer
    of them alone (0 for one sentence)."""
    import numpy as np

    best_part = np.maximum(c.sentence_cos[c.sentence_ids], c.sentence_cos[c.last_ids])
    return np.where(c.pair, c.unit_cos - best_part, 0.0)


def _passage_cos(c: Candidates) -> np.ndarray:
    """Cosine of the sentence's passage with the question."""
    return c.retrieved.dense[c.passage_of]


def _passage_dense_rank(c: Candidates) -> np.ndarray:
    """log(1 + rank) of the passage by cosine."""
    return _log_rank(c.retrieved.dense)[c.passage_of]


def _passage_bm25(c: Candidates) -> np.ndarray:
    """The passage's BM25 score over the best passage's (0 when no word matches)."""
    top = float(c.retrieved.bm25.max())
    return c.retrieved.bm25[c.passage_of] / top if top > 0 else c.retrieved.bm25[c.passage_of]


def _passage_bm25_rank(c: Candidates) -> np.ndarray:
    """log(1 + rank) of the passage by BM25."""
    return _log_rank(c.retrieved.bm25)[c.passage_of]


def _passage_fused_rank(c: Candidates) -> np.ndarray:
    """log(1 + rank) of the passage in the fused ranking."""
    return _log_rank(c.retrieved.fused)[c.passage_of]


def _coverage(c: Candidates) -> np.ndarray:
    """IDF-weighted share of the question's content words the sentence holds."""
    return c.coverage


def _passage_coverage(c: Candidates) -> np.ndarray:
    """IDF-weighted share of the question's content words the passage holds."""
    return c.passage_coverage


def _type_match(c: Candidates) -> np.ndarray:
    """For a "when" or "how much/many" question, 1 when the sentence states a date or a
    figure and -1 when it states none; 0 for other questions."""
    import numpy as np

    from .answer import DATE

    if c.kind not in ("date", "amount"):
        return np.zeros(len(c.sentence_ids))
    pattern = DATE if c.kind == "date" else DIGIT
    return np.array([1.0 if pattern.search(t) else -1.0 for t in c.texts])


def _position(c: Candidates) -> np.ndarray:
    """Where the sentence stands in its passage, 0 (first) to 1 (last)."""
    return c.position


FeatureFn = Callable[[Candidates], "np.ndarray"]
FEATURES: dict[str, FeatureFn] = {
    "sentence_cos": _sentence_cos,
    "sentence_gap": _sentence_gap,
    "sentence_rank": _sentence_rank,
    "passage_cos": _passage_cos,
    "passage_dense_rank": _passage_dense_rank,
    "passage_bm25": _passage_bm25,
    "passage_bm25_rank": _passage_bm25_rank,
    "passage_fused_rank": _passage_fused_rank,
    "coverage": _coverage,
    "passage_coverage": _passage_coverage,
    "position": _position,
    "type_match": _type_match,
    "pair": _pair,
    "pair_gain": _pair_gain,
}


def candidates(
    index: Index,
    question: str,
    kind: str,
    qvec: np.ndarray,
    retrieved: Retrieved,
    idf: dict[str, float],
) -> Candidates:
    """The sentences of the top ``rank_passages`` passages and the ``rank_sentences``
    sentences nearest the question (within the allowed reports), then each pair of
    neighbouring sentences of a paragraph with one of them in it."""
    import numpy as np

    cfg = index.config
    store = index.sentences
    sentence_cos = store.answer_vectors @ qvec
    allowed = retrieved.allowed_sentences
    near = np.argsort(-np.where(allowed, sentence_cos, -np.inf), kind="stable")
    chosen = {int(s) for s in near[: cfg.rank_sentences] if allowed[s]}
    for hit in retrieved.hits[: cfg.rank_passages]:
        chosen.update(sid for sid, _, _ in index.passages[hit.index].sentences)
    ids = np.array(sorted(chosen), dtype=np.int64)
    first, last, unit_cos = ids, ids, sentence_cos[ids]
    if cfg.answer_pairs:
        held = np.isin(store.pairs, ids).any(axis=1)
        rows = np.flatnonzero(held & allowed[store.pairs[:, 0]])
        first = np.concatenate([ids, store.pairs[rows, 0]])
        last = np.concatenate([ids, store.pairs[rows, 1]])
        unit_cos = np.concatenate([unit_cos, store.pair_vectors[rows] @ qvec])
    passage_of = store.passage_of[first]
    qterms = content_terms(question)
    # fsum: exactly rounded, so the same in any set order (a plain sum followed the hash
    # seed in its last digits, and the ranker fitted on it with them)
    total = math.fsum(idf.get(t, 1.0) for t in qterms) or 1.0

    def share(terms: set[str] | frozenset[str]) -> float:
        return math.fsum(idf.get(t, 1.0) for t in qterms & terms) / total

    terms = store.terms
    pterms = index.passages.terms
    units = list(zip(first.tolist(), last.tolist(), strict=True))
    return Candidates(
        question=question,
        kind=kind,
        sentence_ids=first,
        last_ids=last,
        passage_of=passage_of,
        position=store.position[first],
        sentence_cos=sentence_cos,
        unit_cos=unit_cos,
        retrieved=retrieved,
        texts=tuple(store.run_text(a, b) for a, b in units),
        coverage=np.array([share(terms[a] | terms[b]) for a, b in units]),
        passage_coverage=np.array([share(pterms[p]) for p in passage_of]),
    )


def feature_matrix(c: Candidates, names: tuple[str, ...]) -> np.ndarray:
    """One row per candidate, one column per named feature."""
    import numpy as np

    return np.column_stack([FEATURES[n](c).astype(np.float64) for n in names])


@dataclass(frozen=True)
class LinearModel:
    """Standardised features times weights, plus an intercept (a logistic regression's
    decision function); ``probability`` applies the logistic function."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float

    def score(self, x: np.ndarray) -> np.ndarray:
        import numpy as np

        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return z @ np.asarray(self.weights) + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        import numpy as np

        return 1.0 / (1.0 + np.exp(-self.score(x)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "intercept": self.intercept,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], known: set[str]) -> LinearModel:
        names = tuple(data["features"])
        unknown = sorted(set(names) - known)
        if unknown:
            raise ValueError(f"unknown features {', '.join(unknown)}")
        n = len(names)
        mean, scale, weights = (
            tuple(float(v) for v in data[k]) for k in ("mean", "scale", "weights")
        )
        if not (len(mean) == len(scale) == len(weights) == n) or not all(
            math.isfinite(v) and v > 0 for v in scale
        ):
            raise ValueError("mean, scale and weights must have one finite value per feature")
        return cls(names, mean, scale, weights, float(data["intercept"]))


def load_model_dict(data: Any, known: set[str]) -> LinearModel:
    if not isinstance(data, dict):
        raise ValueError("a model is a JSON object")
    return LinearModel.from_dict(data, known)


def load_model(path: Path, known: set[str], hint: str) -> LinearModel:
    """A saved model; a missing or malformed file is a corrupt index."""
    try:
        return load_model_dict(json.loads(path.read_text(encoding="utf-8")), known)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(f"model file {path} could not be read ({exc}); {hint}") from None


@dataclass(frozen=True)
class Ranked:
    """A question's candidates ordered by the ranker."""

    candidates: Candidates
    scores: np.ndarray
    order: np.ndarray  # candidate positions, best first

    @property
    def best_unit(self) -> tuple[int, int]:
        """The best candidate's first and last sentence ids."""
        best = self.order[0]
        c = self.candidates
        return int(c.sentence_ids[best]), int(c.last_ids[best])

    @property
    def best_passage(self) -> int:
        return int(self.candidates.passage_of[self.order[0]])

    def passage_order(self) -> list[int]:
        """Passages by their best candidate's score, then the other retrieved passages in
        the fused order."""
        seen: dict[int, None] = {}
        for pos in self.order:
            seen.setdefault(int(self.candidates.passage_of[pos]), None)
        for hit in self.candidates.retrieved.hits:
            seen.setdefault(hit.index, None)
        return list(seen)


def rank(model: LinearModel, c: Candidates) -> Ranked:
    """Score every candidate with the model; ties keep the candidates' id order."""
    import numpy as np

    scores = model.score(feature_matrix(c, model.features))
    return Ranked(c, scores, np.argsort(-scores, kind="stable"))

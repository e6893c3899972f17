"""Fit the answer ranker and the calibration at build time, on the gold sets' dev splits.

Each dev question is retrieved and its candidates featurised exactly as ``QA.ask`` does
(with the index being built). The ranker is a logistic regression over candidate
sentences (label: the sentence holds the question's evidence, by the gold sets' relevance
rule). Its scores are cross-fitted (``fit_folds`` folds by question) for the calibration,
a logistic regression over per-question features (label: the best candidate is right; an
unanswerable question's is never right). The abstention threshold is the one at which the
most dev questions are decided right (answered with a right sentence, or abstained on
when unanswerable), the probabilities again cross-fitted. Deterministic: liblinear-free
L-BFGS, fixed folds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from .chunking import Sentence
    from .gold import GoldQuestion
    from .index import Index
    from .ranking import Candidates

DEV_SETS = ("eval/gold.jsonl", "eval/readers.jsonl")


@dataclass
class _Question:
    question: GoldQuestion
    candidates: Candidates
    x: np.ndarray
    y: np.ndarray  # the ranker's label of each candidate (``_label``)
    right: np.ndarray  # each candidate holds the evidence (the relevance rule eval scores)


def _featurise(index: Index, questions: list[GoldQuestion]) -> list[_Question]:
    import numpy as np

    from .answer import question_kind
    from .gold import covers
    from .ranking import FEATURES, candidates, feature_matrix
    from .retrieval import retrieve

    idf = index.bm25.idf()
    names = tuple(FEATURES)
    vectors = index.encoder.embed([q.question for q in questions])
    out = []
    for q, qvec in zip(questions, vectors, strict=True):
        found = retrieve(index, q.question, qvec)
        c = candidates(index, q.question, question_kind(q.question), qvec, found, idf)
        units = [
            (index.sentences[int(a)], index.sentences[int(b)])
            for a, b in zip(c.sentence_ids, c.last_ids, strict=True)
        ]
        right = np.array(
            [covers(a.report_id, a.char_start, b.char_end, q.evidence) for a, b in units],
            dtype=int,
        )
        y = np.array([_label(a, b, q) for a, b in units], dtype=int)
        out.append(_Question(q, c, feature_matrix(c, names), y, right))
    return out


def _label(first: Sentence, last: Sentence, q: GoldQuestion) -> bool:
    """A candidate's label for the ranker: it holds the question's evidence (the gold
    sets' relevance rule); a pair only when its second sentence holds evidence too (the
    answer runs on into it), not when the second adds nothing to a first that answers
    alone: an answer is no longer than it needs to be."""
    from .gold import covers

    if not covers(first.report_id, first.char_start, last.char_end, q.evidence):
        return False
    return first is last or covers(last.report_id, last.char_start, last.char_end, q.evidence)


def _linear(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    from .ranking import LinearModel

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    return LinearModel(
        names,
        tuple(float(v) for v in mean),
        tuple(float(v) for v in scale),
        tuple(float(v) for v in clf.coef_[0]),
        float(clf.intercept_[0]),
    )


def _ranker(data: list[_Question], c: float) -> Any:
    import numpy as np

    from .ranking import FEATURES

    rows = [d for d in data if d.question.answerable and d.y.any()]
    x = np.vstack([d.x for d in rows])
    y = np.concatenate([d.y for d in rows])
    return _linear(x, y, tuple(FEATURES), c)


def _folds(n: int, k: int) -> list[np.ndarray]:
    import numpy as np

    order = np.random.default_rng(0).permutation(n)
    return [order[i::k] for i in range(k)]


def _evidence(index: Index, d: _Question, scores: np.ndarray, df: dict[str, int]) -> Any:
    import numpy as np

    from .calibration import Evidence

    order = np.argsort(-scores, kind="stable")
    top = index.passages[int(d.candidates.passage_of[order[0]])]
    return Evidence(d.candidates, scores, order, top.index_text, df)


def fit_models(
    index: Index, questions: list[GoldQuestion], folds: int = 5
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ranker and the calibration as the JSON the index saves."""
    import numpy as np

    from .calibration import FEATURES as CAL_FEATURES
    from .calibration import feature_row

    cfg = index.config
    data = _featurise(index, questions)
    df = index.bm25.document_frequencies()
    cross: list[np.ndarray | None] = [None] * len(data)
    for held in _folds(len(data), folds):
        out = set(held.tolist())
        model = _ranker([d for i, d in enumerate(data) if i not in out], cfg.ranker_c)
        for i in held:
            cross[i] = model.score(data[i].x)
    evidence = [_evidence(index, d, s, df) for d, s in zip(data, cross, strict=True)]  # type: ignore[arg-type]
    names = tuple(CAL_FEATURES)
    x = np.array([feature_row(e, names) for e in evidence])
    right = np.array(
        [
            int(d.question.answerable and d.right[e.best] == 1)
            for d, e in zip(data, evidence, strict=True)
        ]
    )
    prob = np.zeros(len(data))
    for held in _folds(len(data), folds):
        mask = np.ones(len(data), dtype=bool)
        mask[held] = False
        prob[held] = _linear(x[mask], right[mask], names, cfg.calibration_c).probability(x[held])
    answerable = np.array([d.question.answerable for d in data])
    threshold = _threshold(prob, right, answerable)
    ranker = _ranker(data, cfg.ranker_c)
    calibration = _linear(x, right, names, cfg.calibration_c)
    dev = {
        "questions": len(data),
        "answerable": int(answerable.sum()),
        "cross_fitted": {
            "answer_at_1": round(float(right[answerable].mean()), 4),
            "expected_calibration_error": round(expected_calibration_error(prob, right), 4),
            "unanswerable_abstained": round(float((prob[~answerable] < threshold).mean()), 4),
            "answerable_abstained": round(float((prob[answerable] < threshold).mean()), 4),
        },
    }
    return ranker.to_dict(), {
        "model": calibration.to_dict(),
        "threshold": threshold,
        "dev": dev,
        "rule": "threshold with the most dev questions decided right (answered right, or "
        "abstained on when unanswerable); probabilities cross-fitted",
    }


def _threshold(prob: np.ndarray, right: np.ndarray, answerable: np.ndarray) -> float:
    """The lowest threshold with the most right decisions on dev."""
    import numpy as np

    best, best_t = -1, 0.5
    for t in np.unique(np.round(prob, 4)):
        answered = prob >= t
        decided = int((answered & (right == 1)).sum() + (~answered & ~answerable).sum())
        if decided > best:
            best, best_t = decided, float(t)
    return round(best_t, 4)


def expected_calibration_error(prob: np.ndarray, right: np.ndarray, bins: int = 10) -> float:
    """Mean |confidence - accuracy| over equal-width probability bins, weighted by count."""
    import numpy as np

    which = np.clip((prob * bins).astype(int), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += abs(float(prob[mask].mean()) - float(right[mask].mean())) * int(mask.sum())
    return total / max(1, len(prob))

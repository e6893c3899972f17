"""Confidence: the probability that the answer sentence is right, and abstention from it.

A logistic regression over the named features of ``FEATURES`` (the ranker's score of the
best candidate and its margin, similarity, and whether the question's names, figures and
words are in the best evidence or anywhere in the reports) gives the probability that
the best candidate answers the question. It is fitted on the dev splits of the gold sets
with the ranker's scores cross-fitted (each dev question scored by a ranker that did not
see it), so the probability means on new questions what it meant on dev. The tool
abstains below a threshold also chosen on dev. Saved as ``calibration.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .answer import specific_terms
from .text import content_terms, stem, words

if TYPE_CHECKING:
    import numpy as np

    from .ranking import Candidates

CONFIDENCE_NOTE = (
    "Confidence: the probability that this sentence answers the question, fitted on the "
    "development questions (of answers shown at 70%, about 7 in 10 were right there). "
    "dsrqa abstains below the threshold chosen on them."
)
NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Evidence:
    """What the calibration reads of one ranked question."""

    candidates: Candidates
    scores: np.ndarray  # the ranker's score of each candidate
    order: np.ndarray  # candidates, best first
    top_passage_text: str
    df: dict[str, int]  # passages holding each BM25 token (reports-wide)

    @property
    def best(self) -> int:
        return int(self.order[0])


def _top_score(e: Evidence) -> float:
    """The ranker's score of the best candidate."""
    return float(e.scores[e.best])


def _margin(e: Evidence) -> float:
    """How far the best candidate's score stands above the best one that shares no
    sentence with it (5 when there is none)."""
    c = e.candidates
    first, last = c.sentence_ids[e.best], c.last_ids[e.best]
    for pos in e.order[1:]:
        if c.last_ids[pos] < first or c.sentence_ids[pos] > last:
            return float(e.scores[e.best] - e.scores[pos])
    return 5.0


def _top_cos(e: Evidence) -> float:
    """Cosine of the best candidate with the question."""
    return float(e.candidates.unit_cos[e.best])


def _top_coverage(e: Evidence) -> float:
    """IDF-weighted share of the question's content words in the best sentence."""
    return float(e.candidates.coverage[e.best])


def _unknown_words(e: Evidence) -> float:
    """Share of the question's content words that no passage of the reports holds."""
    terms = content_terms(e.candidates.question)
    return sum(1 for t in terms if e.df.get(t, 0) == 0) / len(terms) if terms else 1.0


def _specific(e: Evidence) -> tuple[list[str], list[str]]:
    """The question's names and its figures (years, numbers)."""
    terms = specific_terms(e.candidates.question)
    return [t for t in terms if not NUMBER.search(t)], [t for t in terms if NUMBER.search(t)]


def _held(terms: list[str], text: str) -> float:
    if not terms:
        return 1.0
    have = {stem(w) for w in words(text)}
    return sum(1 for t in terms if stem(t.lower()) in have) / len(terms)


def _names_in_evidence(e: Evidence) -> float:
    """Share of the question's names (capitalised words) in the best passage (1 if none)."""
    return _held(_specific(e)[0], e.top_passage_text)


def _names_in_reports(e: Evidence) -> float:
    """Share of the question's names that some passage of the reports holds (1 if none)."""
    names = _specific(e)[0]
    if not names:
        return 1.0
    return sum(1 for n in names if e.df.get(stem(n.lower()), 0) > 0) / len(names)


def _figures_in_evidence(e: Evidence) -> float:
    """Share of the question's years and numbers in the best passage (1 if none)."""
    return _held(_specific(e)[1], e.top_passage_text)


FEATURES: dict[str, Callable[[Evidence], float]] = {
    "top_score": _top_score,
    "margin": _margin,
    "top_cos": _top_cos,
    "top_coverage": _top_coverage,
    "unknown_words": _unknown_words,
    "names_in_evidence": _names_in_evidence,
    "names_in_reports": _names_in_reports,
    "figures_in_evidence": _figures_in_evidence,
}


def feature_row(e: Evidence, names: tuple[str, ...]) -> list[float]:
    return [FEATURES[n](e) for n in names]


@dataclass(frozen=True)
class Calibration:
    """The fitted probability model and the dev-chosen abstention threshold."""

    model: Any  # ranking.LinearModel
    threshold: float
    fitted_on: dict[str, Any]

    def probability(self, e: Evidence) -> float:
        import numpy as np

        row = np.array([feature_row(e, self.model.features)])
        return float(self.model.probability(row)[0])

    def reason(self, e: Evidence, p: float) -> str:
        """Why the tool abstains, in facts that hold: the probability against the
        threshold, and the question's words or names that no passage of the reports holds."""
        said = (
            f"the best sentence found is right with probability {p:.0%}; "
            f"dsrqa answers from {self.threshold:.0%}"
        )
        terms = content_terms(e.candidates.question)
        if not terms:
            return f"the question has no content words to look for; {said}"
        if all(e.df.get(t, 0) == 0 for t in terms):
            return f"no word of the question occurs in the reports; {said}"
        absent = [n for n in _specific(e)[0] if e.df.get(stem(n.lower()), 0) == 0]
        if absent:
            return f"no passage of the reports names {', '.join(dict.fromkeys(absent))}; {said}"
        return said

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model.to_dict(), "threshold": self.threshold, **self.fitted_on}

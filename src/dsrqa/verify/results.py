"""What ``verify`` returns: a ``Verification`` with its verdict, the report text behind it
(``Match``, with a word diff of ``DiffOp`` for a close one) and what differs (``Mismatch``).

The verdict is a ``dsrqa.types.Verdict``: a ``StrEnum``, so it compares equal to its text
and the JSON is the same strings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..types import Citation, Verdict

VERDICTS = tuple(v.value for v in Verdict)  # ("verbatim", "close", "supported", "not_found")


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff: ``same``, ``changed``, ``added`` (only in the text) or
    ``dropped`` (only in the report)."""

    op: str
    text: str
    report: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Match:
    """Report text that matches (or comes closest to) the verified text."""

    citation: Citation
    score: float
    diff: tuple[DiffOp, ...] = ()

    @property
    def quote(self) -> str:
        return self.citation.quote

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.citation.where(),
            "quote": self.citation.quote,
            "score": round(self.score, 4),
            "diff": [d.to_dict() for d in self.diff],
        }


@dataclass(frozen=True)
class Mismatch:
    """A figure or name of the text that differs from what the report says."""

    claim: str
    report: str
    quote: str
    kind: str

    @property
    def message(self) -> str:
        said = self.report or "nothing of it"
        return f"text says {self.claim}; the report says {said}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "message": self.message}


@dataclass(frozen=True)
class Verification:
    """The verdict on one text, with the report text behind it."""

    text: str
    verdict: Verdict
    matches: tuple[Match, ...]
    mismatches: tuple[Mismatch, ...]
    reason: str
    id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.verdict, Verdict):  # given as its text: "close"
            object.__setattr__(self, "verdict", Verdict(self.verdict))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "matches": [m.to_dict() for m in self.matches],
            "mismatches": [m.to_dict() for m in self.mismatches],
        }

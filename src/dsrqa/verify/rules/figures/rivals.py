"""Rule: a report figure contradicts a text's figure only when it can stand in its place:
of a kind that can stand for it (``kinds.kin``), a decade only for a decade, and an
amount only for an amount ("two" is no rival of "$200 billion"; a count from
``verify_amount_count`` on is)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....quantities import Quantity
from .kinds import kin

if TYPE_CHECKING:
    from ....config import Config


def rival(q: Quantity, r: Quantity, cfg: Config) -> bool:
    """Whether the report's figure ``r`` can stand where the text's ``q`` does: the same
    kind, and an amount only for an amount (a bare "two" is not "$200 billion")."""
    if kin(q) != kin(r) or (r.kind == "decade") != (q.kind == "decade"):
        return False  # a decade neither confirms nor denies a year
    if {q.kind, r.kind} == {"money", "number"}:
        count = q if q.kind == "number" else r
        return count.value >= cfg.verify_amount_count
    return True

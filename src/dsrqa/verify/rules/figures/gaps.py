"""Rule: every figure of the text must be in the report's sentence. One the sentence gives
is confirmed (``confirmed``); one it gives otherwise is listed against the figure that
stands in its place (``rivals``, ``nearest``); one it lacks is missing. Each report
figure confirms one of the text's figures at most."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ....quantities import Quantity
from ...results import Mismatch
from ...words import figures
from .confirmed import confirmed
from .nearest import fit, nearest
from .rivals import rival

if TYPE_CHECKING:
    from ....config import Config


class FigureGaps(NamedTuple):
    """The text's figures the sentence contradicts, and those it does not give."""

    mismatches: list[Mismatch]
    missing: list[str]


def figure_gaps(text: str, quote: str, said: Sequence[Quantity], cfg: Config) -> FigureGaps:
    """Figures of the text the quote (whose figures are ``said``) contradicts, and figures
    it lacks."""
    tq, rq = list(figures(text)), list(said)
    mismatches, missing = [], []
    used: set[int] = set()  # report figures that give one of the text's, one each
    for q in tq:
        same = [i for i, r in enumerate(rq) if q.same_value(r) and i not in used]
        if confirmed(q, rq) and same:
            used.add(max(same, key=lambda i: fit(q, text, rq[i], quote, cfg)))  # noqa: B023
    for q in tq:
        if confirmed(q, rq):
            continue
        rivals = [
            r
            for i, r in enumerate(rq)
            if rival(q, r, cfg) and i not in used and not q.same_value(r)
        ]
        if rivals:
            mismatches.append(
                Mismatch(q.surface, nearest(q, text, rivals, quote, cfg), quote, q.kind)
            )
        else:
            missing.append(q.surface)
    return FigureGaps(mismatches, missing)

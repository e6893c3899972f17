"""Rule: in a close match, a figure of the text in changed words that differs from the
report's figure at the same place of the alignment is listed ("text says $180 million;
the report says $175 million"). The report's figure at the aligned words decides; the
words either side count only when none is there ("$" or "percent" one word away)."""

from __future__ import annotations

import bisect

from ....quantities import Quantity
from ...results import Mismatch
from ...words import figures
from ..base import Aligned, Reading
from .kinds import kin


def window_figures(al: Aligned, reading: Reading) -> list[Mismatch]:
    """Figures of the text, in changed words, that differ from the report's figures
    at the same place of the alignment."""
    rt = al.rtoks
    quote = al.quote
    rq = figures(quote)
    base = rt[0].start
    tstarts = [t.start for t in al.toks]

    def figures_in(lo: int, hi: int) -> list[Quantity]:
        if not 0 <= lo < hi <= len(rt):  # an insertion: no report words here
            return []
        lo_c, hi_c = rt[lo].start - base, rt[hi - 1].end - base
        return [r for r in rq if r.end > lo_c and r.start < hi_c]

    out = []
    for q in figures(al.text):
        first = bisect.bisect_left(tstarts, q.start)
        last = bisect.bisect_left(tstarts, q.end)  # the figure's tokens: [first, last)
        rspan = _aligned_span(al, first, last)
        if not rspan:
            continue
        # The report's figure at the aligned words decides; the words either side
        # only count when none is there ("$" or "percent" may sit one word away).
        near = figures_in(min(rspan), max(rspan)) or figures_in(
            max(0, min(rspan) - 1), min(len(rt), max(rspan) + 1)
        )
        if any(q.same_value(r) for r in near):
            continue
        same_kind = [r for r in near if kin(r) == kin(q)] or near
        out.append(Mismatch(q.surface, same_kind[0].surface if same_kind else "", quote, q.kind))
    return out


def _aligned_span(al: Aligned, first: int, last: int) -> list[int]:
    """The report token bounds aligned with text tokens ``first..last`` (a figure), or []
    when no edit touches them (the figure is the report's own)."""
    rspan: list[int] = []
    touched = False
    for tag, a0, a1, b0, b1 in al.ops:
        if tag == "equal":
            lo_a, hi_a = max(a0, first), min(a1, last)
            if lo_a < hi_a:  # only the report words aligned with the figure's
                rspan += [b0 + lo_a - a0, b0 + hi_a - a0]
        elif (a0 < last and a1 > first) or (a0 == a1 and first <= a0 <= last):
            touched = True
            rspan += [b0, b1]
    return rspan if touched else []

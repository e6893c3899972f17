"""Rule: the report confirms a figure of the text when it gives the same value. A date or
a part of a year is decided by one of its own kind in the same year where the report has
one: "late 2020" is not confirmed by "in 2020" beside "early 2020"; a decade confirms no
year."""

from __future__ import annotations

from collections.abc import Sequence

from ....quantities import Quantity


def confirmed(q: Quantity, said: Sequence[Quantity]) -> bool:
    """Whether the quote gives the text's figure. A date or period is decided by one of
    its own kind in the same year where the quote has one: "late 2020" is not confirmed
    by "in 2020" beside "early 2020", nor a year by a decade."""
    if q.kind != "decade":  # "the 2020s" does not say 2020
        said = [r for r in said if r.kind != "decade"]
    if q.kind in ("date", "period"):
        sharper = [r for r in said if r.kind == q.kind and r.year == q.year]
        if sharper:
            return any(q.same_value(r) for r in sharper)
    return any(q.same_value(r) for r in said)

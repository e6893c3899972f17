"""Rule: figures of kinds that can stand for each other are compared. A year and a dated
year, money and a bare number, a share and a percentage; a month with no year is its own
kind (it neither confirms nor denies a year)."""

from __future__ import annotations

from ....quantities import Quantity


def kin(q: Quantity) -> str:
    """Kinds that can stand for each other: a year and a dated year, money and a bare
    number, a share and a percentage. A month with no year is its own kind: it neither
    confirms nor denies a year."""
    if q.kind in ("date", "period"):
        return "year" if q.states_year else {"date": "month"}.get(q.kind, q.kind)
    if q.kind == "decade":
        return "year"
    return {"money": "number", "fraction": "percent"}.get(q.kind, q.kind)

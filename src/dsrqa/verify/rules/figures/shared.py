"""Rule: a sentence that gives one of the text's figures is about the same thing, even in
other words ("40% of its revenue by 2027" and "50% of revenue by 2027"), so its other
figures can contradict the text's. Not a network generation: half the reports'
sentences say 5G."""

from __future__ import annotations

from collections.abc import Sequence

from ....quantities import Quantity


def share_figure(figures: Sequence[Quantity], said: Sequence[Quantity]) -> bool:
    """Whether the sentence's figures ``said`` give one of the text's ``figures`` (not a
    network generation)."""
    return any(f.same_value(q) for q in said for f in figures if f.kind != "generation")

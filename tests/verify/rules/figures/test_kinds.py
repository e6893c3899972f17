"""Kinds of figure that can stand for each other (rules/figures/kinds.py)."""

from __future__ import annotations

import pytest

from dsrqa.quantities import quantities
from dsrqa.verify.rules.figures.kinds import kin


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("in 2019", "year"),
        ("in March 2019", "year"),
        ("late 2020", "year"),
        ("the 1990s", "year"),
        ("in March", "month"),
        ("Q2", "period"),
        ("$5 million", "number"),
        ("5,000 firms", "number"),
        ("a third of users", "percent"),
        ("40 percent", "percent"),
        ("its 3G network", "generation"),
        ("ranks 62nd", "ordinal"),
    ],
)
def test_kinds_that_stand_for_each_other_share_a_kin(said: str, kind: str) -> None:
    (q,) = quantities(said)
    assert kin(q) == kind

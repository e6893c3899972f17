"""Every rule is registered by name, states itself in its module's docstring and has a
test module of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from dsrqa.verify import rules
from dsrqa.verify.close import WINDOW
from dsrqa.verify.rules import RULES

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_rule_states_itself_and_has_its_own_tests(name: str) -> None:
    rule = RULES[name]
    assert rule.check.__doc__, f"{name} has no docstring"
    assert rule.doc, f"{rule.module} has no docstring"
    part = rule.module.removeprefix("dsrqa.verify.rules.").split(".")
    tests = HERE.joinpath(*part[:-1], f"test_{part[-1]}.py")
    assert tests.exists(), f"no {tests.relative_to(HERE.parents[1])}"
    assert rule.check.__name__ in tests.read_text(encoding="utf-8"), (
        f"{tests.name} never calls {name}"
    )


def test_rule_modules_open_with_the_rule() -> None:
    for rule in RULES.values():
        assert rule.doc.startswith("Rule:"), rule.module


def test_the_family_registries_run_the_rules_in_their_order() -> None:
    assert list(WINDOW) == ["name_swaps", "window_figures"]
    assert list(rules.names.GAPS) == ["unsaid_names", "reordered_names"]
    assert list(rules.polarity.POLARITY) == ["opposites", "reversing"]

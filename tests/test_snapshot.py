"""Behaviour that must not move: every gold question's answer, reason and passages and
every verify case's verdict, matches and listed mismatches, as recorded in
``tests/snapshots/`` (regenerate with ``python -m tests.snapshot`` only on purpose)."""

from __future__ import annotations

import json

import pytest

from tests.snapshot import SNAPSHOTS, ask_rows, verify_rows

pytestmark = pytest.mark.integration


def _recorded(name: str) -> dict[str, dict]:
    lines = (SNAPSHOTS / name).read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def _compare(now: list[dict], recorded: dict[str, dict]) -> None:
    assert [r["id"] for r in now] == list(recorded), "the case list changed"
    moved = [r["id"] for r in now if json.loads(json.dumps(r)) != recorded[r["id"]]]
    first = next((r for r in now if r["id"] in moved[:1]), None)
    assert not moved, f"{len(moved)} moved: {moved[:20]}; first now {first}, was " + str(
        recorded.get(moved[0]) if moved else None
    )


def test_answers_and_passages_unchanged(qa) -> None:
    _compare(ask_rows(qa), _recorded("ask.jsonl"))


def test_verdicts_and_listings_unchanged(qa) -> None:
    _compare(verify_rows(qa), _recorded("verify.jsonl"))

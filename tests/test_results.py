"""What the app's Evaluate tab shows of a ``dsrqa eval --out`` folder (``dsrqa.results``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dsrqa import results

ROOT = Path(__file__).resolve().parents[1]


def test_an_empty_or_missing_folder(tmp_path: Path) -> None:
    for folder in (tmp_path, tmp_path / "missing"):
        found = results.eval_files(folder)
        assert found.empty and not found.has_metrics
        assert found.reports == () and found.plots == ()
    (tmp_path / "notes.txt").write_text("not a result")
    assert results.eval_files(tmp_path).empty


def test_files_found_sorted_and_dated(tmp_path: Path) -> None:
    for name in ("b.md", "a.md", "z.png", "m.png", "metrics.json", "other.csv"):
        (tmp_path / name).write_text("{}")
    os.utime(tmp_path / "a.md", (1_000, 2_000_000_000))
    found = results.eval_files(tmp_path)
    assert not found.empty and found.has_metrics
    assert found.metrics == tmp_path / "metrics.json"
    assert [p.name for p in found.reports] == ["a.md", "b.md"]
    assert [p.name for p in found.plots] == ["m.png", "z.png"]
    assert found.written == 2_000_000_000
    (tmp_path / "metrics.json").unlink()
    assert not results.eval_files(tmp_path).has_metrics
    assert not results.eval_files(tmp_path).empty  # reports and plots are enough


def test_headline_numbers() -> None:
    data = {
        "recall@5": 0.91,
        "ok": True,  # a boolean is no figure
        "model": "x",
        "abstain": {"precision": 0.75, "n": 12, "deep": {"x": 1}, "flag": False},
        "list": [1, 2],
    }
    assert results.headline_numbers(data) == [
        ("recall@5", 0.91),
        ("abstain · precision", 0.75),
        ("abstain · n", 12),
    ]
    many = {f"m{i}": i for i in range(20)}
    assert [k for k, _ in results.headline_numbers(many)] == [f"m{i}" for i in range(12)]
    assert len(results.headline_numbers(many, limit=3)) == 3
    assert results.headline_numbers([1, 2]) == [] and results.headline_numbers(None) == []


def test_read_metrics(tmp_path: Path) -> None:
    path = tmp_path / "metrics.json"
    path.write_text(json.dumps({"a": 1}))
    assert results.read_metrics(path) == {"a": 1}
    path.write_text("{broken")
    with pytest.raises(ValueError):
        results.read_metrics(path)
    with pytest.raises(OSError):
        results.read_metrics(tmp_path / "missing.json")


def test_the_repository_results_if_any() -> None:
    found = results.eval_files(ROOT / "eval" / "results")
    if not found.has_metrics:
        pytest.skip("no eval/results/metrics.json in this checkout")
    numbers = results.headline_numbers(results.read_metrics(found.metrics))
    assert numbers and all(isinstance(v, int | float) for _, v in numbers)

"""What a ``dsrqa eval --out FOLDER`` run left in its folder, as the app's Evaluate tab
shows it: the metrics file, the Markdown reports and the plots, when they were written,
and the headline numbers of the metrics."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

METRICS = "metrics.json"


@dataclass(frozen=True)
class EvalFiles:
    """The files of one results folder (each list sorted by name)."""

    folder: Path
    reports: tuple[Path, ...]  # *.md
    plots: tuple[Path, ...]  # *.png

    @property
    def metrics(self) -> Path:
        """``metrics.json`` of the folder (it may be missing: see ``has_metrics``)."""
        return self.folder / METRICS

    @property
    def has_metrics(self) -> bool:
        return self.metrics.is_file()

    @property
    def empty(self) -> bool:
        """No metrics, report or plot: ``dsrqa eval`` has not written here."""
        return not (self.has_metrics or self.reports or self.plots)

    @property
    def written(self) -> float:
        """When the newest of them was written (a POSIX timestamp)."""
        paths = [self.metrics, *self.reports, *self.plots]
        return max(p.stat().st_mtime for p in paths if p.exists())


def eval_files(folder: Path) -> EvalFiles:
    """The results files in ``folder`` (none if it does not exist)."""
    here = folder.is_dir()
    return EvalFiles(
        folder=folder,
        reports=tuple(sorted(folder.glob("*.md"))) if here else (),
        plots=tuple(sorted(folder.glob("*.png"))) if here else (),
    )


def read_metrics(path: Path) -> Any:
    """The parsed metrics file; raises OSError or ValueError (bad JSON) as they come."""
    return json.loads(path.read_text(encoding="utf-8"))


def headline_numbers(data: Any, limit: int = 12) -> list[tuple[str, float | int]]:
    """The first ``limit`` numbers of a metrics object: top-level numbers and those one
    level down (named ``outer · inner``), in file order; booleans are no numbers here."""
    return [(k, v) for k, v in _flat_numbers(data) if not isinstance(v, bool)][:limit]


def _flat_numbers(data: Any, prefix: str = "") -> list[tuple[str, float | int]]:
    out: list[tuple[str, float | int]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            name = f"{prefix}{k}"
            if isinstance(v, int | float):
                out.append((name, v))
            elif isinstance(v, dict) and not prefix:
                out += _flat_numbers(v, f"{name} · ")
    return out

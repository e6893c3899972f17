"""Where the index and the evaluation results are: one rule for the CLI, the launcher
(``python -m dsrqa.serve``) and the app.

An index folder given on the command line (``--index``) is taken relative to the working
folder. Otherwise it is ``$DSRQA_INDEX``, or ``index``, taken relative to ``base``: the
working folder for the CLI, the app's folder for the app and its launcher (so ``make app``
opens the repository's ``index/`` from wherever it is started).
"""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "DSRQA_INDEX"
DEFAULT_INDEX = "index"
EVAL_RESULTS_ENV = "DSRQA_EVAL_RESULTS"
DEFAULT_EVAL_RESULTS = "eval/results"


def default_index() -> str:
    """``$DSRQA_INDEX``, else ``index``, as written (a relative path stays relative)."""
    return os.environ.get(INDEX_ENV, DEFAULT_INDEX)


def index_dir(given: str | Path | None = None, base: Path | None = None) -> Path:
    """The index folder: ``given`` (a ``--index`` option) relative to the working folder;
    without it ``default_index()`` relative to ``base`` (the working folder if None).
    Not resolved: the caller decides whether symbolic links and ``..`` are followed."""
    if given is not None:
        return _under(Path(given), None)
    return _under(Path(default_index()), base)


def eval_results_dir(base: Path | None = None) -> Path:
    """The folder ``dsrqa eval --out`` wrote: ``$DSRQA_EVAL_RESULTS``, else
    ``eval/results``, relative to ``base`` (the working folder if None)."""
    return _under(Path(os.environ.get(EVAL_RESULTS_ENV, DEFAULT_EVAL_RESULTS)), base)


def _under(path: Path, base: Path | None) -> Path:
    if path.is_absolute():
        return path
    return (base if base is not None else Path.cwd()) / path


def default_cache() -> Path:
    """Where build products reused across builds live (the fine-tuned encoder, ONNX
    exports): ``$DSRQA_CACHE``, else ``~/.cache/dsrqa``."""
    return Path(os.environ.get("DSRQA_CACHE") or Path.home() / ".cache" / "dsrqa")

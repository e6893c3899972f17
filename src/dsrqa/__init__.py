"""dsrqa: offline, extractive, cited question answering over two reports on China's
Digital Silk Road.

``import dsrqa`` stays light: the heavy libraries load when an index is loaded.

    >>> from dsrqa import QA
    >>> qa = QA.load("index")
    >>> result = qa.ask("Which countries signed DSR-specific MOUs with China?")
    >>> result.answer.citation.label()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import Config
from .errors import (
    BadInputError,
    CorpusError,
    DsrqaError,
    IndexCorruptError,
    IndexError_,
    IndexMissingError,
    IndexStaleError,
    ModelError,
)

if TYPE_CHECKING:
    from .answer import Answer, PassageResult, Result
    from .qa import QA
    from .types import Abstention, Citation, RetrievalMode, Verdict
    from .verify import DiffOp, Match, Mismatch, Verification

_LAZY = {
    "QA": "qa",
    "Result": "answer",
    "Answer": "answer",
    "Citation": "types",
    "Verdict": "types",
    "RetrievalMode": "types",
    "Abstention": "types",
    "PassageResult": "answer",
    "build_index": "build",
    "Verification": "verify",
    "Match": "verify",
    "Mismatch": "verify",
    "DiffOp": "verify",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'dsrqa' has no attribute {name!r}")


__all__ = [
    "QA",
    "Config",
    "Result",
    "Answer",
    "Citation",
    "Verdict",
    "RetrievalMode",
    "Abstention",
    "PassageResult",
    "Verification",
    "Match",
    "Mismatch",
    "DiffOp",
    "build_index",
    "DsrqaError",
    "BadInputError",
    "CorpusError",
    "IndexError_",
    "IndexMissingError",
    "IndexStaleError",
    "IndexCorruptError",
    "ModelError",
    "__version__",
]

"""The library's own exception types.

Each message says what was expected, what was found, and what to run; the CLI prints
the message on one line and exits with the error's ``exit_code``.
"""

from __future__ import annotations


class DsrqaError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code = 1


class BadInputError(DsrqaError, ValueError):
    """The caller gave input the tool cannot use (empty question, bad k, unknown report)."""

    exit_code = 2


class DocumentError(BadInputError):
    """A file given to ``dsrqa add`` cannot be added (encrypted, images only, damaged,
    unsupported, already in the collection); nothing of it was added."""


class CorpusError(DsrqaError):
    """The corpus files or catalog are missing or not what the catalog says."""

    exit_code = 3


class IndexError_(DsrqaError):
    """The index is missing, stale, damaged or built by another version."""

    exit_code = 4


class IndexMissingError(IndexError_):
    """No index where one was expected."""


class IndexStaleError(IndexError_):
    """The index was built from other corpus files, another config, model or version."""


class CorpusChangedError(IndexStaleError):
    """The index was built from another list of documents or other document files."""


class IndexCorruptError(IndexError_):
    """An index file is missing, truncated or does not match its recorded hash."""


class ModelError(DsrqaError):
    """The embedding model cannot be found or loaded."""

    exit_code = 5


def rebuild_hint(index_dir: object) -> str:
    """The command that rebuilds an index, quoted in every index error message."""
    return f"run `dsrqa build --index {index_dir}` to rebuild it"

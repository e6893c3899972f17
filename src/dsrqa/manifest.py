"""The index manifest's schema, as code: what every key holds, checked before anything
trusts it.

The manifest is JSON written by the build, and every later check stands on it: the sizes
and hashes of the files, the corpus, the config, the model, the counts. A manifest whose
``files`` is a list, whose entry is a string, whose ``corpus`` is null, with a key missing,
unknown, of the wrong type or nested deeper must be refused as a damaged index (what was
expected, what was found, the rebuild command), never reach the loader as an internal
error. ``parse_manifest`` returns a typed ``Manifest`` or raises ``IndexCorruptError``
(``IndexStaleError`` for a manifest of another format version). Unknown keys are refused
too: a change of format bumps the format version.

What the schema cannot see (a file the manifest forgot, counts that disagree with the
arrays, a manifest that does not hash to its generation's name) ``index.py`` checks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from typing import Any, NoReturn, get_type_hints

from .config import Config
from .errors import DsrqaError, IndexCorruptError, IndexStaleError

SHA256 = re.compile(r"[0-9a-f]{64}")
PACKAGE_NAME = "dsrqa"
BACKEND = "onnxruntime"
EXPORT = "sentence-transformers backend='onnx'"
MAX_INT = 2**63 - 1
TOP_KEYS = (
    "format_version",
    "package",
    "pipeline_sha256",
    "config",
    "corpus",
    "model",
    "inputs",
    "counts",
    "files",
)


@dataclass(frozen=True)
class FileRecord:
    """The recorded size and sha256 of one file of a generation."""

    bytes: int
    sha256: str


@dataclass(frozen=True)
class CorpusRecord:
    """One report the index was built from, as the catalog listed it then."""

    id: str
    file: str
    sha256: str
    title: str


@dataclass(frozen=True)
class ModelRecord:
    """The model the vectors were made with."""

    name: str
    dimension: int
    onnx_sha256: str
    source: dict[str, str]


@dataclass(frozen=True)
class Manifest:
    """A manifest that passed the schema; ``raw`` is the JSON as read."""

    format_version: int
    package_version: str
    pipeline_sha256: str
    config: Config
    corpus: tuple[CorpusRecord, ...]
    model: ModelRecord
    inputs: dict[str, str]
    passages: int
    sentences: int
    files: dict[str, FileRecord]
    raw: dict[str, Any] = field(compare=False, repr=False)


def describe(value: Any) -> str:
    """A short, one-line, ASCII description of a JSON value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return f"the number {text[:24]}{'…' if len(text) > 24 else ''}"
    if isinstance(value, str):
        return f"the text {ascii(value[:40])}{'…' if len(value) > 40 else ''}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}"
    if isinstance(value, dict):
        keys = ", ".join(ascii(k)[1:-1] for k in list(value)[:5])
        more = ", …" if len(value) > 5 else ""
        return f"an object with keys {keys}{more}" if value else "an empty object"
    return type(value).__name__


class _Schema:
    """The checks, each naming where in the manifest it looked."""

    def __init__(self, where: str, hint: str) -> None:
        self.where, self.hint = where, hint

    def fail(self, at: str, expected: str, found: str) -> NoReturn:
        raise IndexCorruptError(
            f"index manifest {self.where} is damaged at {at}: expected {expected}, "
            f"found {found}; {self.hint}"
        )

    def object(self, value: Any, at: str, keys: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(at, f"an object with keys {', '.join(keys)}", describe(value))
        for key in keys:
            if key not in value:
                self.fail(at, f"an object with keys {', '.join(keys)}", f"no {key!r}")
        extra = [k for k in value if k not in keys]
        if extra:
            self.fail(at, f"only the keys {', '.join(keys)}", f"also {ascii(extra[0])}")
        return value

    def mapping(self, value: Any, at: str, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(at, f"an object of {what}", describe(value))
        return value

    def integer(self, value: Any, at: str, minimum: int = 0) -> int:
        if type(value) is not int or not minimum <= value <= MAX_INT:
            self.fail(at, f"a whole number from {minimum}", describe(value))
        return value

    def number(self, value: Any, at: str) -> float:
        if type(value) not in (int, float) or not math.isfinite(value):
            self.fail(at, "a finite number", describe(value))
        return float(value)

    def text(self, value: Any, at: str, exactly: str | None = None) -> str:
        if not isinstance(value, str) or not _encodable(value):
            self.fail(at, "a text" if exactly is None else repr(exactly), describe(value))
        if exactly is not None and value != exactly:
            self.fail(at, repr(exactly), describe(value))
        return value

    def sha256(self, value: Any, at: str) -> str:
        if not isinstance(value, str) or not SHA256.fullmatch(value):
            self.fail(at, "a sha256 (64 lower-case hex digits)", describe(value))
        return value

    def path(self, value: str, at: str) -> str:
        """A relative path inside the generation (or the repository, for inputs)."""
        parts = value.split("/")
        if (
            not _encodable(value)
            or "\\" in value
            or "\x00" in value
            or any(p in ("", ".", "..") for p in parts)
        ):
            self.fail(at, "a relative path with no '..' (a/b.npy)", describe(value))
        return value


def _encodable(text: str) -> bool:
    """No lone surrogates: the text can be a file name and a line of output."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_manifest(raw: Any, where: str, hint: str, format_version: int) -> Manifest:
    """The manifest as typed records, or the first place where it breaks the schema."""
    s = _Schema(where, hint)
    version = raw.get("format_version") if isinstance(raw, dict) else None
    if type(version) is int and version != format_version:
        raise IndexStaleError(
            f"index format {version} was written by another dsrqa version; "
            f"this one reads format {format_version}; {hint}"
        )
    top = s.object(raw, "the top level", TOP_KEYS)
    s.integer(top["format_version"], "format_version")
    package = s.object(top["package"], "package", ("name", "version"))
    s.text(package["name"], "package.name", PACKAGE_NAME)
    counts = s.object(top["counts"], "counts", ("passages", "sentences"))
    return Manifest(
        format_version=top["format_version"],
        package_version=s.text(package["version"], "package.version"),
        pipeline_sha256=s.sha256(top["pipeline_sha256"], "pipeline_sha256"),
        config=_config(s, top["config"]),
        corpus=_corpus(s, top["corpus"]),
        model=_model(s, top["model"]),
        inputs={
            s.path(rel, f"inputs[{ascii(rel)}]"): s.sha256(digest, f"inputs[{ascii(rel)}]")
            for rel, digest in s.mapping(top["inputs"], "inputs", "file → sha256").items()
        },
        passages=s.integer(counts["passages"], "counts.passages"),
        sentences=s.integer(counts["sentences"], "counts.sentences"),
        files=_files(s, top["files"]),
        raw=top,
    )


def _config(s: _Schema, value: Any) -> Config:
    names = tuple(f.name for f in fields(Config))
    data = s.object(value, "config", names)
    kinds = get_type_hints(Config)
    values: dict[str, Any] = {}
    for name in names:
        at, kind, item = f"config.{name}", kinds[name], data[name]
        if kind is bool:
            if not isinstance(item, bool):
                s.fail(at, "true or false", describe(item))
            values[name] = item
        elif kind is int:
            values[name] = s.integer(item, at, minimum=-MAX_INT)
        elif kind is float:
            values[name] = s.number(item, at)
        else:
            values[name] = s.text(item, at)
    try:
        return Config(**values)
    except DsrqaError as exc:
        s.fail("config", "a valid build config", str(exc))


def _corpus(s: _Schema, value: Any) -> tuple[CorpusRecord, ...]:
    if not isinstance(value, list) or not value:
        s.fail("corpus", "a list of reports {id, file, sha256, title}", describe(value))
    out = []
    for i, item in enumerate(value):
        at = f"corpus[{i}]"
        entry = s.object(item, at, ("id", "file", "sha256", "title"))
        out.append(
            CorpusRecord(
                id=s.text(entry["id"], f"{at}.id"),
                file=s.path(s.text(entry["file"], f"{at}.file"), f"{at}.file"),
                sha256=s.sha256(entry["sha256"], f"{at}.sha256"),
                title=s.text(entry["title"], f"{at}.title"),
            )
        )
    return tuple(out)


def _model(s: _Schema, value: Any) -> ModelRecord:
    keys = ("name", "backend", "export", "dimension", "onnx_sha256", "source")
    model = s.object(value, "model", keys)
    s.text(model["backend"], "model.backend", BACKEND)
    s.text(model["export"], "model.export", EXPORT)
    source = s.mapping(model["source"], "model.source", "name → text")
    return ModelRecord(
        name=s.text(model["name"], "model.name"),
        dimension=s.integer(model["dimension"], "model.dimension", minimum=1),
        onnx_sha256=s.sha256(model["onnx_sha256"], "model.onnx_sha256"),
        source={
            s.text(k, "model.source"): s.text(v, f"model.source[{ascii(k)}]")
            for k, v in source.items()
        },
    )


def _files(s: _Schema, value: Any) -> dict[str, FileRecord]:
    table = s.mapping(value, "files", "file → {bytes, sha256}")
    out = {}
    for rel, meta in table.items():
        at = f"files[{ascii(rel)}]"
        entry = s.object(meta, at, ("bytes", "sha256"))
        out[s.path(rel, at)] = FileRecord(
            s.integer(entry["bytes"], f"{at}.bytes"), s.sha256(entry["sha256"], f"{at}.sha256")
        )
    return out

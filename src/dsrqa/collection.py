"""The collection: the documents dsrqa answers from (the corpus folder's catalog and
files), and the changes ``dsrqa add``, ``dsrqa remove`` and ``dsrqa list`` make to it.

An added file is kept byte for byte beside the reports, named by its id, and recorded in
the catalog with its kind, hash, metadata, the first line of each PDF page and the
cleaning profile found in its own layout (``dsrqa.extract``). A change is atomic: the
files are written under temporary names, the new index generation is built from the
staged catalog (taking every vector the current generation already holds: only new
text is embedded), then, with the generation in place, the files move in and the catalog
is replaced, and ``CURRENT`` moves. A change killed before the catalog is replaced
leaves the collection and the index as they were; killed after it, readers take the
generation built for the new catalog (``index._open_matching``). Bad input is refused
before anything is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .corpus import CATALOG_NAME, Catalog, load_catalog
from .corpus.catalog import catalog_from_data
from .corpus.schema import ID
from .errors import BadInputError, DocumentError
from .extract import SUFFIXES, Extracted, extract, kind_of

Progress = Callable[[str, int, int], None]
STAGE = ".add-"  # staged files: .add-PID-NAME
LOCK = ".collection.lock"
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
NO_DATE = "n.d."


@dataclass(frozen=True)
class DocumentInfo:
    """One document of the collection, as ``dsrqa list`` shows it."""

    id: str
    title: str
    short_title: str
    authors: tuple[str, ...]
    date: str
    publisher: str
    kind: str
    file: str
    sha256: str
    pages: int | None
    added: bool

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        return data


@dataclass(frozen=True)
class Change:
    """What ``add`` or ``remove`` did: the documents added and removed, the files of a
    folder it left out (not a kind dsrqa reads), the generation now current, and how many
    texts were embedded anew or taken from the previous generation."""

    added: tuple[DocumentInfo, ...] = ()
    removed: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    generation: str = ""
    embedded: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [d.to_dict() for d in self.added],
            "removed": list(self.removed),
            "skipped": list(self.skipped),
            "generation": self.generation,
            "embedded": dict(self.embedded),
            "pages": self.pages,
            "seconds": self.seconds,
        }


@dataclass(frozen=True)
class Metadata:
    """What ``dsrqa add --title … --date …`` sets over the document's own metadata."""

    title: str | None = None
    authors: tuple[str, ...] | None = None
    date: str | None = None
    publisher: str | None = None
    id: str | None = None

    def given(self) -> bool:
        return any(v is not None for v in asdict(self).values())


def list_documents(corpus_dir: Path) -> list[DocumentInfo]:
    """Every document of the collection, in catalog order."""
    return [_info(r) for r in load_catalog(corpus_dir).reports]


def _info(report: Any) -> DocumentInfo:
    return DocumentInfo(
        id=report.id,
        title=report.title,
        short_title=report.short_title,
        authors=report.authors,
        date=report.date,
        publisher=report.publisher,
        kind=report.kind,
        file=report.file,
        sha256=report.sha256,
        pages=len(report.page_lines) or None,
        added=report.added,
    )


def add_documents(
    paths: Sequence[Path],
    corpus_dir: Path,
    index_dir: Path,
    config: Config | None = None,
    meta: Metadata | None = None,
    progress: Progress | None = None,
) -> Change:
    """Add files (a folder adds the files in it of a kind dsrqa reads) and update the
    index; nothing is added if any file is refused."""
    started = time.perf_counter()
    meta = meta or Metadata()
    corpus_dir = Path(corpus_dir).resolve()
    files, skipped = expand(paths)
    if not files:
        raise DocumentError(
            f"no document to add in {', '.join(str(p) for p in paths)}; dsrqa adds "
            f"{', '.join(sorted(SUFFIXES))}"
        )
    if meta.given() and len(files) > 1:
        raise BadInputError(
            f"--title, --authors, --date, --publisher and --id describe one document; "
            f"{len(files)} were given"
        )
    with _locked(corpus_dir):
        data = _catalog_data(corpus_dir)
        entries, blobs = _new_entries(files, data, meta, progress)
        staged = _stage(corpus_dir, blobs)
        try:
            new_data = {**data, "reports": [*data["reports"], *entries]}
            manifest = _rebuild(corpus_dir, index_dir, config, new_data, staged, progress)
        finally:
            for path in staged.values():
                path.unlink(missing_ok=True)
    catalog = catalog_from_data(corpus_dir, corpus_dir / CATALOG_NAME, new_data)
    added = tuple(_info(catalog.get(e["id"])) for e in entries)
    return Change(
        added=added,
        skipped=tuple(skipped),
        generation=manifest["generation"],
        embedded=manifest["embedded"],
        pages=sum(d.pages or 0 for d in added),
        seconds=round(time.perf_counter() - started, 2),
    )


def remove_documents(
    ids: Sequence[str],
    corpus_dir: Path,
    index_dir: Path,
    config: Config | None = None,
    progress: Progress | None = None,
) -> Change:
    """Remove added documents (their files too) and update the index."""
    started = time.perf_counter()
    corpus_dir = Path(corpus_dir).resolve()
    with _locked(corpus_dir):
        data = _catalog_data(corpus_dir)
        catalog = catalog_from_data(corpus_dir, corpus_dir / CATALOG_NAME, data)
        gone = []
        for doc_id in dict.fromkeys(ids):
            report = catalog.get(doc_id)  # BadInputError listing the ids
            if not report.added:
                raise BadInputError(
                    f"{doc_id} is one of the collection's own reports, not a document added "
                    "with `dsrqa add`; it cannot be removed"
                )
            gone.append(report)
        ids_gone = {r.id for r in gone}
        new_data = {**data, "reports": [e for e in data["reports"] if e["id"] not in ids_gone]}
        manifest = _rebuild(corpus_dir, index_dir, config, new_data, {}, progress)
        for report in gone:
            report.path.unlink(missing_ok=True)
    return Change(
        removed=tuple(r.id for r in gone),
        generation=manifest["generation"],
        embedded=manifest["embedded"],
        seconds=round(time.perf_counter() - started, 2),
    )


# ------------------------------------------------------------------------ the files
def expand(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """The files to add: each file given, and each file of a kind dsrqa reads in a
    folder given (in name order, hidden ones left out); the folder's other files are
    returned as skipped. A path that is neither is a DocumentError."""
    files: list[Path] = []
    skipped: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path).parts
                if not found.is_file() or any(part.startswith(".") for part in rel):
                    continue
                if found.suffix.lower() in SUFFIXES:
                    files.append(found)
                else:
                    skipped.append(str(found))
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise DocumentError(f"{path} is not a regular file or a folder; nothing was added")
        else:
            raise DocumentError(f"no such file or folder: {path}; nothing was added")
    return files, skipped


def _new_entries(
    files: list[Path], data: dict[str, Any], meta: Metadata, progress: Progress | None
) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The catalog entries of the files and their bytes by file name; DocumentError for
    the first file that cannot be added."""
    hashes = {e["sha256"]: e["id"] for e in data["reports"]}
    ids = {e["id"] for e in data["reports"]}
    names = {e["file"] for e in data["reports"]}
    entries, blobs = [], {}
    for path in files:
        try:
            blob = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"cannot read {path}: {exc.strerror}; nothing was added") from None
        digest = hashlib.sha256(blob).hexdigest()
        if digest in hashes:
            raise DocumentError(
                f"{path} is already in the collection as {hashes[digest]} (same sha256); "
                "nothing was added"
            )
        kind = kind_of(path, blob[:1024])
        extracted = extract(path, kind, progress)
        doc_id = _unique(meta.id or _slug(meta.title or extracted.title or path.stem), ids)
        if meta.id is not None and doc_id != meta.id:
            raise DocumentError(f"--id {meta.id} is taken or not an id; nothing was added")
        suffix = ".pdf" if kind == "pdf" else path.suffix.lower() or ".txt"
        name = _unique_file(f"{doc_id}{suffix}", names)
        entries.append(_entry(doc_id, name, digest, extracted, meta))
        blobs[name] = blob
        hashes[digest], names = doc_id, names | {name}
        ids.add(doc_id)
    return entries, blobs


def _entry(doc_id: str, name: str, digest: str, got: Extracted, meta: Metadata) -> dict[str, Any]:
    title = " ".join((meta.title or got.title).split()) or doc_id
    authors = list(meta.authors if meta.authors is not None else got.authors)
    date = meta.date if meta.date is not None else got.date
    if date and not ISO_DATE.fullmatch(date):
        raise BadInputError(f"--date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
    entry: dict[str, Any] = {
        "id": doc_id,
        "file": name,
        "title": title,
        "short_title": _short(title),
        "authors": authors,
        "publisher": meta.publisher if meta.publisher is not None else got.publisher,
        "date": date or NO_DATE,
        "sha256": digest,
        "kind": got.kind,
        "added": True,
        "profile": got.profile,
    }
    if got.page_lines:
        entry["page_lines"] = list(got.page_lines)
    if got.kind in ("pdf", "html"):
        entry["text_sha256"] = hashlib.sha256(got.text.encode("utf-8")).hexdigest()
    return entry


def _slug(text: str) -> str:
    """A catalog id from a title: lower-case ASCII words joined by ``-``, at most 24
    characters, cut at a word (a longer first word is kept whole)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if slug and len(slug) + len(word) + 1 > 24:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "document"


def _unique(doc_id: str, taken: set[str]) -> str:
    if not ID.fullmatch(doc_id):
        doc_id = _slug(doc_id)
    base, n = doc_id, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    return doc_id


def _unique_file(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    n = 2
    while name in taken:
        name, n = f"{stem}-{n}{dot}{suffix}", n + 1
    return name


def _short(title: str) -> str:
    return title if len(title) <= 48 else title[:47].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------- staging and commit
def _catalog_data(corpus_dir: Path) -> dict[str, Any]:
    """The catalog as JSON, checked (a damaged catalog is a CorpusError, as for a build)."""
    load_catalog(corpus_dir)
    data: dict[str, Any] = json.loads((corpus_dir / CATALOG_NAME).read_bytes().decode("utf-8-sig"))
    return data


def _stage(corpus_dir: Path, blobs: dict[str, bytes]) -> dict[str, Path]:
    """Each new file written under a temporary name in the corpus folder (the same file
    system, so moving it in is one rename)."""
    _remove_dead_stages(corpus_dir)
    staged: dict[str, Path] = {}
    try:
        for name, blob in blobs.items():
            path = corpus_dir / f"{STAGE}{os.getpid()}-{name}"
            with open(path, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            staged[name] = path
    except OSError as exc:
        for path in staged.values():
            path.unlink(missing_ok=True)
        raise DocumentError(
            f"cannot write to {corpus_dir}: {exc.strerror}; nothing was added"
        ) from None
    return staged


def _remove_dead_stages(corpus_dir: Path) -> None:
    for leftover in corpus_dir.glob(f"{STAGE}*"):
        pid = leftover.name[len(STAGE) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                leftover.unlink(missing_ok=True)
            except PermissionError:
                pass


def _rebuild(
    corpus_dir: Path,
    index_dir: Path,
    config: Config | None,
    data: dict[str, Any],
    staged: dict[str, Path],
    progress: Progress | None,
) -> dict[str, Any]:
    """Build the generation of the new catalog; with it in place, move the staged files
    in and replace the catalog (the commit), then let the build move ``CURRENT``."""
    from .build import build_index
    from .generations import read_current

    catalog: Catalog = catalog_from_data(corpus_dir, corpus_dir / CATALOG_NAME, data, staged)

    def commit() -> None:
        for name, path in staged.items():
            os.replace(path, corpus_dir / name)
        write_catalog(corpus_dir, data)

    manifest = build_index(
        Path(index_dir),
        config,
        corpus_dir,
        progress,
        catalog=catalog,
        incremental=True,
        commit=commit,
    )
    manifest["generation"] = read_current(Path(index_dir)) or ""
    return manifest


def write_catalog(corpus_dir: Path, data: dict[str, Any]) -> None:
    """Replace ``catalog.json`` atomically (a temporary file, synced, renamed)."""
    tmp = corpus_dir / f"{STAGE}{os.getpid()}-{CATALOG_NAME}"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, corpus_dir / CATALOG_NAME)
    fd = os.open(corpus_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(corpus_dir: Path) -> Iterator[None]:
    """One change to a collection at a time (a second waits)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(corpus_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)

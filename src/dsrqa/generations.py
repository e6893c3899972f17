"""Generations of an index and the ``CURRENT`` pointer, safe for readers while a build
swaps them.

An index folder holds ``CURRENT`` and one or more ``gen-<hash>/`` folders; the hash is the
first 16 hex digits of the sha256 of the generation's manifest (canonical JSON, which
records the size and sha256 of every file), so a rebuild of the same inputs is the same
generation. A build writes ``.tmp-PID/``, then ``activate`` moves it to its generation
(or, when that generation is already there and whole, keeps the one there), replaces
``CURRENT`` with ``os.replace`` (atomic: a reader sees the old name or the new one) and
removes the generations no process is reading.

A reader holds a *lease*: a shared ``flock`` on its generation folder, taken after reading
``CURRENT`` and kept as long as the loaded index lives (its models load on first use, from
the generation's files). A build removes a generation only when it can take that lock
exclusively; one in use stays until a later build finds it free. A reader whose
generation was removed between reading ``CURRENT`` and taking the lease reads ``CURRENT``
again. Without ``fcntl`` (not POSIX) there are no leases and a build keeps the
generation it replaced.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import IndexCorruptError, IndexMissingError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

CURRENT = "CURRENT"
GENERATION = re.compile(r"gen-[0-9a-f]{16}")
BUILD_LOCK = ".build.lock"  # held while a build activates and clears generations
TRASH = ".trash-"  # a generation being removed
ATTEMPTS = 5  # reads of CURRENT when builds keep replacing the generation it names


def generation_name(manifest: Any) -> str:
    """The generation a manifest belongs to: a digest of its canonical JSON."""
    canonical = json.dumps(manifest, sort_keys=True).encode()
    return "gen-" + hashlib.sha256(canonical).hexdigest()[:16]


def read_current(index_dir: Path) -> str | None:
    """The name ``CURRENT`` holds (unchecked), or None when there is no readable one."""
    try:
        with open(Path(index_dir) / CURRENT, "rb") as fh:
            data = fh.read(256)
        return data.decode("utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


class Lease:
    """A shared lock on one generation folder: while it is held no build removes the
    folder. Released by ``release`` or when the lease is garbage-collected."""

    def __init__(self, folder: Path, fd: int) -> None:
        self.folder = folder
        self._release = weakref.finalize(self, _close, fd)

    def release(self) -> None:
        self._release()

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _close(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def open_current(index_dir: Path, hint: str) -> Lease:
    """A lease on the generation ``CURRENT`` names: the old or the new one while a build
    swaps them, never one being removed."""
    index_dir = Path(index_dir)
    for _ in range(ATTEMPTS):
        name = _current_name(index_dir, hint)
        lease = _lease(index_dir, name, hint)
        if lease is not None:
            return lease
    raise IndexCorruptError(
        f"{index_dir / CURRENT} names {name}, which is not in {index_dir}; {hint}"
    )


def _current_name(index_dir: Path, hint: str) -> str:
    pointer = index_dir / CURRENT
    if not pointer.exists() and not pointer.is_symlink():
        if not index_dir.exists():
            raise IndexMissingError(f"no index at {index_dir}; {hint.replace('rebuild', 'build')}")
        raise IndexMissingError(f"{index_dir} holds no built index (no CURRENT file); {hint}")
    name = read_current(index_dir)
    if name is None or not GENERATION.fullmatch(name):
        found = "nothing readable" if name is None else ascii(name[:80])
        raise IndexCorruptError(
            f"{pointer} is damaged: expected the name of a generation folder in {index_dir} "
            f"(gen- and 16 hex digits), found {found}; {hint}"
        )
    return name


def lease_generation(index_dir: Path, name: str, hint: str) -> Lease | None:
    """A lease on generation ``name`` (not necessarily the current one); None if it is
    gone."""
    return _lease(index_dir, name, hint)


def _lease(index_dir: Path, name: str, hint: str) -> Lease | None:
    """A shared lock on ``index_dir/name``; None if that folder is gone (swapped away)."""
    folder = index_dir / name
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
            raise IndexCorruptError(f"cannot open {folder}: {exc.strerror}; {hint}") from None
        raise IndexCorruptError(
            f"{index_dir / CURRENT} names {name}, which is not a generation folder in "
            f"{index_dir} (expected a folder, found a symbolic link or a file); {hint}"
        ) from None
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_SH)  # waits while a build is removing this generation
    try:
        whole = os.path.samestat(os.fstat(fd), os.stat(folder, follow_symlinks=False))
    except FileNotFoundError:
        whole = False
    if not whole:  # removed (renamed away) before the lock was ours
        _close(fd)
        return None
    return Lease(folder, fd)


# ----------------------------------------------------------------------------- build
@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time activates and clears generations in an index folder."""
    fd = os.open(index_dir / BUILD_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def activate(
    index_dir: Path, tmp: Path, manifest: dict[str, Any], whole: Any, commit: Any = None
) -> str:
    """Make the finished build in ``tmp`` the current generation; returns its name.

    ``whole(folder, manifest)`` says whether a folder already holds every file of the
    manifest unchanged: an identical rebuild keeps that generation (readers may hold
    it) and drops ``tmp``; a damaged one is replaced. ``commit()`` runs with the new
    generation in place and ``CURRENT`` not yet moved: a reader that finds the corpus
    changed and ``CURRENT`` not yet moved takes the generation built for it
    (``index.open_matching``)."""
    gen = generation_name(manifest)
    target = index_dir / gen
    with _build_lock(index_dir):
        previous = read_current(index_dir)
        if target.is_dir() and not target.is_symlink() and whole(target, manifest):
            shutil.rmtree(tmp)
        else:
            if target.exists() or target.is_symlink():
                _discard(index_dir, target, force=True)
            os.rename(tmp, target)
        if commit is not None:
            commit()
        pointer = index_dir / f".{CURRENT}.tmp-{os.getpid()}"
        pointer.write_text(gen + "\n", encoding="utf-8")
        with open(pointer, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(pointer, index_dir / CURRENT)
        _fsync_dir(index_dir)
        keep = {gen} if fcntl is not None else {gen, previous or gen}
        for old in sorted(index_dir.glob("gen-*")):
            if old.name not in keep:
                _discard(index_dir, old, force=False)
        for trash in index_dir.glob(f"{TRASH}*"):  # what a killed build left half removed
            shutil.rmtree(trash, ignore_errors=True)
    return gen


def _discard(index_dir: Path, folder: Path, force: bool) -> bool:
    """Remove a generation no reader holds (or any, with ``force``): take its lock
    exclusively, rename it out of reach, delete it. False if it is in use."""
    if folder.is_symlink() or not folder.is_dir():
        folder.unlink(missing_ok=True)
        return True
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return True
    trash = index_dir / f"{TRASH}{folder.name}-{os.getpid()}"
    try:
        if fcntl is not None and not force:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # a reader holds it: a later build removes it
        shutil.rmtree(trash, ignore_errors=True)
        os.rename(folder, trash)
    finally:
        _close(fd)
    shutil.rmtree(trash, ignore_errors=True)
    return True


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

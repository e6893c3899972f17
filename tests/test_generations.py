"""Generations and CURRENT under concurrent use: a reader that starts while a build swaps
generations gets the old one or the new one, whole, never an error; a generation still
in use is not deleted under its reader; an identical rebuild reuses its generation."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dsrqa.build import _activate
from dsrqa.index import CURRENT, MANIFEST, load_index

from .conftest import CORPUS

pytestmark = pytest.mark.integration


def generation(index_dir: Path) -> Path:
    return index_dir / (index_dir / CURRENT).read_text().strip()


def variants(built_index: Path, n: int) -> list[dict[str, Any]]:
    """``n`` manifests of the built generation that differ only in a query-time value
    (``k``): distinct generations that load to the same index."""
    manifest = json.loads((generation(built_index) / MANIFEST).read_text())
    out = []
    for k in range(n):
        m = json.loads(json.dumps(manifest))
        m["config"]["k"] = 3 + k
        out.append(m)
    return out


def stage(built_index: Path, index_dir: Path, manifest: dict[str, Any], tag: str) -> Path:
    """A finished build's temporary folder, as ``build_index`` leaves it before activating:
    the built files hard-linked (fast), its own manifest."""
    tmp = index_dir / f".tmp-{os.getpid()}-{tag}"
    shutil.copytree(generation(built_index), tmp, copy_function=os.link)
    (tmp / MANIFEST).unlink()  # a new file, not the hard-linked original
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return tmp


def test_a_reader_gets_the_old_or_the_new_generation_while_builds_swap(
    built_index: Path, tmp_path: Path
) -> None:
    """Three threads load the index in a loop (the full check, then the first use of
    both models, as ``ask`` and ``verify`` do) while another activates new generations
    as fast as it can. Every load must succeed."""
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    manifests = variants(built_index, 3)
    _activate(index_dir, stage(built_index, index_dir, manifests[0], "0"), manifests[0])
    stop = threading.Event()
    errors: list[str] = []
    seen: Counter[str] = Counter()
    swaps = 0

    def swapper() -> None:
        nonlocal swaps
        while not stop.is_set():
            swaps += 1
            m = manifests[swaps % len(manifests)]
            _activate(index_dir, stage(built_index, index_dir, m, str(swaps)), m)
            time.sleep(0.05)

    def reader() -> None:
        while not stop.is_set():
            try:
                index = load_index(index_dir, corpus_dir=CORPUS)
                time.sleep(0.2)  # a swap or two happen before the models are first used
                index.models.encoder.embed(["City Brain"])
                index.models.base.embed(["City Brain"])
                seen[index.folder.name] += 1
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=swapper)] + [
        threading.Thread(target=reader) for _ in range(3)
    ]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and sum(seen.values()) + len(errors) < 24:
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    assert not errors, f"{len(errors)} failed loads, e.g. {errors[:3]}"
    assert sum(seen.values()) >= 6 and swaps >= 6, (seen, swaps)
    assert len(seen) >= 2, f"every load saw one generation: {seen}"


def test_a_generation_in_use_is_kept_and_removed_by_a_later_build(
    built_index: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    a, b, c = variants(built_index, 3)
    _activate(index_dir, stage(built_index, index_dir, a, "a"), a)
    held = load_index(index_dir, corpus_dir=CORPUS)
    _activate(index_dir, stage(built_index, index_dir, b, "b"), b)
    assert held.folder.is_dir() and generation(index_dir) != held.folder
    held.models.encoder.embed(["still readable"])  # lazy load after the swap
    del held
    _activate(index_dir, stage(built_index, index_dir, c, "c"), c)
    assert sorted(p.name for p in index_dir.iterdir() if not p.name.startswith(".")) == sorted(
        [CURRENT, generation(index_dir).name]
    )


def test_an_identical_rebuild_reuses_its_generation(built_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (a,) = variants(built_index, 1)
    _activate(index_dir, stage(built_index, index_dir, a, "1"), a)
    first = generation(index_dir)
    inode = first.stat().st_ino
    held = load_index(index_dir, corpus_dir=CORPUS)
    _activate(index_dir, stage(built_index, index_dir, a, "2"), a)
    assert generation(index_dir) == first and first.stat().st_ino == inode
    assert held.folder == first
    assert not [p for p in index_dir.iterdir() if p.name.startswith(".tmp-")]

"""Vectors a build need not compute again: those of the generation it replaces.

The ONNX encoders give a text the same bytes whatever batch it runs in (the build and
the tests check this: an incremental build and one from scratch write the same files),
so a build that adds a document takes every vector of a text the previous generation
already embedded, by that text, and embeds only the new ones. Reuse holds only while the
models are the same files: each table is keyed by the model's ONNX hash.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .index import (
    ANSWER_PAIR_VECTORS,
    ANSWER_PAIRS,
    ANSWER_VECTORS,
    DENSE,
    EXTRA_VECTORS,
    EXTRA_WORDS,
    EXTRA_WORDS_AT,
    EXTRAS,
    MANIFEST,
    PASSAGES,
    SENTENCE_VECTORS,
    SENTENCE_WORDS,
    SENTENCE_WORDS_AT,
)

Rows = tuple[np.ndarray, np.ndarray | None]  # a text's vector, and its words' rows (or None)


@dataclass
class Reuse:
    """Per table (``passages``, ``sentences``, ``answers``, ``pairs``, ``extras``): the
    vector (and words' rows) of each text the previous generation holds, and the ONNX
    hash of the model that made it."""

    tables: dict[str, dict[str, Rows]] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)  # table -> onnx sha256
    reused: int = 0
    embedded: int = 0

    def table(self, name: str, model_sha: str) -> dict[str, Rows]:
        """The texts of table ``name`` if the same model made them, else none."""
        return self.tables.get(name, {}) if self.models.get(name) == model_sha else {}

    def missing(self, name: str, model_sha: str, texts: Sequence[str]) -> int:
        """How many distinct texts of ``texts`` table ``name`` lacks (to embed)."""
        known = self.table(name, model_sha)
        return len({t for t in texts if t not in known})

    def rows(
        self,
        name: str,
        model_sha: str,
        texts: Sequence[str],
        embed: Callable[[list[str]], tuple[np.ndarray, list[np.ndarray | None]]],
    ) -> tuple[np.ndarray, list[np.ndarray | None]]:
        """Vectors (and words' rows) of ``texts``: reused where known, the rest from
        ``embed`` (called once, on the new texts in their order)."""
        known = self.table(name, model_sha)
        new = list(dict.fromkeys(t for t in texts if t not in known))
        got: dict[str, Rows] = {}
        if new:
            vectors, words = embed(new)
            got = {t: (vectors[i], words[i]) for i, t in enumerate(new)}
        self.embedded += len(new)
        self.reused += len(texts) - sum(1 for t in texts if t in got)
        pick = [got[t] if t in got else known[t] for t in texts]
        if not pick:
            return np.zeros((0, 0), np.float32), []
        return np.vstack([p[0] for p in pick]), [p[1] for p in pick]


def load_reuse(folder: Path | None) -> Reuse:
    """The vectors of the generation in ``folder`` (an empty ``Reuse`` if there is none or
    it cannot be read: the build then embeds everything)."""
    reuse = Reuse()
    if folder is None:
        return reuse
    try:
        _read(folder, reuse)
    except (OSError, ValueError, KeyError, TypeError, IndexError, RuntimeError):
        return Reuse()
    return reuse


def _read(folder: Path, reuse: Reuse) -> None:
    import faiss

    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    files = manifest["files"]
    base = files["model/onnx/model.onnx"]["sha256"]
    encoder = files.get("encoder/onnx/model.onnx", {}).get("sha256", base)
    data = json.loads((folder / PASSAGES).read_text(encoding="utf-8"))

    def npy(name: str) -> np.ndarray:
        return np.load(folder / name, allow_pickle=False)

    dense = faiss.read_index(str(folder / DENSE))
    pvec = dense.reconstruct_n(0, dense.ntotal)
    reuse.tables["passages"] = {
        p["index_text"]: (pvec[i], None) for i, p in enumerate(data["passages"])
    }
    reuse.models["passages"] = encoder
    texts = [s["embed_text"] for s in data["sentences"]]
    svec, words, at = npy(SENTENCE_VECTORS), npy(SENTENCE_WORDS), npy(SENTENCE_WORDS_AT)
    reuse.tables["sentences"] = {
        t: (svec[i], words[at[i] : at[i + 1]]) for i, t in enumerate(texts)
    }
    reuse.models["sentences"] = base
    answers = npy(ANSWER_VECTORS)
    reuse.tables["answers"] = {t: (answers[i], None) for i, t in enumerate(texts)}
    reuse.models["answers"] = encoder
    pairs, pair_vec = npy(ANSWER_PAIRS), npy(ANSWER_PAIR_VECTORS)
    reuse.tables["pairs"] = {
        f"{texts[a]} {texts[b]}": (pair_vec[i], None) for i, (a, b) in enumerate(pairs.tolist())
    }
    reuse.models["pairs"] = encoder
    extras = json.loads((folder / EXTRAS).read_text(encoding="utf-8"))["extras"]
    evec, ewords, eat = npy(EXTRA_VECTORS), npy(EXTRA_WORDS), npy(EXTRA_WORDS_AT)
    reuse.tables["extras"] = {
        e["text"]: (evec[i], ewords[eat[i] : eat[i + 1]]) for i, e in enumerate(extras)
    }
    reuse.models["extras"] = base


def onnx_sha(model_dir: Path) -> str:
    from .index import sha256_file

    return sha256_file(model_dir / "onnx" / "model.onnx")


def stack_words(rows: Sequence[Any], dim: int, dtype: Any) -> tuple[np.ndarray, np.ndarray]:
    """All texts' words' rows in one array, and where each text's start."""
    starts = [0]
    for r in rows:
        starts.append(starts[-1] + len(r))
    parts = [np.zeros((0, dim), dtype)] + [np.asarray(r, dtype) for r in rows]
    return np.vstack(parts), np.array(starts, dtype=np.int64)

"""The read-only stores a loaded index is made of: passages, sentences (with their
vectors), the dense passage index, the BM25 score matrix, verify's extra candidates and
the cleaned documents.

Each store owns one kind of saved state and the one way to read it, so retrieval, answer
extraction and verification never decode the same arrays twice. Arrays are made
read-only when loaded; a store is safe to share between threads.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from .chunking import Passage, Sentence
    from .corpus import Catalog, Document
    from .embedding import OnnxEmbedder


def frozen_array(array: np.ndarray) -> np.ndarray:
    """The array, no longer writable (a loaded index is never changed in place)."""
    array.flags.writeable = False
    return array


class _Rows(Sequence[Any]):
    """A tuple-backed sequence: ``store[i]``, ``len(store)``, ``for x in store``."""

    items: tuple[Any, ...]

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Any, ...]: ...
    def __getitem__(self, i: int | slice) -> Any:
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)


@dataclass(frozen=True, eq=False)
class PassageStore(_Rows):
    """The passages in index order (their position is their row in every other store)."""

    items: tuple[Passage, ...]

    def __getitem__(self, i: int) -> Passage:  # type: ignore[override]
        return self.items[i]

    @cached_property
    def terms(self) -> tuple[frozenset[str], ...]:
        """Each passage's content terms (stems), as the question's are counted."""
        from .text import content_terms

        return tuple(frozenset(content_terms(p.index_text)) for p in self.items)

    def in_report(self, report: str | None) -> np.ndarray:
        """A mask of the passages of one report (all of them for ``None``)."""
        import numpy as np

        if report is None:
            return np.ones(len(self.items), dtype=bool)
        return np.array([p.report_id == report for p in self.items], dtype=bool)


@dataclass(frozen=True, eq=False)
class SentenceStore(_Rows):
    """The sentences (and table rows) of every passage, with their vectors: one unit-length
    row per sentence by the retrieval encoder (answers) and by the base model (verify),
    and each sentence's content words' vectors in context (verify)."""

    items: tuple[Sentence, ...]
    vectors: np.ndarray  # (sentences, dim) float32, by the base model (verify)
    word_vectors: np.ndarray  # (words, dim) float16, all sentences' rows in order
    word_starts: np.ndarray  # (sentences + 1,) where each sentence's rows start
    answer_vectors: np.ndarray  # (sentences, dim) float32, by the encoder (answers)
    pairs: np.ndarray  # (pairs, 2) neighbouring sentences of a paragraph: first, second id
    pair_vectors: np.ndarray  # (pairs, dim) float32, by the encoder (answers)
    passages: tuple[Passage, ...] = ()  # the passages they were cut from, in index order

    def __getitem__(self, i: int) -> Sentence:  # type: ignore[override]
        return self.items[i]

    @cached_property
    def terms(self) -> tuple[frozenset[str], ...]:
        """Each sentence's content terms (stems)."""
        from .text import content_terms

        return tuple(frozenset(content_terms(s.embed_text)) for s in self.items)

    @cached_property
    def passage_of(self) -> np.ndarray:
        """The passage (row of the passage store) each sentence was cut from."""
        return self._placement[0]

    @cached_property
    def position(self) -> np.ndarray:
        """Where each sentence stands in its passage, 0 (first) to 1 (last)."""
        return self._placement[1]

    @cached_property
    def _placement(self) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        owner = np.zeros(len(self.items), dtype=np.int64)
        place = np.zeros(len(self.items), dtype=np.float64)
        for pi, passage in enumerate(self.passages):
            n = len(passage.sentences)
            for k, (sid, _, _) in enumerate(passage.sentences):
                owner[sid], place[sid] = pi, k / max(1, n - 1)
        return owner, place

    def words_of(self, sid: int) -> np.ndarray:
        """Sentence ``sid``'s content words' vectors in context (float32)."""
        return rows_at(self.word_vectors, self.word_starts, sid)

    def run_text(self, first: int, last: int) -> str:
        """Sentences ``first`` to ``last`` of a paragraph as one answer's text."""
        return " ".join(self.items[i].text for i in range(first, last + 1))


def rows_at(rows: np.ndarray, starts: np.ndarray, i: int) -> np.ndarray:
    """Item ``i``'s rows of a ragged array saved flat (``starts`` has one more entry than
    there are items), as float32."""
    return rows[starts[i] : starts[i + 1]].astype("float32")


@dataclass(frozen=True)
class Extra:
    """A candidate by meaning for verify beside the index's sentences: a block of
    headings, table headers or cover lines, a column of a table (its header and its
    cells), or one sentence of a table row or timeline entry."""

    report: str
    section: str
    text: str  # as checked and quoted
    char_start: int  # raw offsets cited
    char_end: int
    table: tuple[str, int] | None = None  # a column's table: two of its columns pair

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "section": self.section,
            "text": self.text,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "table": list(self.table) if self.table else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extra:
        table = data["table"]
        return cls(
            str(data["report"]),
            str(data["section"]),
            str(data["text"]),
            int(data["char_start"]),
            int(data["char_end"]),
            (str(table[0]), int(table[1])) if table else None,
        )


@dataclass(frozen=True, eq=False)
class ExtraStore(_Rows):
    """Verify's candidates beside the sentences, found and embedded when the index is
    built: each with its vector and its content words' vectors in context by the base
    model; and every block of left-out lines (a section's headings and table headers,
    which verify reads as part of the section's text)."""

    items: tuple[Extra, ...]
    vectors: np.ndarray  # (extras, dim) float32, by the base model
    word_vectors: np.ndarray  # (words, dim) float32, all extras' rows in order
    word_starts: np.ndarray  # (extras + 1,) where each extra's rows start
    blocks: tuple[Extra, ...] = ()

    def __getitem__(self, i: int) -> Extra:  # type: ignore[override]
        return self.items[i]

    def words_of(self, i: int) -> np.ndarray:
        """Extra ``i``'s content words' vectors in context (float32)."""
        return rows_at(self.word_vectors, self.word_starts, i)


@dataclass(frozen=True, eq=False)
class DenseStore:
    """Passage vectors in a FAISS flat inner-product index."""

    faiss_index: Any

    def __len__(self) -> int:
        return int(self.faiss_index.ntotal)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every passage with the query, in passage order."""
        import numpy as np

        n = len(self)
        sims, ids = self.faiss_index.search(query_vector.reshape(1, -1).astype(np.float32), n)
        out = np.zeros(n, dtype=np.float32)
        out[ids[0]] = sims[0]
        return out


@dataclass(frozen=True, eq=False)
class Bm25Store:
    """The BM25 score matrix bm25s wrote at build time (CSC: one column of precomputed
    per-passage scores per token), read without importing bm25s on the query path."""

    vocab: Mapping[str, int]
    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    passages: int
    _df: dict[str, int] = field(default_factory=dict, repr=False)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Per-passage BM25 scores of already-tokenised query terms (the sum bm25s computes)."""
        import numpy as np

        out = np.zeros(self.passages, dtype=np.float32)
        for token in tokens:
            tid = self.vocab.get(token)
            if tid is None or tid + 1 >= len(self.indptr):
                continue
            start, end = self.indptr[tid], self.indptr[tid + 1]
            np.add.at(out, self.indices[start:end], self.data[start:end])
        return out

    def document_frequencies(self) -> dict[str, int]:
        """How many passages hold each token."""
        if not self._df:
            cols = len(self.indptr) - 1  # bm25s lists an empty token that has no column
            self._df.update(
                {
                    tok: int(self.indptr[i + 1] - self.indptr[i])
                    for tok, i in self.vocab.items()
                    if i < cols
                }
            )
        return self._df

    def idf(self) -> dict[str, float]:
        """log(1 + N / df) per token."""
        n = max(1, self.passages)
        return {t: math.log(1 + n / max(1, d)) for t, d in self.document_frequencies().items()}


@dataclass(frozen=True, eq=False)
class DocumentStore:
    """The cleaned reports, cleaned on first use (only ``show``, the reader and verify need
    them), once per process however many threads ask."""

    catalog: Catalog
    _documents: dict[str, Document] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self, report_id: str) -> Document:
        rid = self.catalog.get(report_id).id
        with self._lock:
            if not self._documents:
                from .corpus import load_documents

                for doc in load_documents(self.catalog.root / "corpus", self.catalog):
                    self._documents[doc.report.id] = doc
        return self._documents[rid]


@dataclass(frozen=True, eq=False)
class ModelStore:
    """The two ONNX sentence encoders, each loaded on first use: ``encoder`` (fine-tuned on
    questions about these reports; retrieval and answers) and ``base`` (all-MiniLM-L6-v2
    as published; verify). An index built without fine-tuning has one model for both."""

    base_dir: Path
    encoder_dir: Path
    max_seq_length: int
    threads: int
    _loaded: dict[Path, OnnxEmbedder] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _get(self, folder: Path) -> OnnxEmbedder:
        with self._lock:
            if folder not in self._loaded:
                from .embedding import OnnxEmbedder

                self._loaded[folder] = OnnxEmbedder(folder, self.max_seq_length, self.threads)
            return self._loaded[folder]

    @property
    def base(self) -> OnnxEmbedder:
        return self._get(self.base_dir)

    @property
    def encoder(self) -> OnnxEmbedder:
        return self._get(self.encoder_dir)

"""The ``langchain-default`` peer: what a reader would otherwise build.

RecursiveCharacterTextSplitter(1000, 200) on the raw text of each report, the same
all-MiniLM-L6-v2 model, a flat FAISS index, top-k by cosine. Its "answer" is the best
sentence of its top passages by embedding similarity, and it abstains below one score
threshold calibrated on the dev split, like dsrqa's. It is scored by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .chunking import split_sentences

if TYPE_CHECKING:
    import numpy as np

    from .corpus import Catalog

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200


@dataclass(frozen=True)
class PeerChunk:
    id: str
    report: str
    text: str
    char_start: int
    char_end: int


def peer_chunks(catalog: Catalog) -> list[PeerChunk]:
    """LangChain's default splitter on each raw report, with start offsets."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    chunks = []
    for report in catalog.reports:
        raw = report.read_raw()
        for n, doc in enumerate(splitter.create_documents([raw]), start=1):
            start = int(doc.metadata["start_index"])
            chunks.append(
                PeerChunk(
                    f"{report.id}:lc{n:04d}",
                    report.id,
                    doc.page_content,
                    start,
                    start + len(doc.page_content),
                )
            )
    return chunks


class LangchainPeer:
    """Dense top-k over LangChain chunks, with best-sentence answers."""

    name = "langchain-default"

    def __init__(self, catalog: Catalog, embed: Any, threshold: float = 0.0) -> None:
        import faiss

        self.embed = embed  # callable: list[str] -> unit vectors
        self.chunks = peer_chunks(catalog)
        vectors = embed([c.text for c in self.chunks])
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)
        self.sentences: list[tuple[int, int, int]] = []  # (chunk, start, end)
        for i, chunk in enumerate(self.chunks):
            self.sentences.extend((i, s, e) for s, e in split_sentences(chunk.text))
        texts = [self.chunks[i].text[s:e] for i, s, e in self.sentences]
        self.sentence_vectors = embed(texts)
        self.by_chunk: dict[int, list[int]] = {}
        for j, (i, _, _) in enumerate(self.sentences):
            self.by_chunk.setdefault(i, []).append(j)
        self.threshold = threshold

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        import numpy as np

        sims, ids = self.index.search(vector.reshape(1, -1).astype(np.float32), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], sims[0], strict=True) if i >= 0]

    def run(self, question: str, k: int = 10) -> dict[str, Any]:
        """The peer's answer in the shape ``eval.outcome`` scores."""
        vector = self.embed([question])[0]
        hits = self.search(vector, k)
        best: tuple[float, int] | None = None
        for i, _ in hits[:3]:
            for j in self.by_chunk.get(i, []):
                score = float(self.sentence_vectors[j] @ vector)
                if best is None or score > best[0]:
                    best = (score, j)
        answer = None
        confidence = hits[0][1] if hits else 0.0
        if best is not None:
            i, s, e = self.sentences[best[1]]
            chunk = self.chunks[i]
            answer = (chunk.report, chunk.char_start + s, chunk.char_start + e)
        return {
            "passages": [
                (
                    self.chunks[i].id,
                    self.chunks[i].report,
                    self.chunks[i].char_start,
                    self.chunks[i].char_end,
                    score,
                )
                for i, score in hits
            ],
            "answer": answer,
            "abstained": confidence < self.threshold,
            "reason": "top score below threshold",
            "confidence": confidence,
            "missing": False,
        }

"""Split cleaned units into sentence-aligned passages, each inside one section.

Paragraphs of one section are split into sentences and packed into passages of about
``chunk_size`` characters with langchain's RecursiveCharacterTextSplitter, whose only
separator is the sentence break, so no passage starts or ends mid-sentence. Rows of
one table are packed the same way, row-aligned; each timeline entry is its own passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from .config import Config
from .corpus import Document, Unit

ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Inc|Co|Ltd|Mr|Ms|Mrs|Dr|St|No|vs|e\.g|i\.e|approx|Corp)\.)$"
)
BOUNDARY = re.compile(r"[.?!…][\"”’)\]]*\s+(?=[\"“‘(\[$]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a text, trimmed of surrounding spaces.

    A rule-based splitter (not a model) because spans must be exact character offsets
    and it runs on every query's candidates: it splits after ., ? or ! (and closing
    quotes) before a capital or digit, except after abbreviations such as U.S. or Inc.
    """
    spans = []
    start = 0
    for m in BOUNDARY.finditer(text):
        head = text[start : m.start() + 1]
        if ABBREV.search(head):
            continue
        end = m.end()
        piece_end = len(text[:end].rstrip())
        if piece_end > start:
            spans.append((start, piece_end))
        start = end
    tail_end = len(text.rstrip())
    if tail_end > start:
        spans.append((start, tail_end))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()
    ]


@dataclass(frozen=True)
class Sentence:
    """One sentence (or table row) with its raw-file position; the unit of an answer."""

    id: int
    report_id: str
    text: str
    embed_text: str
    char_start: int
    char_end: int
    line_start: int
    line_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Passage:
    """A retrievable passage: sentences of one section, with its raw-file span."""

    id: str
    report_id: str
    kind: str
    section: str
    text: str
    index_text: str
    char_start: int
    char_end: int
    line_start: int
    line_end: int
    sentences: tuple[tuple[int, int, int], ...]  # (sentence id, start, end) in text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentences"] = [list(s) for s in self.sentences]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        values = dict(data)
        values["sentences"] = tuple(tuple(s) for s in data["sentences"])
        return cls(**values)


@dataclass
class _Piece:
    """A sentence-sized piece of a unit, before packing."""

    unit: Unit
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]


def _runs(units: Iterable[Unit]) -> Iterator[list[Unit]]:
    """Consecutive units that may share a passage: same section, same kind of unit."""
    run: list[Unit] = []
    for unit in units:
        key = (unit.heading, unit.kind, unit.group if unit.kind == "table_row" else 0)
        if run and (
            key != (run[0].heading, run[0].kind, run[0].group if run[0].kind == "table_row" else 0)
            or unit.kind == "timeline"
        ):
            yield run
            run = []
        run.append(unit)
    if run:
        yield run


def _pieces(run: list[Unit]) -> list[_Piece]:
    if run[0].kind in ("table_row", "timeline"):
        return [_Piece(unit, 0, len(unit.text)) for unit in run]
    return [_Piece(unit, s, e) for unit in run for s, e in split_sentences(unit.text)]


def _pack(pieces: list[_Piece], size: int, overlap: int) -> list[list[_Piece]]:
    """Group consecutive pieces into chunks with langchain's splitter (one piece per line)."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    if len(pieces) == 1:
        return [pieces]
    splitter = RecursiveCharacterTextSplitter(
        separators=["\n"],
        chunk_size=size,
        chunk_overlap=overlap,
        keep_separator=False,
        strip_whitespace=False,
    )
    texts = [p.text.replace("\n", " ") for p in pieces]
    chunks = splitter.split_text("\n".join(texts))
    groups: list[list[_Piece]] = []
    cursor = 0
    for chunk in chunks:
        lines = chunk.split("\n")
        n = len(lines)
        i = next(
            (i for i in range(max(0, cursor - n), len(texts)) if texts[i : i + n] == lines), None
        )
        if i is None:  # cannot happen while texts hold no newline; keep every piece anyway
            raise RuntimeError("chunk does not match the sentences it was made from")
        groups.append(pieces[i : i + n])
        cursor = i + n
    return groups


class _SentenceTable:
    """Assigns each distinct sentence span one id, so overlapping passages share it."""

    def __init__(self, doc: Document, start_id: int) -> None:
        self.doc = doc
        self.next_id = start_id
        self.by_span: dict[tuple[int, int], Sentence] = {}

    def get(self, piece: _Piece) -> Sentence:
        offs = piece.unit.offsets
        span = (offs[piece.start], offs[piece.end - 1] + 1)
        if span not in self.by_span:
            unit = piece.unit
            embed = piece.text
            if unit.kind == "table_row":
                embed = f"{unit.subsection or unit.section}: {unit.labelled_text()}"
            self.by_span[span] = Sentence(
                id=self.next_id,
                report_id=unit.report_id,
                text=piece.text,
                embed_text=embed,
                char_start=span[0],
                char_end=span[1],
                line_start=self.doc.line_of(span[0]),
                line_end=self.doc.line_of(span[1] - 1),
            )
            self.next_id += 1
        return self.by_span[span]


def chunk_documents(docs: list[Document], config: Config) -> tuple[list[Passage], list[Sentence]]:
    """All passages and sentences of the corpus, in document order, with stable ids."""
    passages: list[Passage] = []
    sentences: list[Sentence] = []
    for doc in docs:
        table = _SentenceTable(doc, len(sentences))
        count = 0
        for run in _runs(doc.units):
            kind = run[0].kind
            pieces = _pieces(run)
            if kind == "timeline":
                groups = [pieces]
            else:
                size = config.table_chunk_size if kind == "table_row" else config.chunk_size
                overlap = 0 if kind == "table_row" else config.chunk_overlap
                groups = _pack(pieces, size, overlap)
            for group in groups:
                count += 1
                passages.append(_passage(doc, group, table, f"{doc.report.id}:{count:04d}"))
        sentences.extend(sorted(table.by_span.values(), key=lambda s: s.id))
    return passages, sentences


def _passage(doc: Document, group: list[_Piece], table: _SentenceTable, pid: str) -> Passage:
    """Join pieces: a space inside a paragraph, a new line between units or rows."""
    text = ""
    spans = []
    index_lines = []
    for k, piece in enumerate(group):
        if k:
            same_unit = piece.unit is group[k - 1].unit
            text += " " if same_unit else "\n"
        sentence = table.get(piece)
        spans.append((sentence.id, len(text), len(text) + len(piece.text)))
        text += piece.text
        index_lines.append(piece.unit.labelled_text() if piece.unit.cells else piece.text)
    first = group[0].unit
    heading = first.heading
    start = min(first.offsets[group[0].start], *(p.unit.offsets[p.start] for p in group))
    end = max(p.unit.offsets[p.end - 1] + 1 for p in group)
    return Passage(
        id=pid,
        report_id=doc.report.id,
        kind=first.kind,
        section=heading,
        text=text,
        index_text=f"{heading}\n" + " ".join(index_lines),
        char_start=start,
        char_end=end,
        line_start=doc.line_of(start),
        line_end=doc.line_of(end - 1),
        sentences=tuple(spans),
    )


def sentence_pairs(passages: list[Passage]) -> list[tuple[int, int]]:
    """Each two neighbouring sentences of one paragraph (a space between them in a
    passage, never a line break): an answer that runs on into the next sentence
    ("...designating Huawei as the vendor of choice... Kuala Lumpur chose Sweden's
    Ericsson instead.") is answered by both. Table rows and timeline entries are whole
    units of their own and pair with nothing."""
    pairs: set[tuple[int, int]] = set()
    for p in passages:
        if p.kind in ("table_row", "timeline"):
            continue
        for (a, _, end), (b, start, _) in zip(p.sentences, p.sentences[1:], strict=False):
            if not p.text[end:start].strip(" ") and "\n" not in p.text[end:start]:
                pairs.add((a, b))
    return sorted(pairs)

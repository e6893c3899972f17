"""Candidates by meaning beside the index's sentences: blocks of headings, table headers
or cover lines; the columns of tables of short cells; each sentence of a table row or
timeline entry that says several things; and the rows of a table that share a first
cell, which say together what no row says alone.

``find_extras`` runs when the index is built (``build.build_index``), which embeds the
candidates and saves them (``stores.ExtraStore``): verify embeds nothing when it loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..chunking import split_sentences
from ..corpus import NOTE_PREFIX
from ..stores import Extra
from ..text import content_terms
from .units import Unit, units_of
from .words import figures

if TYPE_CHECKING:
    from ..config import Config
    from ..corpus import Document
    from ..corpus import Unit as CorpusUnit
    from ..index import Index

Documents = Mapping[str, "Document"]  # the cleaned reports by id, in catalog order


def find_extras(docs: Documents, config: Config) -> tuple[list[Extra], list[Extra]]:
    """The candidates by meaning beside the sentences (blocks, columns and row sentences
    with at least ``verify_line_terms`` content terms), and every block."""
    units = [u for rid, doc in docs.items() for u in units_of(doc, rid)]
    the_blocks = blocks(docs, units)
    extras = [
        e
        for e in the_blocks + columns(docs, config) + row_sentences(docs)
        if len(content_terms(e.text)) >= config.verify_line_terms
    ]
    return extras, the_blocks


def table_rows(docs: Documents) -> dict[tuple[str, int], list[CorpusUnit]]:
    """The rows of each table with cells, by report and table."""
    tables: dict[tuple[str, int], list[CorpusUnit]] = {}
    for rid, doc in docs.items():
        for u in doc.units:
            if u.kind == "table_row" and u.cells and u.offsets:
                tables.setdefault((rid, u.group), []).append(u)
    return tables


def rows_by_first_cell(index: Index) -> dict[int, list[int]]:
    """Rows of one table that share their first cell (the Middle East's two countries),
    by sentence id: together they say what no row says alone."""
    sid_at = {(s.report_id, s.char_start): s.id for s in index.sentences}
    heads: dict[tuple[str, int, str], list[int]] = {}
    docs = {rid: index.document(rid) for rid in index.catalog.ids}
    for (rid, group), rows in table_rows(docs).items():
        for u in rows:
            if (sid := sid_at.get((rid, u.offsets[0]))) is not None:
                first = u.text[slice(*u.cells[0])]
                heads.setdefault((rid, group, first), []).append(sid)
    return {sid: rows for rows in heads.values() if len(rows) > 1 for sid in rows}


def blocks(docs: Documents, units: list[Unit]) -> list[Extra]:
    """Units left out of the index with only blank lines between them, as one block:
    the cover's title, publisher and date; a table's title and its header. A source
    note or a full sentence (a disclaimer, a thank-you) ends its block: the heading
    under a figure's source is not about the source."""
    runs: list[list[int]] = []
    for ui, unit in enumerate(units):
        if unit.indexed or not unit.offsets:
            continue
        last = units[runs[-1][-1]] if runs else None
        raw = docs[unit.report].raw
        if (
            last is not None
            and last.report == unit.report
            and not raw[last.offsets[-1] + 1 : unit.offsets[0]].strip()
            and not _ends_block(
                raw[raw.rfind("\n", 0, last.offsets[-1]) + 1 : last.offsets[-1] + 1]
            )
        ):
            runs[-1].append(ui)
        else:
            runs.append([ui])
    out = []
    for run in runs:
        first, last = units[run[0]], units[run[-1]]
        text = " ".join(units[ui].text for ui in run)
        start = first.offsets[first.toks[0].start] if first.toks else first.offsets[0]
        end = last.offsets[last.toks[-1].end - 1] + 1 if last.toks else last.offsets[-1] + 1
        out.append(Extra(first.report, first.section, text, start, end))
    return out


def columns(docs: Documents, config: Config) -> list[Extra]:
    """Columns of tables of short cells (countries, companies), each as its header and
    cells, cited from the header line: "Top 5 Chinese internet companies: Alibaba
    (阿里巴巴); Tencent (腾讯公司); ...". A column of long cells (more than
    ``verify_column_words`` a cell) says nothing as a whole, nor one of mostly figures."""
    out = []
    for (rid, group), rows in table_rows(docs).items():
        doc = docs[rid]
        for i, label in enumerate(rows[0].labels):
            cells = [u.text[slice(*u.cells[i])].strip() for u in rows if i < len(u.cells)]
            words = sum(len(c.split()) for c in cells)
            numbers = sum(bool(figures(c)) for c in cells)  # a column of years
            if (
                len(cells) < 2
                or words > config.verify_column_words * len(cells)
                or numbers * 2 > len(cells)
            ):
                continue
            first = rows[0].offsets[0]
            header = doc.raw.rfind(label, 0, first)
            near = header >= 0 and first - header <= config.verify_header_chars
            start = header if near else first  # the header line above
            text = f"{label}: " + "; ".join(cells)
            end = rows[-1].offsets[-1] + 1
            out.append(Extra(rid, rows[0].heading, text, start, end, (rid, group)))
    return out


def row_sentences(docs: Documents) -> list[Extra]:
    """Each sentence of a table row or timeline entry that says several things. The
    index keeps a row whole, and a text that restates one of its sentences ("there
    have been no recent updates on the initiative") is far from the whole row's
    vector."""
    out = []
    for rid, doc in docs.items():
        for unit in doc.units:
            spans = split_sentences(unit.text) if unit.kind in ("table_row", "timeline") else []
            for a, b in spans if len(spans) > 1 else ():
                start, end = unit.offsets[a], unit.offsets[b - 1] + 1
                out.append(Extra(rid, unit.heading, unit.text[a:b], start, end))
    return out


def _ends_block(text: str) -> bool:
    """A left-out raw line that no line after it continues: a source note or a sentence."""
    line = text.strip()
    return bool(NOTE_PREFIX.match(line)) or line.endswith((".", "!", "?"))

"""Check a quote or a claim against the reports.

A text is ``verbatim`` when its words occur in one cleaned paragraph (or table row,
or timeline entry) of a report in the same order; the comparison is on word tokens
after folding case, quotes and dashes, so everything PDF extraction did to the report
(line wraps, hyphenation, glued footnote numbers, lost ligatures) is already undone on
the report side by the cleaner, and the same artifacts pasted in the text are undone
here. An ellipsis splits the text into parts that must match in order in one unit.

Otherwise the closest window of words in the paragraphs that share the text's rarest
words is found by word-level edit distance (rapidfuzz): one or two words changed,
added or dropped is ``close``, with a word diff, unless the change puts a name in place
of another (Tencent for Alibaba) or adds a name the report does not give there: that is
a different claim, ``not_found``.

Otherwise, when a sentence (or two adjacent ones, or table rows that share a first cell,
or a block of headings, table headers or cover lines) nearest in meaning (the index's
sentence vectors; table rows with their column names) is similar enough, holds enough of
the text's content words (a word may be said in other words: one of the sentence's
words near it in context) and every name and figure of it, and does not say the opposite
(a reversing word such as "not" or "rejected" by the words they share on one side only,
or a word for its opposite), the text is ``supported``; the thresholds are calibrated on
the dev split of ``eval/verify.jsonl``. A figure of the text that differs from the figure
of the same kind in the matched report text is listed in ``mismatches``.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import math
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .chunking import split_sentences
from .corpus import NOTE_PREFIX
from .errors import BadInputError
from .quantities import MONTHS, ONES, SCALES, TENS, Quantity, quantities
from .text import STOPWORDS, TRANSLATE, content_terms, is_content_word, normalize, stem
from .types import Citation

if TYPE_CHECKING:
    from .config import Config
    from .corpus import Document, Unit
    from .index import Index

VERDICTS = ("verbatim", "close", "supported", "not_found")
TOKEN = re.compile(r"[$%]|[a-z0-9\ufffd]+(?:[.,]\d+)*")
ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")
WORD_RUN = re.compile(r"[a-z]+|[^\sa-z'’-]")
INSIDE_ACRONYM = frozenset({"and", "of"})  # Belt and Road: BR; Ministry of Commerce: MC
ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*")
FOOTNOTE = re.compile(
    r"(?:(?<=[A-Za-z][.,;:!?\"”’)])|(?<=[^\d$.,](?:19|20)\d\d[.,;:]))\d{1,3}(?=\s|$)"
)  # ``in 2014.88`` pasted: a year is never written with decimals
# A word broken across lines ("govern- ment"), not a suspended hyphen ("ten- and five-year").
SOFT_HYPHEN = re.compile(r"(?<=[a-z])-\s+(?!(?:and|or|to|nor)\b)(?=[a-z])")
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|\\(?=[$%&_#*])")
ABBREV_DOTS = re.compile(r"(?<=\b[A-Z])\.")
PER_CENT = re.compile(r"\b([Pp])er\s+cent\b")  # the reports write "percent"
LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
# Words that turn a clause into its opposite: "not", and words of failure, refusal or
# denial. Two of them close together undo each other ("did not lose" is "won"); "nor"
# carries a negation on, it does not undo it.
NEGATORS = frozenset({"not", "no", "never", "none", "nothing", "cannot"})
REVERSING = re.compile(
    r"fail(?:s|ed|ing|ure)?|lost|lose|loses|losing|lack(?:s|ed|ing)?|"
    r"reject(?:s|ed|ing|ion)?|refus(?:e|es|ed|ing|al)|den(?:y|ies|ied|ying|ial)|"
    r"spurn(?:s|ed)?|veto(?:es|ed)?|abandon(?:s|ed)?|scrap(?:s|ped)?|"
    r"cancell?(?:ed|ing|ation)?|cancels?|unable|unsuccessful(?:ly)?|unspecified|undisclosed|"
    r"less|fewer"
)
TURN = frozenset({"turn", "turns", "turned", "turning"})  # "turned down" is "rejected"
# Words and their opposites: a text that says one where its sentence says the other (and
# neither says both) says the opposite ("smallest" for "largest"). Opposites are far
# apart in context (0.1 to 0.4), so the place of the word is not checked.
OPPOSITES = (
    ("before", "after"),
    ("first", "last"),
    ("more most", "less least fewer"),
    ("large larger largest big bigger biggest", "small smaller smallest"),
    (
        "increase increased increases increasing rise rose risen rising grow grew grown "
        "growing expand expanded expanding",
        "decrease decreased decreases decreasing fall fell fallen falling shrink shrank "
        "shrunk shrinking contract contracted",
    ),
    ("well good better best", "badly poorly bad worse worst"),
    ("strong stronger strongest", "weak weaker weakest"),
    ("fast faster fastest quick quickly rapid rapidly", "slow slower slowest slowly"),
    ("high higher highest", "low lower lowest"),
    ("easy easier", "difficult harder"),
    ("success successful succeeded succeeds", "failure unsuccessful"),
    ("early earlier", "late later"),
    ("permanent lasting", "temporary"),
    ("gave give gives provided provides granted offered", "withheld withhold"),
    ("allowed permitted", "barred banned prohibited"),
    ("welcomed embraced accepted supported backed", "opposed resisted"),
    ("began begin beginning start started", "end ended ending"),
)
OPPOSITE = {  # each word: the words on the other side of its pairs
    word: frozenset(
        w
        for a, b in OPPOSITES
        for one, other in ((a, b), (b, a))
        if word in one.split()
        for w in other.split()
    )
    for pair in OPPOSITES
    for side in pair
    for word in side.split()
}
NOT_REVERSING = frozenset({"only", "just", "surprisingly", "coincidentally", "unexpectedly"})
REACH = 4  # words a reversing word reaches, either way
# Commas and "but" do not end a clause here: a paraphrase moves words across them.
CLAUSE_BREAKS = frozenset({";", ":", ".", "!", "?", "(", ")", "\u2014"})
# The words of a figure: a figure put for a figure is one word changed ("$500 million" for
# "half-billion-dollar"), as "16" for "sixteen" is.
NUMBER_WORDS = frozenset([*ONES, *TENS, *(s for s in SCALES if len(s) > 1), "half", "quarter"])
FIGURE_TOKENS = NUMBER_WORDS | {"a", "and", "of", "$", "%", "percent", "per", "cent"}
FIGURE_TOKENS |= {"us", "dollar", "dollars", "rm", "ringgit", "yuan", "rmb", "usd", "myr"}
Names = tuple[frozenset[str], frozenset[str], frozenset[str]]  # words, initials, acronyms
NO_NAMES: Names = (frozenset(), frozenset(), frozenset())


@dataclass(frozen=True)
class Tok:
    """A word token: its folded form and its span in the text it came from."""

    norm: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case and fold quotes and dashes without changing the text's length."""
    out = text.translate(TRANSLATE)
    low = out.lower()
    if len(low) == len(out):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def tokens(text: str) -> list[Tok]:
    """Word, number, ``$`` and ``%`` tokens; thousands separators dropped from numbers."""
    out = []
    for m in TOKEN.finditer(fold(text)):
        norm = m.group(0)
        if norm[0].isdigit():
            norm = norm.replace(",", "")
        out.append(Tok(norm, m.start(), m.end()))
    return out


def same_word(text_word: str, report_word: str) -> bool:
    """Equal words; a ``\ufffd`` pasted from the raw file stands for a lost ligature."""
    if text_word == report_word:
        return True
    if "\ufffd" not in text_word:
        return False
    pattern = re.escape(text_word).replace("\ufffd", "(?:" + "|".join(LIGATURES) + ")")
    return re.fullmatch(pattern, report_word) is not None


def repair(text: str) -> str:
    """Undo, in a pasted text, what PDF extraction did: glued footnote numbers, words
    hyphenated across a line break, ``\\$`` escapes and link markup; and write "per cent"
    as the reports do, "percent"."""
    text = MARKUP.sub(lambda m: m.group(1) or "", text)
    text = FOOTNOTE.sub("", text)
    text = PER_CENT.sub(r"\1ercent", text)
    return SOFT_HYPHEN.sub("", text)


def clean_text(text: object, limit: int) -> str:
    """Validate a text to verify: text, not blank, bounded; control characters become spaces."""
    if not isinstance(text, str):
        raise BadInputError(f"the text to verify must be a string, got {type(text).__name__}")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    text = " ".join(text.split())
    if not text:
        raise BadInputError("the text to verify is empty; give a quote or a claim")
    if len(text) > limit:
        raise BadInputError(f"the text has {len(text)} characters; at most {limit} are accepted")
    return text


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff: ``same``, ``changed``, ``added`` (only in the text) or
    ``dropped`` (only in the report)."""

    op: str
    text: str
    report: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Match:
    """Report text that matches (or comes closest to) the verified text."""

    citation: Citation
    score: float
    diff: tuple[DiffOp, ...] = ()

    @property
    def quote(self) -> str:
        return self.citation.quote

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.citation.where(),
            "quote": self.citation.quote,
            "score": round(self.score, 4),
            "diff": [d.to_dict() for d in self.diff],
        }


@dataclass(frozen=True)
class Mismatch:
    """A figure or name of the text that differs from what the report says."""

    claim: str
    report: str
    quote: str
    kind: str

    @property
    def message(self) -> str:
        said = self.report or "nothing of it"
        return f"text says {self.claim}; the report says {said}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "message": self.message}


@dataclass(frozen=True)
class Verification:
    """The verdict on one text, with the report text behind it."""

    text: str
    verdict: str
    matches: tuple[Match, ...]
    mismatches: tuple[Mismatch, ...]
    reason: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "verdict": self.verdict,
            "reason": self.reason,
            "matches": [m.to_dict() for m in self.matches],
            "mismatches": [m.to_dict() for m in self.mismatches],
        }


@dataclass
class _Unit:
    report: str
    section: str
    text: str
    offsets: tuple[int, ...]
    toks: list[Tok]
    norms: list[str]
    indexed: bool = True  # False for raw lines no cleaned unit holds


@dataclass(frozen=True)
class _Extra:
    """A candidate by meaning beside the index's sentences: a block of headings, table
    headers or cover lines, or a column of a table (its header and its cells)."""

    report: str
    section: str
    text: str  # as checked and quoted
    char_start: int  # raw offsets cited
    char_end: int
    table: tuple[str, int] | None = None  # a column's table: two of its columns pair


@dataclass
class _Window:
    unit: int
    start: int  # token index in the unit
    end: int
    distance: int
    ops: list[tuple[str, int, int, int, int]]  # rapidfuzz opcodes, text -> report


class Verifier:
    """Corpus tables for verification, built once per index (about 0.7 s)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.config: Config = index.config
        self.units: list[_Unit] = []
        for rid in index.catalog.ids:
            doc = index.document(rid)
            pieces = [(u.heading, u.text, u.offsets, True) for u in doc.units]
            for heading, text, offsets, indexed in pieces + _left_out(doc):
                toks = tokens(text)
                norms = [t.norm for t in toks]
                self.units.append(_Unit(rid, heading, text, offsets, toks, norms, indexed))
        self.next_unit: dict[int, int] = {}  # the paragraph after, in the same section
        for ui, (unit, after) in enumerate(zip(self.units, self.units[1:], strict=False)):
            same_section = (unit.report, unit.section) == (after.report, after.section)
            if unit.indexed and after.indexed and same_section:
                self.next_unit[ui] = ui + 1
        self.prev_unit = {b: a for a, b in self.next_unit.items()}
        self.first: dict[str, list[tuple[int, int]]] = {}
        self.df: dict[str, int] = {}
        self.lower_seen: set[str] = set()
        self.inside_seen: set[str] = set()  # capitalised inside a sentence: names
        for ui, unit in enumerate(self.units):
            for pos, norm in enumerate(unit.norms):
                self.first.setdefault(norm, []).append((ui, pos))
            for norm in set(unit.norms):
                self.df[norm] = self.df.get(norm, 0) + 1
            for t in unit.toks if unit.indexed else ():  # not URLs: www.huawei.com
                if unit.text[t.start : t.end].islower():  # not iFlytek
                    self.lower_seen.add(t.norm)
                elif _capitalised_inside(unit.text, t.start):
                    self.inside_seen.add(t.norm)
        self.sentence_terms = [content_terms(s.embed_text) for s in index.sentences]
        self.passage_of = {
            sid: pi for pi, p in enumerate(index.passages) for sid, _s, _e in p.sentences
        }
        # headings, table headers, the cover ("the report is dated 8 April 2021") and the
        # columns of tables ("its top 5 internet companies are ...") are candidates by
        # meaning too, after the index's sentences
        blocks = self._blocks()
        self.extras = [
            e
            for e in blocks + self._columns() + self._row_sentences()
            if len(content_terms(e.text)) >= self.config.verify_line_terms
        ]
        self.sentence_terms += [content_terms(e.text) for e in self.extras]
        self.same_row_head = self._rows_by_first_cell()
        self.full_names: dict[str, list[list[str]]] = {}  # word: the longer names with it
        for unit in self.units:
            for _written, run in _name_words(unit.text) if unit.indexed else ():
                for word in run if len(run) > 1 else ():
                    self.full_names.setdefault(word, []).append(run)
        self.section_text: dict[tuple[str, str], str] = {}
        for rid, section, text in [(p.report_id, p.section, p.text) for p in index.passages] + [
            (b.report, b.section, b.text) for b in blocks
        ]:  # a section's prose, then its headings, table headers and sources
            self.section_text[rid, section] = f"{self.section_text.get((rid, section), '')} {text}"
        # a candidate's words and polarity, figures and acronyms: on first use, or warm()
        self._polarities: dict[int, Any] = {}
        self._figures_at: dict[int, tuple[Quantity, ...]] = {}
        self._acronyms_at: dict[int, tuple[_Abbrev, ...]] = {}
        self._names_at: dict[int, Names] = {}
        self.vectors = index.sentences.vectors
        self.word_vectors = [  # each candidate's content words in context
            index.sentences.words_of(sid) for sid in range(len(index.sentences))
        ]
        if self.extras:
            import numpy as np

            embedded, in_context = index.embedder.embed_with_words(
                [e.text for e in self.extras], batch_size=8
            )
            self.vectors = np.vstack([index.sentences.vectors, embedded.astype(self.vectors.dtype)])
            self.word_vectors += [
                vecs[[i for i, w in enumerate(names) if is_content_word(w)]]
                for names, vecs in in_context
            ]
        self.paragraphs = len(self.units)  # the units after these join two of them
        self.joins: dict[int, list[int]] = {}  # a paragraph's pairs with its neighbours
        for ui, nxt in list(self.next_unit.items()):
            self.units.append(_joined(self.units[ui], self.units[nxt]))
            for one in (ui, nxt):
                self.joins.setdefault(one, []).append(len(self.units) - 1)
        # these tables live as long as the verifier: frozen, they are no longer walked by
        # every full garbage collection, which took 40-80 ms in the middle of a text
        gc.collect()
        gc.freeze()

    def _tables(self) -> dict[tuple[str, int], list[Unit]]:
        """The rows of each table with cells, by report and table."""
        tables: dict[tuple[str, int], list[Unit]] = {}
        for rid in self.index.catalog.ids:
            for u in self.index.document(rid).units:
                if u.kind == "table_row" and u.cells and u.offsets:
                    tables.setdefault((rid, u.group), []).append(u)
        return tables

    def _rows_by_first_cell(self) -> dict[int, list[int]]:
        """Rows of one table that share their first cell (the Middle East's two countries),
        by sentence id: together they say what no row says alone."""
        sid_at = {(s.report_id, s.char_start): s.id for s in self.index.sentences}
        heads: dict[tuple[str, int, str], list[int]] = {}
        for (rid, group), rows in self._tables().items():
            for u in rows:
                if (sid := sid_at.get((rid, u.offsets[0]))) is not None:
                    first = u.text[slice(*u.cells[0])]
                    heads.setdefault((rid, group, first), []).append(sid)
        return {sid: rows for rows in heads.values() if len(rows) > 1 for sid in rows}

    def _blocks(self) -> list[_Extra]:
        """Units left out of the index with only blank lines between them, as one block:
        the cover's title, publisher and date; a table's title and its header. A source
        note or a full sentence (a disclaimer, a thank-you) ends its block: the heading
        under a figure's source is not about the source."""
        blocks: list[list[int]] = []
        for ui, unit in enumerate(self.units):
            if unit.indexed or not unit.offsets:
                continue
            last = self.units[blocks[-1][-1]] if blocks else None
            raw = self.index.document(unit.report).raw
            if (
                last is not None
                and last.report == unit.report
                and not raw[last.offsets[-1] + 1 : unit.offsets[0]].strip()
                and not _ends_block(
                    raw[raw.rfind("\n", 0, last.offsets[-1]) + 1 : last.offsets[-1] + 1]
                )
            ):
                blocks[-1].append(ui)
            else:
                blocks.append([ui])
        out = []
        for block in blocks:
            first, last = self.units[block[0]], self.units[block[-1]]
            text = " ".join(self.units[ui].text for ui in block)
            start = first.offsets[first.toks[0].start] if first.toks else first.offsets[0]
            end = last.offsets[last.toks[-1].end - 1] + 1 if last.toks else last.offsets[-1] + 1
            out.append(_Extra(first.report, first.section, text, start, end))
        return out

    def _columns(self) -> list[_Extra]:
        """Columns of tables of short cells (countries, companies), each as its header and
        cells, cited from the header line: "Top 5 Chinese internet companies: Alibaba
        (阿里巴巴); Tencent (腾讯公司); ...". A column of long cells says nothing as a whole."""
        out = []
        for (rid, group), rows in self._tables().items():
            doc = self.index.document(rid)
            for i, label in enumerate(rows[0].labels):
                cells = [u.text[slice(*u.cells[i])].strip() for u in rows if i < len(u.cells)]
                words = sum(len(c.split()) for c in cells)
                figures = sum(bool(_figures(c)) for c in cells)  # a column of years
                if (
                    len(cells) < 2
                    or words > self.config.verify_column_words * len(cells)
                    or figures * 2 > len(cells)
                ):
                    continue
                first = rows[0].offsets[0]
                header = doc.raw.rfind(label, 0, first)
                near = header >= 0 and first - header <= 1000  # the header line above
                start = header if near else first
                text = f"{label}: " + "; ".join(cells)
                out.append(
                    _Extra(
                        rid,
                        rows[0].heading,
                        text,
                        start,
                        rows[-1].offsets[-1] + 1,
                        (rid, group),
                    )
                )
        return out

    def _row_sentences(self) -> list[_Extra]:
        """Each sentence of a table row or timeline entry that says several things. The
        index keeps a row whole, and a text that restates one of its sentences ("there
        have been no recent updates on the initiative") is far from the whole row's
        vector."""
        out = []
        for rid in self.index.catalog.ids:
            for unit in self.index.document(rid).units:
                spans = split_sentences(unit.text) if unit.kind in ("table_row", "timeline") else []
                for a, b in spans if len(spans) > 1 else ():
                    start, end = unit.offsets[a], unit.offsets[b - 1] + 1
                    out.append(_Extra(rid, unit.heading, unit.text[a:b], start, end))
        return out

    # -- citations ---------------------------------------------------------------------

    def _match(
        self,
        ui: int,
        start: int,
        end: int,
        score: float,
        diff: tuple = (),
        last: int | None = None,
    ) -> Match:
        """A match for tokens ``start..end`` of unit ``ui`` (``end`` of unit ``last``
        when it runs on past a paragraph break), with raw lines and offsets."""
        last = ui if last is None else last
        unit, tail = self.units[ui], self.units[last]
        a, b = unit.toks[start].start, tail.toks[end - 1].end
        paragraphs = [unit.text[a:]] if tail is not unit else [unit.text[a:b]]
        while ui != last:
            ui = self.next_unit[ui]
            paragraphs.append(self.units[ui].text[: b if ui == last else None])
        quote = "\n".join(paragraphs)
        doc = self.index.document(unit.report)
        raw_a, raw_b = unit.offsets[a], tail.offsets[b - 1] + 1
        lines = (doc.line_of(raw_a), doc.line_of(raw_b - 1))
        return Match(
            self._cite(unit.report, unit.section, (raw_a, raw_b), lines, quote), score, diff
        )

    def _extra(self, sid: int) -> _Extra | None:
        """The block of lines or table column a candidate id past the sentences stands for."""
        n = len(self.index.sentences)
        return self.extras[sid - n] if sid >= n else None

    def _text(self, sid: int) -> str:
        extra = self._extra(sid)
        return self.index.sentences[sid].text if extra is None else extra.text

    def _checked(self, sid: int) -> str:
        """What a candidate says, to check a text against: a table row with its table's
        title and column names ("Top 5 Chinese internet companies: Baidu"), as embedded."""
        extra = self._extra(sid)
        return self.index.sentences[sid].embed_text if extra is None else extra.text

    def _sentence_match(self, sids: list[int], score: float) -> Match:
        head, tail = self._extra(sids[0]), self._extra(sids[-1])
        if head is not None and tail is not None:
            doc = self.index.document(head.report)
            chars = (head.char_start, tail.char_end)
            lines = (doc.line_of(head.char_start), doc.line_of(tail.char_end - 1))
            quote = " ".join(self._text(s) for s in sids)
            return Match(self._cite(head.report, head.section, chars, lines, quote), score)
        first, last = self.index.sentences[sids[0]], self.index.sentences[sids[-1]]
        section = self.index.passages[self.passage_of[first.id]].section
        chars, lines = (first.char_start, last.char_end), (first.line_start, last.line_end)
        quote = " ".join(self._text(s) for s in sids)
        return Match(self._cite(first.report_id, section, chars, lines, quote), score)

    def _cite(
        self, report: str, section: str, chars: tuple[int, int], lines: tuple[int, int], quote: str
    ) -> Citation:
        return Citation.of(self.index.catalog.get(report), section, chars, lines, quote)

    # -- verbatim ----------------------------------------------------------------------

    def _run_on(self, ui: int, part: list[str], pos: int) -> tuple[int, int] | None:
        """Where ``part`` ends (unit, token after it) when it matches from token ``pos``
        of unit ``ui``, running on into the section's next paragraph (an analyst quotes
        across a paragraph break too), or None."""
        done = 0
        while True:
            norms = self.units[ui].norms
            n = min(len(part) - done, len(norms) - pos)
            if not all(same_word(part[done + k], norms[pos + k]) for k in range(n)):
                return None
            done += n
            if done == len(part):
                return ui, pos + n
            if ui not in self.next_unit:
                return None
            ui, pos = self.next_unit[ui], 0

    def _back(self, ui: int, pos: int, k: int) -> tuple[int, int] | None:
        """The token ``k`` before token ``pos`` of unit ``ui``, across paragraph breaks."""
        while pos < k:
            if ui not in self.prev_unit:
                return None
            k -= pos
            ui = self.prev_unit[ui]
            pos = len(self.units[ui].norms)
        return ui, pos - k

    def verbatim(self, text: str) -> list[tuple[int, int, int, int]]:
        """Where all ellipsis-separated parts match in order: (unit, token) of the first
        word and (unit, token after) of the last. A part after an ellipsis starts in the
        paragraph where the one before it ends, or in the next one."""
        parts = [[t.norm for t in tokens(p)] for p in ELLIPSIS.split(text)]
        parts = [p for p in parts if p]
        if not parts:
            return []
        head = parts[0]
        anchors = [i for i, w in enumerate(head) if "\ufffd" not in w]
        if anchors:  # start from the head's rarest word: fewest places to try
            at = min(anchors, key=lambda i: len(self.first.get(head[i], [])))
            starts = [
                b for ui, pos in self.first.get(head[at], []) if (b := self._back(ui, pos, at))
            ]
        else:
            starts = [
                (ui, pos)
                for ui, u in enumerate(self.units[: self.paragraphs])
                for pos in range(len(u.norms))
            ]
        found = []
        for ui, pos in starts:
            end = self._run_on(ui, head, pos)
            for part in parts[1:]:
                if end is None:
                    break
                uj, since = end
                places = [(uj, at) for at in range(since, len(self.units[uj].norms))]
                if uj in self.next_unit:  # or in the next paragraph
                    nxt = self.next_unit[uj]
                    places += [(nxt, at) for at in range(len(self.units[nxt].norms))]
                end = next((e for u, at in places if (e := self._run_on(u, part, at))), None)
            if end is not None:
                found.append((ui, pos, *end))
        return found

    # -- close -------------------------------------------------------------------------

    def candidate_units(self, norms: list[str], limit: int) -> list[int]:
        """Units sharing the text's rarest content words (weighted by 1/df)."""
        scores: dict[int, float] = {}
        for norm in set(norms):
            if norm in STOPWORDS or norm not in self.df:
                continue
            weight = 1.0 / self.df[norm]
            for ui, _pos in self.first[norm]:
                scores[ui] = scores.get(ui, 0.0) + weight
        return sorted(scores, key=lambda ui: (-scores[ui], ui))[:limit]

    def best_window(self, text: str, toks: list[Tok], units: list[int]) -> _Window | None:
        """The unit window with the fewest word edits from the text; among those, the one
        with the fewest edits in written words ("outside specialists" for "in-country
        specialists" is one, where the window that stops before "specialists" makes it
        two), then the one as long as the text, then the earliest."""
        from rapidfuzz import fuzz
        from rapidfuzz.distance import Levenshtein

        norms = [t.norm for t in toks]
        tied: list[_Window] = []
        slack = self.config.verify_close_max_edits + 1
        for ui in units:
            unorms = self.units[ui].norms
            codes: dict[str, str] = {}
            a, b = _encode(norms, codes), _encode(unorms, codes)
            al = fuzz.partial_ratio_alignment(a, b) if len(a) <= len(b) else None
            lo, hi = (al.dest_start, al.dest_end) if al is not None else (0, len(b))
            for s in range(max(0, lo - slack), min(len(b), lo + slack) + 1):
                for e in range(max(s + 1, hi - slack), min(len(b), hi + slack) + 1):
                    d = Levenshtein.distance(norms, unorms[s:e])
                    if tied and d > tied[0].distance:
                        continue
                    if tied and d < tied[0].distance:
                        tied = []
                    tied.append(_Window(ui, s, e, d, []))
        if not tied:
            return None
        for win in tied:
            window = self.units[win.unit].norms[win.start : win.end]
            win.ops = [tuple(op) for op in Levenshtein.opcodes(norms, window)]  # type: ignore[misc]
        return min(
            tied,
            key=lambda w: (self.written_edits(text, toks, w), abs(w.end - w.start - len(norms))),
        )

    def written_edits(self, text: str, toks: list[Tok], win: _Window) -> int:
        """Word edits counted in words as written: "fast-growing" for "high-flying" is one
        word changed, though two tokens, and a figure put for a figure is one ("$500
        million" for "half-billion-dollar", as "16" for "sixteen"). A figure dropped or
        added counts its words: "May 2015:" is two words left out of a timeline entry."""
        unit = self.units[win.unit]
        rtoks = unit.toks[win.start : win.end]
        text_side = (toks, _written_words(text, toks))
        report_side = (rtoks, _written_words(unit.text, rtoks))

        def numeric(run: list[int], side: tuple[list[Tok], list[int]]) -> bool:
            return any(side[0][i].norm[0].isdigit() or side[0][i].norm in NUMBER_WORDS for i in run)

        def words(run: list[int], side: tuple[list[Tok], list[int]], merged: bool) -> int:
            """Written words of a run; with ``merged``, its figure's words count as one."""
            run_toks, written = side
            return len({-1 if merged and _of_figure(run_toks[i]) else written[i] for i in run})

        edits = 0
        in_text: list[int] = []
        in_report: list[int] = []
        for tag, i1, i2, j1, j2 in [*win.ops, ("equal", 0, 0, 0, 0)]:
            if tag == "equal":  # a run of edits ends: "in-country" for "outside" is one
                merged = numeric(in_text, text_side) and numeric(in_report, report_side)
                edits += max(
                    words(in_text, text_side, merged), words(in_report, report_side, merged)
                )
                in_text, in_report = [], []
            else:
                in_text += range(i1, i2)
                in_report += range(j1, j2)
        return edits

    def diff(self, text: str, toks: list[Tok], win: _Window) -> tuple[DiffOp, ...]:
        """Word diff between the text and the window, in the text's and report's words."""
        unit = self.units[win.unit]
        rt = unit.toks[win.start : win.end]
        names = {"equal": "same", "replace": "changed", "delete": "added", "insert": "dropped"}
        out = []
        for tag, a0, a1, b0, b1 in win.ops:
            t = text[toks[a0].start : toks[a1 - 1].end] if a1 > a0 else ""
            r = unit.text[rt[b0].start : rt[b1 - 1].end] if b1 > b0 else ""
            out.append(DiffOp(names[tag], t, r))
        return tuple(out)

    def is_name(self, word: str) -> bool:
        """A proper name: capitalised (or iFlytek, eBay), and never seen lower-case in the
        reports."""
        low = fold(word)
        capital = word[:1].isupper() or (word[:1].islower() and not word.islower())
        return capital and low not in self.lower_seen and low not in MONTHS

    def _name_goes_on(self, text: str, tok: Tok, name: Tok) -> bool:
        """Whether the word before a name goes with it: capitalised inside a sentence
        (a list of them is named whole), or a name itself with only a space between (a
        timeline entry's company opens its sentence after the date: "Weibo Corp")."""
        if _capitalised_inside(text, tok.start):
            return True
        return not text[tok.end : name.start].strip() and self.is_name(text[tok.start : tok.end])

    def name_swaps(self, text: str, toks: list[Tok], win: _Window) -> list[Mismatch]:
        """Names of the text the report does not say here: a name put in place of
        another (Tencent for Alibaba, Celcom for U Mobile) or a name added to the
        report's sentence. A dropped name only makes the text vaguer: not listed."""
        unit = self.units[win.unit]
        rt = unit.toks[win.start : win.end]
        quote = unit.text[rt[0].start : rt[-1].end]
        said = {fold(w) for w in re.findall(r"[\w\ufffd]+", unit.text)}
        figures = quantities(text)
        out = []
        for tag, a0, a1, b0, b1 in win.ops:
            if tag not in ("replace", "delete"):
                continue
            kept = [t for t in toks[a0:a1] if not _in_figure(t.start, figures)]
            tw = [text[t.start : t.end] for t in kept]
            rw = [unit.text[t.start : t.end] for t in rt[b0:b1]]
            new = [
                w
                for w in tw
                if self.is_name(w) and not any(_kindred(fold(_singular(w)), h) for h in said)
            ]
            if tag == "replace":  # in place of a name, any capitalised word is a name
                new = (
                    [
                        w
                        for w, t in zip(tw, kept, strict=True)
                        if (self.is_name(w) or _capitalised_inside(text, t.start))
                        and not any(_kindred(fold(w), fold(r)) for r in rw)  # Chinese, China
                    ]
                    if any(
                        self.is_name(w) or _capitalised_inside(unit.text, t.start)
                        for w, t in zip(rw, rt[b0:b1], strict=True)
                    )
                    else new
                )
            if new:
                while b0 > 0 and self._name_goes_on(unit.text, rt[b0 - 1], rt[b0]):
                    b0 -= 1  # the whole name: U Mobile, not Mobile; Weibo Corp after a colon
                while b1 < len(rt) and _capitalised_inside(unit.text, rt[b1].start):
                    b1 += 1
                whole = unit.text[rt[b0].start : rt[b1 - 1].end] if b1 > b0 else ""
                while a0 > 0 and tag == "replace" and _capitalised_inside(text, toks[a0 - 1].start):
                    a0 -= 1  # China Mobile, not Mobile
                claim = " ".join(tw) if tag == "delete" else text[toks[a0].start : toks[a1 - 1].end]
                out.append(Mismatch(claim, whole, quote, "name"))
        return out

    def window_mismatches(self, text: str, toks: list[Tok], win: _Window) -> list[Mismatch]:
        """Figures of the text, in changed words, that differ from the report's figures
        at the same place of the alignment."""
        unit = self.units[win.unit]
        rt = unit.toks[win.start : win.end]
        quote = unit.text[rt[0].start : rt[-1].end]
        tq = quantities(text)
        rq = quantities(quote)
        base = rt[0].start
        tstarts = [t.start for t in toks]
        out = []
        for q in tq:
            first = bisect.bisect_left(tstarts, q.start)
            last = bisect.bisect_left(tstarts, q.end)  # the figure's tokens: [first, last)
            rspan: list[int] = []
            touched = False
            for tag, a0, a1, b0, b1 in win.ops:
                if tag == "equal":
                    lo_a, hi_a = max(a0, first), min(a1, last)
                    if lo_a < hi_a:  # only the report words aligned with the figure's
                        rspan += [b0 + lo_a - a0, b0 + hi_a - a0]
                elif (a0 < last and a1 > first) or (a0 == a1 and first <= a0 <= last):
                    touched = True
                    rspan += [b0, b1]
            if not touched or not rspan:
                continue

            def figures_in(lo: int, hi: int) -> list[Quantity]:
                if not 0 <= lo < hi <= len(rt):  # an insertion: no report words here
                    return []
                lo_c, hi_c = rt[lo].start - base, rt[hi - 1].end - base
                return [r for r in rq if r.end > lo_c and r.start < hi_c]

            # The report's figure at the aligned words decides; the words either side
            # only count when none is there ("$" or "percent" may sit one word away).
            near = figures_in(min(rspan), max(rspan)) or figures_in(
                max(0, min(rspan) - 1), min(len(rt), max(rspan) + 1)
            )
            if any(q.same_value(r) for r in near):
                continue
            same_kind = [r for r in near if _kin(r) == _kin(q)] or near
            out.append(
                Mismatch(q.surface, same_kind[0].surface if same_kind else "", quote, q.kind)
            )
        return out

    # -- supported ---------------------------------------------------------------------

    def support(
        self, text: str, limit: int, embedded: tuple[Any, tuple[list[str], Any]]
    ) -> list[tuple[float, float, float, list[int]]]:
        """Nearest sentences (and adjacent pairs) by meaning: (cosine, share of the text's
        content words they say, the same counting words said in other words, ids)."""
        import numpy as np

        idx = self.index
        qvec, in_context = embedded  # the text's vector and its words in context
        sims = self.vectors @ qvec
        top = np.argsort(-sims, kind="stable")[:limit]
        terms = {t for t in content_terms(text) if not t[0].isdigit()}  # figures: see gaps
        mine = _abbreviations(text)
        stood_for: dict[int, set[str]] = {}  # the text's words a candidate's acronyms spell
        cosine = self._respelled_cosines(text, [int(s) for s in top], sims)
        rows = []
        for sid in (int(s) for s in top):
            groups = [[sid]]
            if sid in self.same_row_head:
                groups.append(self.same_row_head[sid])
            table = (extra := self._extra(sid)) and extra.table
            for other in (sid - 1, sid + 1) if table else ():
                near = self._extra(other) if other < len(self.vectors) else None
                if near is not None and near.table == table:  # two columns of one table
                    groups.append(sorted([sid, other]))
            for other in () if self._stands_alone(sid) else (sid - 1, sid + 1):
                if (
                    0 <= other < len(idx.sentences)
                    and idx.sentences[other].report_id == idx.sentences[sid].report_id
                    and not self._stands_alone(other)
                ):
                    groups.append(sorted([sid, other]))
            for g in groups:
                have: set[str] = set()
                for s in g:
                    have |= self.sentence_terms[s]
                    if s not in stood_for:  # "artificial intelligence" for "AI"
                        theirs = self._acronyms_of(s)
                        stood_for[s] = {
                            t
                            for a in mine
                            if any(_stands_for(a, b) for b in theirs)
                            for t in a.stems
                        }
                    have |= stood_for[s]
                coverage = len(terms & have) / len(terms) if terms else 0.0
                rows.append((cosine[sid], coverage, have, g))
        said = [coverage for _c, coverage, _h, _g in rows]
        cfg = self.config
        short = [  # near enough in meaning, but short of the text's words as written
            i
            for i, (cos, coverage, _h, _g) in enumerate(rows)
            if cos >= cfg.verify_support_cosine
            and coverage < cfg.verify_support_coverage
            and cfg.verify_word_cosine < 1.0
            and terms
        ]
        for i in short:
            said[i] = self.reworded_coverage(in_context, terms, rows[i][2], rows[i][3])
        return [(cos, cov, said[i], g) for i, (cos, cov, _h, g) in enumerate(rows)]

    def reworded_coverage(
        self, in_context: tuple[list[str], Any], terms: set[str], have: set[str], sids: list[int]
    ) -> float:
        """The share of the text's content words the candidate says, in its words or in
        other words: a word counts when one of the candidate's is within
        ``verify_word_cosine`` of it in context ("prohibited" and "banned" 0.75, "nations"
        and "countries" 0.83). A paraphrase that changes most words shares few of them
        exactly; matching words alone, or single-word vectors, cannot see that."""
        import numpy as np

        names, vecs = in_context
        left = [i for i, w in enumerate(names) if (t := stem(w)) in terms and t not in have]
        theirs = [self.word_vectors[sid] for sid in sids]
        if not left or not any(len(v) for v in theirs):
            return len(terms & have) / len(terms)
        # einsum, not BLAS: OpenBLAS threads left spinning after a product this small
        # slow the next model run (onnxruntime wants both cores) by half
        best = np.einsum("ij,kj->ik", vecs[left], np.vstack(theirs)).max(axis=1)
        also = {
            stem(names[i])
            for i, b in zip(left, best, strict=True)
            if b >= self.config.verify_word_cosine
        }
        return len(terms & (have | also)) / len(terms)

    def _respelled_cosines(self, text: str, sids: list[int], sims: Any) -> dict[int, float]:
        """Similarity to each candidate, with the text's acronyms and the words they stand
        for written as the candidate writes them: "DCCP" and its words in full mean the
        same, but their vectors differ (0.70 against 0.87). Only candidates under the support
        bar, and only the nearest few spellings: each costs an embedding (about 7 ms)."""
        below = [sid for sid in sids if sims[sid] < self.config.verify_support_cosine]
        variants = {sid: _spelled_like(text, self._checked(sid)) for sid in below}
        fresh = list(dict.fromkeys(v for v in variants.values() if v != text))
        fresh = fresh[: self.config.verify_respelled]  # the nearest candidates' spellings
        vectors = dict(zip(fresh, self.index.embedder.embed(fresh), strict=True)) if fresh else {}
        return {
            sid: max(
                float(sims[sid]),
                float(self.vectors[sid] @ vectors[v])
                if (v := variants.get(sid)) in vectors
                else -1.0,
            )
            for sid in sids
        }

    def reversal(
        self, in_context: tuple[list[str], Any], mine: list[tuple[int, str]], sids: list[int]
    ) -> str:
        """Why the text says the opposite of the candidate, or "": words of the text
        matched to the candidate's (the same stem, or near in context) stand by a
        reversing word on one side only ("won its bid" against "lost its bid", "did not
        lose" against "lost", "gave an explanation" against "offered no explanation").
        Words of like meaning in context are often opposites ("completed" and
        "attempted"); neither the similarity of two sentences nor the words they share
        can see this. ``mine`` is ``_negated`` of the text's words, worked out once."""
        import numpy as np

        names, vecs = in_context
        said: set[str] = set()  # all the candidate's words: "before" is no content word
        theirs: list[tuple[int, str]] = []
        rows, their_stems = [], []
        for sid in sids:
            words, negated, stems = self._polarity(sid)
            n = min(len(self.word_vectors[sid]), len(stems))  # a long one is cut short
            said.update(words)
            theirs += negated[:n]
            their_stems += stems[:n]
            rows.append(self.word_vectors[sid][:n])
        written = set(names)
        for word in names:
            for opposite in OPPOSITE.get(word, frozenset()) & said - written:
                if word not in said:
                    return f"the text says {word!r} where the report says {opposite!r}"
        keep = [i for i, w in enumerate(names) if is_content_word(w)]
        sims = np.einsum("ij,kj->ik", vecs[keep], np.vstack(rows))
        at_stem: dict[str, list[int]] = {}
        for i, k in enumerate(keep):
            at_stem.setdefault(stem(names[k]), []).append(i)
        for k, t in enumerate(their_stems):
            sims[at_stem.get(t, []), k] = 1.0
        agree, differ = 0, []
        best = sims.argmax(axis=1).tolist()
        for i in np.flatnonzero(sims.max(axis=1) >= self.config.verify_word_cosine).tolist():
            j = best[i]
            (a, cue_a), (b, cue_b) = mine[i], theirs[j]
            if a % 2 != b % 2:
                differ.append(("text", cue_a) if a % 2 else ("report", cue_b))
            elif a or b:
                agree += 1
        if len(differ) < 2 or len(differ) <= agree:
            return ""
        who, word = differ[0]
        other = "report" if who == "text" else "text"
        return f"the {who} says {word!r} where the {other} does not"

    def warm(self) -> Verifier:
        """Work out every candidate's figures, acronyms and reversing words now, not on a
        text's first use of it, and the names their passages say. A long-running process
        (the app, ``verify --jsonl``) pays about 0.7 s once; a text that first touches many
        candidates took up to twice its time (72 ms against 37 ms)."""
        for sid in range(len(self.vectors)):
            self._figures_of(sid)
            self._acronyms_of(sid)
            self._polarity(sid)
            self._names_around(sid)
        gc.collect()
        gc.freeze()  # these too live as long as the verifier
        return self

    def _names_around(self, sid: int) -> Names:
        """The names a candidate's passage, section and report say (see ``_context``)."""
        if sid not in self._names_at:
            self._names_at[sid] = _said_names(self._context(sid))
        return self._names_at[sid]

    def _figures_of(self, sid: int) -> tuple[Quantity, ...]:
        if sid not in self._figures_at:
            self._figures_at[sid] = _figures(self._checked(sid))
        return self._figures_at[sid]

    def _acronyms_of(self, sid: int) -> tuple[_Abbrev, ...]:
        if sid not in self._acronyms_at:
            self._acronyms_at[sid] = _abbreviations(self._checked(sid))
        return self._acronyms_at[sid]

    def _polarity(self, sid: int) -> tuple[list[str], list[tuple[int, str]], list[str]]:
        """A candidate's words (split as the model's tokenizer does, lower case), whether
        a reversing word reaches each content word, and their stems; kept once worked out."""
        if sid not in self._polarities:
            tok = self.index.embedder.tokenizer
            text = tok.normalizer.normalize_str(self._checked(sid))
            words = [w for w, _ in tok.pre_tokenizer.pre_tokenize_str(text)]
            stems = [stem(w) for w in words if is_content_word(w)]
            self._polarities[sid] = (words, _negated(words), stems)
        return self._polarities[sid]

    def support_gaps(
        self,
        text: str,
        quote: str,
        around: Names = NO_NAMES,
        said: tuple[Quantity, ...] | None = None,
        own: str | None = None,
    ) -> tuple[list[Mismatch], list[str]]:
        """Figures of the text the quote contradicts, and figures and names it lacks (a
        name may also stand in the quote's passage, ``around``: "outside China" is often
        implied). ``own``: the quote's own words where ``quote`` adds a table's title and
        column names, whose names a text need not repeat."""
        tq, rq = list(_figures(text)), list(_figures(quote) if said is None else said)
        mismatches, missing = [], []
        used: set[int] = set()  # report figures that give one of the text's, one each
        for q in tq:
            same = [i for i, r in enumerate(rq) if q.same_value(r) and i not in used]
            if _confirmed(q, rq) and same:
                used.add(max(same, key=lambda i: _fit(q, text, rq[i], quote)))
        for q in tq:
            if _confirmed(q, rq):
                continue
            rivals = [
                r
                for i, r in enumerate(rq)
                if _rival(q, r) and i not in used and not q.same_value(r)
            ]
            if rivals:
                mismatches.append(
                    Mismatch(q.surface, _nearest(q, text, rivals, quote), quote, q.kind)
                )
            else:
                missing.append(q.surface)
        quoted = _said_names(quote)
        in_quote = quoted[0]
        have, spelled, caps = (a | b for a, b in zip(quoted, around, strict=True))
        swapped: list[str] | None = None  # worked out only when a name needs the passage
        for m in re.finditer(r"\b[A-Z](?:&[A-Z])+\b|[\w\ufffd]+", text):
            w, low = m.group(0), fold(_singular(m.group(0)))
            if _in_figure(m.start(), tq) or (m.start() == 0 and low not in self.inside_seen):
                continue  # a text's first word is a name only if the reports write it so
            if (
                w.replace("&", "") in spelled
                or not self.is_name(w)
                or _said(low, in_quote)
                or _spelled_out(w, quote)
            ):
                continue  # R&D, DCCP, JV said in full; not a name; in the quote itself
            # a name from the passage around the quote only when none of the quote's was
            # dropped: "the Solomon Islands" for the quote's "PNG" is a swap, not implied
            if swapped is None:
                swapped = self.dropped_names(text, quote if own is None else own)
            if swapped or not (_said(low, have) or _metonym_said(low, have, caps)):
                run = next((i for a, b, i in _initials_at(text) if a <= m.start() < b), "")
                if any(c.startswith(run) for c in caps if len(run) >= 2):  # Belt and Road
                    continue
                if swapped or not self.fuller_form(low, text, in_quote):
                    missing.append(w)
        return mismatches, missing + _reordered_names(text, quote)

    def fuller_form(self, low: str, text: str, said: frozenset[str]) -> bool:
        """Whether a name word of the text completes a name the quote says short, as the
        reports write it in full: "Xi Jinping" for "Xi", since the reports' only longer
        name with "Xi" is "President Xi Jinping"; not "China Telecom" for "China", which
        is part of many names."""
        for _written, run in _name_words(text):
            if low not in run or len(run) < 2:
                continue
            for other in run:
                fulls = self.full_names.get(other, [])
                if (
                    other != low
                    and other in said
                    and fulls
                    and all(low in full for full in fulls)
                    and any(_contiguous(run, full) for full in fulls)
                ):
                    return True
        return False

    def dropped_names(self, text: str, quote: str) -> list[str]:
        """Names of the quote (inside its sentences) that the text does not say, in any
        form: kindred words, the initials of its names (Papua New Guinea for PNG), or a
        capital for its country (Beijing for China)."""
        written = re.findall(r"[\w\ufffd]+", text)
        words = frozenset(fold(w) for w in written) | {fold(_singular(w)) for w in written}
        words |= {fold(a) for w in words for alias in METONYMS.get(w, ()) for a in alias.split()}
        initials = _initials(text)
        short = _abbreviated(text, quote)
        return [
            w
            for m in re.finditer(r"[\w\ufffd]+", quote)
            if _capitalised_inside(quote, m.start())
            and self.is_name(w := m.group(0))
            and not _said(fold(_singular(w)), words)
            and _singular(w) not in initials
            and not any(a <= m.start() < b for a, b in short)
        ]

    def sentence_figures(self, sids: list[int]) -> tuple[Quantity, ...]:
        """Figures of candidates joined by spaces, as checked (a table row with its column
        names), from each one's own: a pair of sentences is not read again."""
        out: list[Quantity] = []
        offset = 0
        for sid in sids:
            out += [
                dataclasses.replace(q, start=q.start + offset, end=q.end + offset)
                for q in self._figures_of(sid)
            ]
            offset += len(self._checked(sid)) + 1
        return tuple(out)

    def _context(self, sid: int) -> str:
        """Where names a sentence leaves implicit are said: its section's heading, the
        report's title, publisher and authors ("Malaysia" for a row of the timeline of
        deals in Malaysia), and the prose it stands in (a heading's or a table header's:
        its section's). A timeline entry or a table row stands alone (no prose, no pairing
        with the next entry): the next entry's company is not this one's."""
        extra = self._extra(sid)
        if extra is not None:  # a heading's, table header's or column's prose: its section's
            rid, section = extra.report, extra.section
            prose = self.section_text.get((rid, section), "")
        else:
            passage = self.index.passages[self.passage_of[sid]]
            rid, section = passage.report_id, passage.section
            prose = "" if self._stands_alone(sid) else passage.text
        report = self.index.catalog.get(rid)
        return " ".join([section, report.title, report.publisher, *report.authors, prose])

    def _stands_alone(self, sid: int) -> bool:
        if self._extra(sid) is not None:
            return True
        return self.index.passages[self.passage_of[sid]].kind in ("timeline", "table_row")

    # -- the verdict -------------------------------------------------------------------

    def verify(self, text: str, id: str | None = None) -> Verification:
        """Verdict, matches and mismatches for one text (already validated)."""
        cfg = self.config
        for variant in dict.fromkeys([text, repair(text)]):
            found = self.verbatim(variant)
            if found:
                matches = tuple(self._match(ui, s, e, 1.0, last=uj) for ui, s, uj, e in found)
                return Verification(
                    text,
                    "verbatim",
                    matches[: cfg.verify_max_matches],
                    (),
                    f"found word for word in {len(found)} place(s)",
                    id,
                )
        plain = ELLIPSIS.sub(" ", repair(text))
        toks = tokens(plain)
        norms = [t.norm for t in toks]
        if not norms:
            return Verification(text, "not_found", (), (), "the text has no words to look for", id)
        units = self.candidate_units(norms, cfg.verify_candidates)
        win = self.best_window(plain, toks, units)
        allowed = min(cfg.verify_close_max_edits, max(1, int(len(norms) * cfg.verify_close_share)))
        edits = self.written_edits(plain, toks, win) if win is not None else allowed + 1
        joined = [j for ui in units for j in self.joins.get(ui, [])]
        if edits > allowed and joined:  # the text may run on across a paragraph break
            across = self.best_window(plain, toks, joined)
            more = self.written_edits(plain, toks, across) if across is not None else edits
            win, edits = (across, more) if more < edits else (win, edits)
        if win is not None and edits <= allowed:
            score = 1.0 - edits / max(len(norms), win.end - win.start)
            match = self._match(win.unit, win.start, win.end, score, self.diff(plain, toks, win))
            swaps = self.name_swaps(plain, toks, win)
            figures = self.window_mismatches(plain, toks, win)
            if swaps:
                return Verification(
                    text,
                    "not_found",
                    (match,),
                    tuple(swaps + figures),
                    "a name differs from the report's: " + "; ".join(s.message for s in swaps),
                    id,
                )
            return Verification(
                text,
                "close",
                (match,),
                tuple(figures),
                f"{edits} word(s) differ from the report",
                id,
            )
        return self._by_meaning(text, plain, id)

    def _by_meaning(self, text: str, plain: str, id: str | None) -> Verification:
        """``supported`` or ``not_found`` by the sentences nearest in meaning.

        Supported: similar enough, most content words there, and every name and figure
        of the text found. Otherwise, when a sentence about the same thing (a lower
        similarity bar, and most content words or one of the text's figures shared) gives
        other figures, those are the mismatches."""
        cfg = self.config
        seen: set[tuple[int, ...]] = set()
        cands = []
        qvecs, words = self.index.embedder.embed_with_words([plain])
        in_context = words[0]
        mine = _negated(in_context[0])  # which of the text's words a reversing word reaches
        for cos, cov, said_cov, sids in sorted(
            self.support(plain, cfg.verify_support_sentences, (qvecs[0], in_context)),
            key=lambda c: (-(c[0] + cfg.verify_coverage_weight * c[1]), c[3]),
        ):
            if tuple(sids) not in seen:
                seen.add(tuple(sids))
                cands.append((cos, cov, said_cov, sids, cos + cfg.verify_coverage_weight * cov))
        said_otherwise: Verification | None = None  # a sentence on the same thing
        named_otherwise: Verification | None = None  # one that only has the same names
        opposite: Verification | None = None  # one that says the opposite
        figures = quantities(plain)
        for cos, cov, said_cov, sids, score in cands:
            if cos < cfg.verify_related_cosine:
                continue
            quote = " ".join(self._checked(s) for s in sids)
            said = self.sentence_figures(sids)
            same_thing = cov >= cfg.verify_support_coverage or _share_figure(figures, said)
            if not same_thing and cos < cfg.verify_same_names_cosine:
                continue
            can_support = (
                cos >= cfg.verify_support_cosine and said_cov >= cfg.verify_support_coverage
            )
            if not can_support and (said_otherwise or (named_otherwise and not same_thing)):
                continue  # it could only give a contradiction of a kind already found
            around = [self._names_around(s) for s in sids]
            names = (
                frozenset().union(*(a[0] for a in around)),
                frozenset().union(*(a[1] for a in around)),
                frozenset().union(*(a[2] for a in around)),
            )
            own = " ".join(self._text(s) for s in sids)
            mismatches, missing = self.support_gaps(plain, quote, names, said, own)
            if not same_thing and _names(missing, figures):
                continue
            match = self._sentence_match(sids, score)
            mismatches = [dataclasses.replace(m, quote=match.quote) for m in mismatches]
            # each sentence of a pair too: the other one's "not" must not hide a reversal
            alone = [[s] for s in sids] if len(sids) > 1 else []
            reverses = (
                ""
                if mismatches or missing
                else next(
                    (r for g in [sids, *alone] if (r := self.reversal(in_context, mine, g))), ""
                )
            )
            if (
                not mismatches
                and not missing
                and not reverses
                and cos >= cfg.verify_support_cosine
                and said_cov >= cfg.verify_support_coverage
            ):
                return Verification(
                    text,
                    "supported",
                    (match,),
                    (),
                    f"same content, other words (similarity {cos:.2f}, "
                    f"{said_cov:.0%} of its content words)",
                    id,
                )
            if reverses and not mismatches and not missing and opposite is None:
                opposite = Verification(
                    text, "not_found", (match,), (), f"the report says the opposite: {reverses}", id
                )
            if not mismatches:
                continue
            listed = "; ".join(m.message for m in mismatches)
            if same_thing and said_otherwise is None:
                said_otherwise = Verification(
                    text,
                    "not_found",
                    (match,),
                    tuple(mismatches),
                    "the report says this with other figures: " + listed,
                    id,
                )
            elif not same_thing and named_otherwise is None:
                named_otherwise = Verification(
                    text,
                    "not_found",
                    (match,),
                    tuple(mismatches),
                    "nothing in the reports says this; the closest sentence with the same "
                    "names gives other figures: " + listed,
                    id,
                )
        contradiction = said_otherwise or named_otherwise or opposite
        if contradiction is not None:
            return contradiction
        closest = [self._sentence_match(sids, score) for *_, sids, score in cands]
        return Verification(
            text,
            "not_found",
            tuple(closest[: cfg.verify_closest]),
            (),
            "nothing in the reports says this; the closest sentences are listed",
            id,
        )


NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:and|of|for|the|&)\s+)?[A-Z][\w’'-]*)+")


def _joined(a: _Unit, b: _Unit) -> _Unit:
    """Two paragraphs of a section as one, a line break between: a text may run on
    across the break with a word changed."""
    shift = len(a.text) + 1
    toks = a.toks + [Tok(t.norm, t.start + shift, t.end + shift) for t in b.toks]
    offsets = (*a.offsets, a.offsets[-1] + 1, *b.offsets)
    return _Unit(a.report, a.section, f"{a.text}\n{b.text}", offsets, toks, a.norms + b.norms)


def _name_words(text: str) -> list[tuple[str, list[str]]]:
    """The names of a text, each as written and as folded words: split at "and" (Huawei
    and ZTE are two names), "A of B" read as "B A" (CIMB Bank of Malaysia: Malaysia's
    CIMB Bank), without "for", "the" or a possessive."""
    out = []
    for m in NAME_RUN.finditer(text):
        for part in re.split(r"\s+(?:and|&)\s+", m.group(0)):
            head, _of, owner = part.partition(" of ")
            words = [re.sub(r"[’']s$", "", fold(w)) for w in (owner + " " + head).split()]
            out.append((part, [w for w in words if w not in ("for", "the")]))
    return out


def _reordered_names(text: str, quote: str) -> list[str]:
    """Names of the text made of the words of one name of the quote, but not as they stand
    there: "Bank of China" is not "China Construction Bank", though each word is said."""
    out = []
    for written, run in _name_words(text):
        for _other, words in _name_words(quote) if len(run) > 1 else ():
            if set(run) <= set(words) and not _contiguous(run, words):
                out.append(written)
                break
    return out


def _contiguous(words: list[str], within: list[str]) -> bool:
    n = len(words)
    return any(within[i : i + n] == words for i in range(len(within) - n + 1))


def _initials_at(text: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words (Belt and Road, Telekom Research and Development) with
    their initials, so an acronym and its words can stand for each other."""
    out = []
    for m in NAME_RUN.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in STOPWORDS:  # "A Belt and Road offshoot"
            words.pop(0)
        out.append((m.start(), m.end(), "".join(w[0] for w in words if w[0].isupper())))
    return out


@dataclass(frozen=True)
class _Abbrev:
    """Where a text has an acronym (AI, AVs, BRI) or a run of two to four content words
    (artificial intelligence), with the letters that stand for it and the stems it covers,
    so an acronym and the words it stands for can stand for each other."""

    initials: str
    stems: frozenset[str]
    start: int
    end: int
    acronym: bool


@lru_cache(maxsize=8192)
def _abbreviations(text: str) -> tuple[_Abbrev, ...]:
    """The acronyms of a text and the initials of each run of its content words."""
    out = [
        _Abbrev(stem(m.group(1).lower()), frozenset({stem(m.group(1).lower())}), *m.span(), True)
        for m in ACRONYM.finditer(text)
    ]
    folded = normalize(text).lower()
    if len(folded) != len(text):  # NFKC changed lengths: offsets would drift
        folded = text.lower()
    seq: list[list[re.Match[str]]] = [[]]
    for m in WORD_RUN.finditer(folded):
        word = m.group(0)
        if not word[0].isalpha() or (word in STOPWORDS and word not in INSIDE_ACRONYM):
            seq.append([])  # a run ends at punctuation and at most stopwords
        elif word not in STOPWORDS:
            seq[-1].append(m)
    for run in seq:
        for i in range(len(run)):
            for j in range(i + 2, min(i + 4, len(run)) + 1):
                ws = [m.group(0) for m in run[i:j]]
                initials = stem("".join(w[0] for w in ws))
                stems = frozenset(stem(w) for w in ws)
                out.append(_Abbrev(initials, stems, run[i].start(), run[j - 1].end(), False))
    return tuple(out)


def _spelled_out(word: str, quote: str) -> bool:
    """Whether an acronym of the text is said in the quote by its words in lower case
    (JV: "joint venture"); names in capitals are matched by their initials elsewhere."""
    if not ACRONYM.fullmatch(word):
        return False
    initials = stem(_singular(word).lower())
    return any(not a.acronym and a.initials == initials for a in _abbreviations(quote))


def _stands_for(a: _Abbrev, b: _Abbrev) -> bool:
    """Whether an acronym and a run of words stand for each other: the same letters, or
    the acronym with one more at the end (Belt and Road: BRI)."""
    if a.acronym == b.acronym:
        return False
    short, long = (a, b) if a.acronym else (b, a)
    return short.initials == long.initials or (
        len(short.initials) == len(long.initials) + 1 and short.initials.startswith(long.initials)
    )


def _spelled_like(text: str, quote: str) -> str:
    """The text with each acronym or run of words the quote writes the other way written
    as the quote does ("the US Digital Connectivity and Cybersecurity Partnership" where the
    quote says "DCCP"), so their meanings compare as the words they mean."""
    theirs = _abbreviations(quote)
    swaps: list[tuple[int, int, str]] = []
    for mine in sorted(_abbreviations(text), key=lambda x: x.start - x.end):
        if any(mine.start < e and s < mine.end for s, e, _w in swaps):
            continue
        other = next((t for t in theirs if _stands_for(mine, t)), None)
        if other is not None:
            swaps.append((mine.start, mine.end, quote[other.start : other.end]))
    for start, end, words in sorted(swaps, reverse=True):
        text = text[:start] + words + text[end:]
    return text


def _abbreviated(text: str, quote: str) -> list[tuple[int, int]]:
    """Spans of the quote's names that the text writes as an acronym: by their initials
    (IEEE for the Institute of Electrical and Electronics Engineers), or by the acronym
    the quote puts after them (ISO for "International Organization for Standardization
    (ISO)")."""
    acronyms = {m.group(1) for m in ACRONYM.finditer(text)}
    out = []
    for start, end, run in _initials_at(quote):
        after = re.match(r"\s*\(([A-Z]{2,})\)", quote[end:])
        if run in acronyms or (after is not None and after.group(1) in acronyms):
            out.append((start, end))
    return out


def _initials(text: str) -> set[str]:
    """Every stretch of two or more initials of the text's name runs (TRD: TR, RD, TRD)."""
    out = set()
    for _a, _b, run in _initials_at(text):
        out |= {run[i:j] for i in range(len(run)) for j in range(i + 2, len(run) + 1)}
    return out


def _left_out(doc: Document) -> list[tuple[str, str, tuple[int, ...], bool]]:
    """Raw lines no cleaned unit holds (headings, table headers, captions, the cover),
    run by run, as they stand: not indexed for questions, but a quote of a heading is
    still in the report. Each gets the section of the unit after it."""
    covered: set[int] = set()
    for u in doc.units:
        covered.update(u.offsets)
    after = sorted((u.offsets[0], u.heading) for u in doc.units if u.offsets)
    out: list[tuple[str, str, tuple[int, ...], bool]] = []
    run: list[int] = []
    pos = 0
    for line in doc.raw.split("\n") + [""]:
        span = range(pos, pos + len(line))
        if line.strip() and not any(p in covered for p in span if not doc.raw[p].isspace()):
            run += [*span, pos + len(line)] if pos + len(line) < len(doc.raw) else [*span]
        elif run:
            kept = [p for i, p in enumerate(run) if not (i and _blank(doc.raw, run[i - 1], p))]
            while kept and doc.raw[kept[-1]].isspace():
                kept.pop()
            text = "".join(" " if doc.raw[p].isspace() else doc.raw[p] for p in kept)
            i = bisect.bisect_left(after, (run[0], ""))
            heading = after[min(i, len(after) - 1)][1] if after else ""
            out.append((heading, text, tuple(kept), False))
            run = []
        pos += len(line) + 1
    return out


def _negated(words: list[str]) -> list[tuple[int, str]]:
    """For each content word of a run of words (split as the tokenizer does): whether
    the nearest run of reversing words that reaches it in its clause reverses it (1) or
    not (0: an even run, "did not lose"), and that run's first word. Reversing words
    two words apart or less form a run; farther apart, each reverses a predicate of its
    own ("offered no explanation of why they rejected it" is negative throughout). A
    reversing word is "not", "didn't", "no", "never", a word of failure, refusal or
    denial, "turned down", "less": it reaches ``REACH`` words either way. "rather than"
    and "instead of" reach the words after them, to a comma or the clause's end; the
    "not" of "not X but Y" reaches only X; "not only" and "not surprisingly" reach
    nothing."""
    clause, clauses = 0, []
    for w in words:
        clause += w in CLAUSE_BREAKS
        clauses.append(clause)
    reach = {k: r for k in range(len(words)) if (r := _reach(words, k))}
    runs: list[list[int]] = []
    for k in reach:
        if runs and k - runs[-1][-1] <= 2 and clauses[k] == clauses[runs[-1][-1]]:
            runs[-1].append(k)
        else:
            runs.append([k])
    out = []
    for k, w in enumerate(words):
        if not is_content_word(w):
            continue
        near = [
            (min(abs(k - c) for c in run), run)
            for run in runs
            if any(k in reach[c] and k != c and clauses[c] == clauses[k] for c in run)
        ]
        run = min(near)[1] if near else []
        out.append((len(run) % 2, words[run[0]] if run else ""))
    return out


def _reach(words: list[str], k: int) -> range:
    """The positions a reversing word at ``k`` reaches (empty for any other word)."""
    w, after = words[k], words[k + 1 : k + 8]
    around = range(max(0, k - REACH), min(len(words), k + REACH + 1))
    if w in NEGATORS:
        if after[:1] and after[0] in NOT_REVERSING:
            return range(0)
        end = next((n for n, x in enumerate(after) if x in CLAUSE_BREAKS), len(after))
        if w == "not" and "but" in after[:end]:  # "not X but Y" says Y
            return range(k + 1, k + 1 + after.index("but"))
        return around
    if (w, after[:1]) in (("rather", ["than"]), ("instead", ["of"])):  # X rather than Y
        rest = words[k + 2 : k + 2 + 2 * REACH]
        return range(k + 2, k + 2 + next((n for n, x in enumerate(rest) if x == ","), len(rest)))
    if w == "t" and k >= 2 and words[k - 1] in "'’" and words[k - 2].endswith("n"):
        return around  # didn't, doesn't, isn't
    if REVERSING.fullmatch(w) or (w == "down" and k > 0 and words[k - 1] in TURN):
        return around
    return range(0)


def _ends_block(text: str) -> bool:
    """A left-out raw line that no line after it continues: a source note or a sentence."""
    line = text.strip()
    return bool(NOTE_PREFIX.match(line)) or line.endswith((".", "!", "?"))


def _of_figure(tok: Tok) -> bool:
    return tok.norm[0].isdigit() or tok.norm in FIGURE_TOKENS


def _written_words(text: str, toks: list[Tok]) -> list[int]:
    """For each token, the number of the written word it belongs to: tokens joined by a
    hyphen ("high-flying") are one word."""
    out: list[int] = []
    for i, t in enumerate(toks):
        joined = i and text[toks[i - 1].end : t.start] in ("-", "‑")
        out.append(out[-1] if joined else (out[-1] + 1 if out else 0))
    return out


def _blank(raw: str, before: int, at: int) -> bool:
    """A space after a space: runs of spaces and line breaks read as one."""
    return raw[before].isspace() and raw[at].isspace()


def _names(missing: list[str], figures: list[Quantity]) -> list[str]:
    """The names among what a sentence lacks of the text (the rest are figures)."""
    surfaces = {f.surface for f in figures}
    return [m for m in missing if m not in surfaces]


def _in_figure(offset: int, figures: list[Quantity]) -> bool:
    """Whether a word starts inside a figure: Q3 in "Q3 2020" is a date, not a name."""
    return any(f.start <= offset < f.end for f in figures)


def _share_figure(figures: list[Quantity], said: tuple[Quantity, ...]) -> bool:
    """A sentence that gives one of the text's figures is about the same thing even in
    other words ("40% of its revenue by 2027" and "50% of revenue by 2027"), so its other
    figures can contradict the text's. Not a network generation: half the reports' sentences
    say 5G."""
    return any(f.same_value(q) for q in said for f in figures if f.kind != "generation")


@lru_cache(maxsize=4096)
def _figures(quote: str) -> tuple[Quantity, ...]:
    """The figures of a report sentence (the same few come up again and again) or of the
    text being checked (once per candidate sentence)."""
    return tuple(quantities(quote))


@lru_cache(maxsize=1024)
def _said_names(said: str) -> Names:
    """The words a quote and its passage say (folded; U.S. is also US), the initials of
    their names (Research and Development: RD) and their acronyms (BRI, DSR)."""
    said = normalize(said)
    said += " " + ABBREV_DOTS.sub("", said)
    words = re.findall(r"[\w\ufffd]+", fold(said))  # one pass: fold keeps lengths
    words += [fold(w) for w in re.findall(r"\b[A-Z](?:&[A-Z])+\b", said)]  # R&D
    plurals = [fold(_singular(w)) for w in re.findall(r"\b[A-Z]{2,}s\b", said)]  # (MOUs)
    have = frozenset(words + plurals)
    return have, frozenset(_initials(said)), frozenset(re.findall(r"\b[A-Z]{2,}\b", said))


def _encode(words: list[str], codes: dict[str, str]) -> str:
    """Words as one private-use character each, so rapidfuzz aligns words, not letters."""
    return "".join(codes.setdefault(w, chr(0xE000 + len(codes))) for w in words)


def _capitalised_inside(text: str, start: int) -> bool:
    """A capitalised word that does not open a sentence: part of a name (U *Mobile*)."""
    before = text[:start].rstrip()
    return text[start : start + 1].isupper() and bool(before) and before[-1] not in ".!?:"


def _said(low: str, words: frozenset[str]) -> bool:
    """Whether a folded name, or a form of it (China, Chinese), is among ``words``."""
    return low in words or any(_kindred(low, h) for h in words)


METONYMS = {  # a capital for its government: "Beijing" says what "China" does
    "beijing": ("China", "Chinese"),
    "washington": ("US", "United States", "American"),
}


def _metonym_said(low: str, have: frozenset[str], caps: frozenset[str]) -> bool:
    """Whether a capital standing for its country is said by the country's name (US in
    capitals only: "us" is also a pronoun)."""
    return any(
        alias in caps if alias.isupper() else all(w in have for w in fold(alias).split())
        for alias in METONYMS.get(low, ())
    )


def _singular(word: str) -> str:
    """SOEs and MOUs are SOE and MOU: an acronym's plural names the same thing."""
    return word[:-1] if re.fullmatch(r"[A-Z]{2,}s", word) else word


DEMONYMS = {  # adjectives of countries that share too little of the name to look kindred
    "polish": "poland",
    "irish": "ireland",
    "spanish": "spain",
    "english": "england",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "danish": "denmark",
    "filipino": "philippines",
    "laotian": "laos",
    "american": "us",  # America itself is kindred by its letters
}


def _kindred(a: str, b: str) -> bool:
    """Forms of one name: Asia and Asian, Sweden and Swedish, China and Chinese, Polish
    and Poland."""
    if a == b or DEMONYMS.get(a) == b or DEMONYMS.get(b) == a:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= 0.6 * min(len(a), len(b))


def _kin(q: Quantity) -> str:
    """Kinds that can stand for each other: a year and a dated year, money and a bare
    number, a share and a percentage. A month with no year is its own kind: it neither
    confirms nor denies a year."""
    if q.kind in ("date", "period"):
        return "year" if q.states_year else {"date": "month"}.get(q.kind, q.kind)
    if q.kind == "decade":
        return "year"
    return {"money": "number", "fraction": "percent"}.get(q.kind, q.kind)


def _confirmed(q: Quantity, said: list[Quantity]) -> bool:
    """Whether the quote gives the text's figure. A date or period is decided by one of
    its own kind in the same year where the quote has one: "late 2020" is not confirmed
    by "in 2020" beside "early 2020", nor a year by a decade."""
    if q.kind != "decade":  # "the 2020s" does not say 2020
        said = [r for r in said if r.kind != "decade"]
    if q.kind in ("date", "period"):
        sharper = [r for r in said if r.kind == q.kind and r.year == q.year]
        if sharper:
            return any(q.same_value(r) for r in sharper)
    return any(q.same_value(r) for r in said)


def _rival(q: Quantity, r: Quantity) -> bool:
    """Whether the report's figure ``r`` can stand where the text's ``q`` does: the same
    kind, and an amount only for an amount (a bare "two" is not "$200 billion")."""
    if _kin(q) != _kin(r) or (r.kind == "decade") != (q.kind == "decade"):
        return False  # a decade neither confirms nor denies a year
    if {q.kind, r.kind} == {"money", "number"}:
        count = q if q.kind == "number" else r
        return count.value >= 1000
    return True


def _nearest(q: Quantity, text: str, rivals: list[Quantity], quote: str) -> str:
    """The rival figure that stands where the text's does: among the same words, in its
    sentence and next to it ("46 percent of Malaysians were online in 2010" and "in 2010,
    only 56 percent of the population was online"), then of the same kind (money for
    money), then with the same next word (300 *intersections*), then the nearest in value
    (an altered figure is mostly a small change: $31,000 for $29,000, not for $11,200)."""
    return max(rivals, key=lambda r: _fit(q, text, r, quote)).surface


def _fit(q: Quantity, text: str, r: Quantity, quote: str) -> tuple[int, bool, bool, float]:
    """How well the report's figure ``r`` stands where the text's ``q`` does."""
    shared = len(_around(text, q, 60) & _around(quote, r, 60))  # the whole sentence
    near = len(_around(text, q, 6) & _around(quote, r, 6))
    after = _words_after(text, q.end)[:1]
    return (
        shared + near,
        r.kind == q.kind,
        bool(after) and _words_after(quote, r.end)[:1] == after,
        -_distance(q.value, r.value),
    )


def _distance(a: float, b: float) -> float:
    """How far apart two values are, as a ratio (1990 and 2000 are near, 5 and 50 not)."""
    if a <= 0 or b <= 0:
        return abs(a - b)
    return abs(math.log(a / b))


def _words_after(text: str, end: int) -> list[str]:
    return re.findall(r"[a-z]+", fold(text[end : end + 30]))


CLAUSE_BREAK = re.compile(r";|—|\s–\s|[()]|,\s+(?:but|while|whereas|although|though)\b")


@lru_cache(maxsize=8192)
def _around(text: str, q: Quantity, reach: int) -> frozenset[str]:
    """Content words within ``reach`` words either side of a figure, in its clause: "46
    percent of Malaysians were online in 2010, but more than 80 percent ..." puts 2010
    with 46 percent, not with 80."""
    start, end = next(((a, b) for a, b in split_sentences(text) if a <= q.start < b), (0, 0))
    for m in CLAUSE_BREAK.finditer(text, start, max(end, q.end)):
        if m.end() <= q.start:
            start = m.end()
        elif m.start() >= q.end:
            end = m.start()
            break
    before = text[start : q.start].split()[-reach:]
    after = text[q.end : max(end, q.end)].split()[:reach]
    return frozenset(content_terms(" ".join(before + after)))

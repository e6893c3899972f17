"""Load the reports, undo what PDF extraction did to them, and keep every cleaned
character's position in the raw file so a citation can point at exact lines.

The cleaner works on lines and blank-line blocks: it drops noise (running headers,
footers, bare URLs, photo credits, chapter numbers, source notes), finds headings,
figures, tables and timeline bullets, joins hard-wrapped lines and paragraphs cut by
page breaks, and repairs words (hyphenation, ligatures, glued footnote numbers, escaped
dollars, link markup, split drop caps). Its output is a list of ``Unit``: a paragraph,
a table row or a timeline entry, each inside one section.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import BadInputError, CorpusError

CATALOG_NAME = "catalog.json"

TERMINAL = tuple('.?!:;”"’)]…')
LIGATURE = "\ufffd"
LIGATURE_CANDIDATES = ("ff", "fi", "fl", "ffi", "ffl")
NOTE_PREFIX = re.compile(r"^(?:Sources?|Notes?):")
FIGURE_CAPTION = re.compile(r"^Figure \d+:")
BULLET = re.compile(r"^[▪•]\s*")
ROW_YEAR = re.compile(
    r"^(?:(?:Late|Early|Mid-)\s*)?\d{4}s?\b(?:\s+and\s+(?:late|early|mid-)?\s*\d{4}s?\b)?"
)
ROW_START = re.compile(r"^\d{4}\s+[A-Z]")  # a new table row inside a block
GENERIC_DROP = [
    re.compile(r"^https?://\S+$"),  # bare URLs
    re.compile(r"^\d{1,3}$"),  # chapter and page numbers on their own line
    re.compile(r"^\+?\d[\d .()-]{6,}$"),  # phone numbers
    re.compile(r"^\S+@\S+\.\w+$"),  # e-mail addresses
]
WORD = re.compile(r"[A-Za-z]+")
FOOTNOTE = re.compile(
    r"(?:(?<=[a-z)\]”’\"%])|(?<=[A-Za-z)\]”’\"%][.,;:])|(?<=[^\d$.,](?:19|20)\d\d[.,;:]))"
    r"(\d{1,3})(?=[\s—–,;:.)]|$)"
)  # after a word, a quote, or a year's full stop (``IPO in 2014.88``: note 88)
LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
ESCAPED_DOLLAR = re.compile(r"\\\$")
DROP_CAP = re.compile(r"^([A-Z]) (?=([a-z]+))")
ABBREVIATIONS = ("Inc.", "Co.", "Ltd.", "U.S.", "vs.")
CUT_HEADING_WORDS = {"and", "of", "the", "for", "in", "from", "to", "with", "on", "a", "an"}
MULTISPACE = re.compile(r"[ \t]{2,}")
INSET_LINES = 6  # the longest pull-quote, in raw lines with the blank ones between


@dataclass(frozen=True)
class Report:
    """One report of the catalog: its identity and the file its citations point at."""

    id: str
    file: str  # path relative to the repository root, e.g. "corpus/x.txt"
    path: Path
    title: str
    short_title: str
    authors: tuple[str, ...]
    publisher: str
    date: str
    sha256: str
    profile: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The fields a citation shows, JSON-ready."""
        return {
            "id": self.id,
            "file": self.file,
            "title": self.title,
            "short_title": self.short_title,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "date": self.date,
        }

    def read_raw(self) -> str:
        """The raw text, checked against the catalog hash so citations stay exact."""
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise CorpusError(
                f"cannot read report {self.id} at {self.path}: {exc.strerror}; "
                "copy it byte-for-byte from ../shared/corpus/"
            ) from None
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.sha256:
            raise CorpusError(
                f"report {self.id} ({self.path}) has sha256 {digest[:12]}…, the catalog expects "
                f"{self.sha256[:12]}…; restore the file byte-for-byte from ../shared/corpus/"
            )
        return data.decode("utf-8")


@dataclass(frozen=True)
class Catalog:
    """The reports the tool answers from, in catalog order."""

    root: Path  # the repository root: report files are relative to it
    reports: tuple[Report, ...]

    def get(self, report_id: str) -> Report:
        """The report with this id, or a BadInputError listing the known ids."""
        for report in self.reports:
            if report.id == report_id:
                return report
        known = ", ".join(r.id for r in self.reports)
        raise BadInputError(f"unknown report {report_id!r}; expected one of: {known}")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.reports)


def load_catalog(corpus_dir: Path) -> Catalog:
    """Read ``corpus/catalog.json``; the reports sit beside it."""
    corpus_dir = Path(corpus_dir).resolve()
    path = corpus_dir / CATALOG_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(
            f"no catalog at {path}; expected the corpus folder with catalog.json and the reports"
        ) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"cannot read catalog {path}: {exc}") from None
    root = corpus_dir.parent
    reports = []
    for item in data.get("reports", []):
        file_path = corpus_dir / item["file"]
        reports.append(
            Report(
                id=item["id"],
                file=file_path.relative_to(root).as_posix(),
                path=file_path,
                title=item["title"],
                short_title=item["short_title"],
                authors=tuple(item["authors"]),
                publisher=item.get("publisher", ""),
                date=item["date"],
                sha256=item["sha256"],
                profile=item.get("profile", {}),
            )
        )
    if not reports:
        raise CorpusError(f"catalog {path} lists no reports")
    return Catalog(root=root, reports=tuple(reports))


class Mapped:
    """A string that remembers, for each character, its offset in the raw file.

    Every edit goes through ``sub`` or concatenation so the map can never drift from
    the text. Characters the cleaner adds (a space for a joined line, ``ff`` for a lost
    ligature) take the raw offset of what they replace.
    """

    __slots__ = ("text", "offs")

    def __init__(self, text: str, offs: list[int]) -> None:
        if len(text) != len(offs):
            raise ValueError("text and offsets differ in length")
        self.text = text
        self.offs = offs

    @classmethod
    def from_raw(cls, raw: str, start: int, end: int) -> Mapped:
        return cls(raw[start:end], list(range(start, end)))

    @classmethod
    def synthetic(cls, text: str, offset: int) -> Mapped:
        return cls(text, [offset] * len(text))

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.offs + other.offs)

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offs[start:end])

    def strip(self) -> Mapped:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> Mapped:
        """Regex replace; a replacement found inside the match keeps that part's offsets."""
        pieces: list[Mapped] = []
        pos = 0
        for m in pattern.finditer(self.text):
            pieces.append(self.slice(pos, m.start()))
            new = repl(m)
            inner = m.group(0).find(new) if new else -1
            if new and inner >= 0:
                pieces.append(self.slice(m.start() + inner, m.start() + inner + len(new)))
            elif new:
                pieces.append(Mapped.synthetic(new, self.offs[m.start()]))
            pos = m.end()
        if not pieces:
            return self
        pieces.append(self.slice(pos, len(self.text)))
        out = pieces[0]
        for piece in pieces[1:]:
            out = out + piece
        return out


@dataclass(frozen=True)
class Unit:
    """A cleaned paragraph, table row or timeline entry, inside one section."""

    report_id: str
    kind: str  # "paragraph" | "figure" | "table_row" | "timeline"
    section: str
    subsection: str
    text: str
    offsets: tuple[int, ...]
    group: int  # units of one table share a group, so rows can be packed together
    labels: tuple[str, ...] = ()  # column names, for table rows
    cells: tuple[tuple[int, int], ...] = ()  # cell spans in text, for table rows

    @property
    def heading(self) -> str:
        """Section path as shown in citations."""
        return f"{self.section} — {self.subsection}" if self.subsection else self.section

    def labelled_text(self) -> str:
        """Text with column meanings spelled out, for indexing table rows."""
        if not self.cells:
            return self.text
        parts = []
        for i, (start, end) in enumerate(self.cells):
            label = self.labels[i] if i < len(self.labels) else ""
            cell = self.text[start:end]
            parts.append(f"{label}: {cell}" if label else cell)
        return "; ".join(parts)


@dataclass(frozen=True)
class Document:
    """A report's raw text, its cleaned units, and the raw line starts for citations."""

    report: Report
    raw: str
    units: tuple[Unit, ...]

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        for i, ch in enumerate(self.raw):
            if ch == "\n":
                starts.append(i + 1)
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of a raw character offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def lines(self, first: int, last: int) -> list[str]:
        """Raw lines ``first``..``last`` (1-based, inclusive), clipped to the file."""
        all_lines = self.raw.split("\n")
        first = max(1, first)
        last = min(len(all_lines), last)
        return all_lines[first - 1 : last]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-case word counts of whole words, leaving out words broken across lines.

    The repairs (hyphenation, ligatures, drop caps) ask it whether a repaired word is
    one the reports use elsewhere.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        text = re.sub(r"\w*-[ \t]*\n\s*\w*", " ", text)
        text = re.sub(r"\w*" + LIGATURE + r"\w*", " ", text)
        text = re.sub(r"(?m)^\s*[A-Z] [a-z]+", " ", text)
        counts.update(w.lower() for w in WORD.findall(text))
    return counts


@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str  # blank | drop | note | table | bullet | text | inset


class Cleaner:
    """Turns one report's raw text into units. See the module docstring for the rules."""

    def __init__(self, report: Report, raw: str, vocab: Counter[str]) -> None:
        self.report = report
        self.raw = raw
        self.vocab = vocab
        profile = report.profile
        self.drop = [re.compile(p) for p in profile.get("drop_lines", [])]
        self.skip_sections = [re.compile(p) for p in profile.get("skip_sections", [])]
        self.forced_headings = [re.compile(p) for p in profile.get("headings", [])]
        self.space_tables = {t["header"]: t["columns"] for t in profile.get("space_tables", [])}
        self.footnotes = bool(profile.get("footnotes", False))
        self.units: list[Unit] = []
        self.section = ""
        self.subsection = ""
        self.skip = False
        self.pending: Mapped | None = None
        self.pending_where: tuple[str, str, str] = ("", "", "paragraph")
        self.seen: set[str] = set()
        self.group = 0
        self.last_note = 0

    # ----- lines and blocks -------------------------------------------------------
    def lines(self) -> list[_Line]:
        out = []
        pos = 0
        for text in self.raw.split("\n"):
            start, end = pos, pos + len(text)
            pos = end + 1
            stripped = text.strip()
            if not stripped:
                kind = "blank"
            elif any(p.search(stripped) for p in GENERIC_DROP + self.drop):
                kind = "drop"
            elif NOTE_PREFIX.match(stripped):
                kind = "note"
            elif "\t" in text:
                kind = "table"
            elif BULLET.match(stripped):
                kind = "bullet"
            else:
                kind = "text"
            out.append(_Line(start, end, text, kind))
        self.mark_insets(out)
        return out

    def mark_insets(self, lines: list[_Line]) -> None:
        """A pull-quote the PDF put inside a sentence becomes an ``inset`` of its own.

        Its signature: an indented capitalised line right after a line that stops
        mid-sentence, running to a line that ends one, after which an indented
        lowercase line carries on the cut sentence (``visited Hangzhou`` / `` Before
        the Covid-19 pandemic, ...`` / ... / `` to assure Jack Ma``).
        """
        for i in range(1, len(lines)):
            line, prev = lines[i], lines[i - 1]
            if not (
                line.kind == "text"
                and prev.kind == "text"
                and line.text[:1].isspace()
                and line.text.strip()[:1].isupper()
                and not prev.text.strip().endswith(TERMINAL)
            ):
                continue
            end = next(
                (
                    k
                    for k in range(i, min(i + INSET_LINES, len(lines)))
                    if lines[k].kind == "text" and lines[k].text.strip().endswith(TERMINAL)
                ),
                None,
            )
            if end is None or any(lines[k].kind not in ("text", "blank") for k in range(i, end)):
                continue
            after = next((x for x in lines[end + 1 :] if x.kind != "blank"), None)
            if after is not None and after.text[:1].isspace() and after.text.strip()[:1].islower():
                for k in range(i, end + 1):
                    if lines[k].kind == "text":
                        lines[k].kind = "inset"

    def blocks(self, lines: list[_Line]) -> list[list[_Line]]:
        """Runs of content lines; blank and dropped lines separate them. A source note is
        a block of its own even with no blank line around it, and ends at an indented
        line: the paragraph the PDF put right after it. A pull-quote's lines are one
        block, blank lines and all, so the sentence it cut joins up around it."""
        blocks: list[list[_Line]] = []
        current: list[_Line] = []
        inset: list[_Line] = []
        for line in lines:
            if line.kind == "inset":
                if current:
                    blocks.append(current)
                current = []
                inset.append(line)
                continue
            if inset and line.kind != "blank":
                blocks.append(inset)
                inset = []
            if line.kind in ("blank", "drop"):
                if current:
                    blocks.append(current)
                current = []
            elif current and (
                line.kind == "note" or (current[0].kind == "note" and line.text[:1].isspace())
            ):
                blocks.append(current)
                current = [line]
            else:
                current.append(line)
        blocks.extend(b for b in (current, inset) if b)
        merged: list[list[_Line]] = []
        for block in blocks:
            if merged and self.cut_heading(merged[-1], block):
                merged[-1] = merged[-1] + block
            else:
                merged.append(block)
        blocks = merged
        out = []
        for i, block in enumerate(blocks):
            nxt = blocks[i + 1][0] if i + 1 < len(blocks) else None
            out.extend(self.split_at_headings(block, nxt))
        return out

    def cut_heading(self, block: list[_Line], nxt: list[_Line]) -> bool:
        """A heading whose last line ends in ``and``/``of`` continues after a page break."""
        last = block[-1].text.split()
        return (
            bool(last)
            and last[-1] in CUT_HEADING_WORDS
            and self.is_heading_line(block[-1], False)
            and self.is_heading_line(nxt[0], True)
        )

    def split_at_headings(self, block: list[_Line], nxt: _Line | None) -> list[list[_Line]]:
        """A heading can follow the last line of a paragraph with no blank line between."""
        parts: list[list[_Line]] = []
        start = 0
        for j in range(1, len(block)):
            prev = block[j - 1].text.strip()
            ends_paragraph = prev.endswith(TERMINAL) and not prev.endswith(ABBREVIATIONS)
            if ends_paragraph and self.heading_lines(block[j:], nxt):
                parts.append(block[start:j])
                start = j
        parts.append(block[start:])
        return parts

    def frag(self, line: _Line) -> Mapped:
        return Mapped.from_raw(self.raw, line.start, line.end).strip()

    # ----- word repairs -----------------------------------------------------------
    def join_lines(self, lines: list[_Line]) -> Mapped:
        """Join hard-wrapped lines, undoing hyphenation where the joined word is known."""
        out: Mapped | None = None
        for line in lines:
            piece = self.frag(line)
            if not piece.text:
                continue
            out = piece if out is None else self.join(out, piece)
        return out if out is not None else Mapped("", [])

    def join(self, left: Mapped, right: Mapped) -> Mapped:
        """Join two fragments of one sentence with a space, or none after a dash."""
        lt, rt = left.text, right.text
        if lt.endswith("-") and len(lt) > 1 and lt[-2].isalpha() and rt[:1].islower():
            head = re.search(r"[A-Za-z]+$", lt[:-1])
            tail = re.match(r"[a-z]+", rt)
            if head and tail and self.drop_hyphen(head.group(0), tail.group(0)):
                return left.slice(0, len(lt) - 1) + right
            return left + right
        if lt.endswith(("-", "—", "–", "/")):
            return left + right
        return left + Mapped.synthetic(" ", left.offs[-1] + 1) + right

    def drop_hyphen(self, head: str, tail: str) -> bool:
        """``govern-`` + ``ment`` is one word; ``tech-`` + ``friendly`` keeps its hyphen."""
        if (head + tail).lower() in self.vocab:
            return True
        return head.lower() not in self.vocab and tail.lower() not in self.vocab

    def repair(self, text: Mapped, paragraph_start: bool = True) -> Mapped:
        """Word-level repairs on one joined paragraph or cell."""
        text = text.sub(ESCAPED_DOLLAR, lambda m: "$")
        text = text.sub(LINK, lambda m: m.group(1))
        if self.footnotes:
            text = text.sub(FOOTNOTE, self.footnote)
        text = text.sub(re.compile(r"[A-Za-z]*" + LIGATURE + r"[A-Za-z]*"), self.ligature)
        if paragraph_start:
            text = text.sub(DROP_CAP, self.drop_cap)
        text = text.sub(MULTISPACE, lambda m: " ")
        text = text.sub(re.compile(r" (?=[,.;:])"), lambda m: "")
        return text.strip()

    def footnote(self, m: re.Match[str]) -> str:
        """Drop a glued note number only if it is the next one: ``iPay88`` is a name."""
        number = int(m.group(1))
        if self.last_note < number <= self.last_note + 3:
            self.last_note = number
            return ""
        return m.group(0)

    def ligature(self, m: re.Match[str]) -> str:
        """``o�ered`` -> ``offered``: the candidate the reports use most elsewhere."""
        word = m.group(0)
        best, best_count = word.replace(LIGATURE, "ff"), -1
        for cand in LIGATURE_CANDIDATES:
            fixed = word.replace(LIGATURE, cand)
            count = self.vocab.get(fixed.lower(), 0)
            if count > best_count:
                best, best_count = fixed, count
        return best

    def drop_cap(self, m: re.Match[str]) -> str:
        """``I s China's`` -> ``Is China's`` when the joined word is a known word."""
        joined = (m.group(1) + m.group(2)).lower()
        tail = m.group(2).lower()
        if joined in self.vocab and (tail not in self.vocab or len(tail) <= 2):
            return m.group(1)
        return m.group(0)

    # ----- structure --------------------------------------------------------------
    def is_heading_line(self, line: _Line, first: bool) -> bool:
        text = line.text.strip()
        if line.kind != "text" or len(text) > 100:
            return False
        if text.endswith((".", ",", ";", ":", "!", "?")) and not text.endswith(ABBREVIATIONS):
            return False
        return not first or bool(re.match(r"[A-Z0-9“\"‘']", text))

    def heading_lines(self, block: list[_Line], nxt: _Line | None) -> int:
        """How many leading lines of a block form a heading (0 if none)."""
        first = block[0].text.strip()
        if any(p.search(first) for p in self.forced_headings) or FIGURE_CAPTION.match(first):
            n = 1
            while n < min(len(block), 3) and self.is_heading_line(block[n], False):
                n += 1
            return n
        most = 0
        while most < min(len(block), 3) and self.is_heading_line(block[most], most == 0):
            most += 1
        for n in range(most, 0, -1):
            follow = block[n] if n < len(block) else nxt
            if follow is None:
                continue
            if follow.kind == "table":
                return n
            longest = max(len(line.text.strip()) for line in block[:n])
            flen = len(follow.text.strip())
            if follow.kind == "text" and flen >= 75 and flen >= longest + 20:
                return n
        return 0

    def heading_text(self, lines: list[_Line]) -> str:
        parts = [self.repair(self.frag(line)).text for line in lines]
        text = parts[0]
        for k, part in enumerate(parts[1:]):
            if FIGURE_CAPTION.match(parts[0]) and k == 0:
                sep = " — "
            elif len(parts[0].split()) <= 2 and part[:1].isupper() and k == 0:
                sep = ": "
            else:
                sep = " "
            text = f"{text}{sep}{part}"
        return text

    def set_heading(self, text: str, kind: str) -> None:
        """Start a section (main) or a figure/table inside the current one (sub)."""
        if kind == "main":
            if any(p.search(text) for p in self.skip_sections):
                self.skip = True
                return
            self.flush()
            self.section = text
            self.subsection = ""
        else:
            self.subsection = text
        self.skip = False

    def emit(self, text: Mapped, kind: str, **extra: Any) -> None:
        if not text.text or text.text in self.seen:
            return
        self.seen.add(text.text)
        section, subsection = extra.pop("where", None) or (self.section, self.subsection)
        self.units.append(
            Unit(
                report_id=self.report.id,
                kind=kind,
                section=section or self.report.title,
                subsection=subsection,
                text=text.text,
                offsets=tuple(text.offs),
                group=self.group,
                **extra,
            )
        )

    def paragraph(self, text: Mapped, kind: str) -> None:
        """Collect a paragraph; one that stops mid-sentence waits for its continuation."""
        if self.pending is not None:
            text = self.join(self.pending, text)
            section, subsection, kind = self.pending_where
        else:
            section, subsection = self.section, self.subsection
        if text.text.endswith(TERMINAL):
            self.pending = None
            self.group += 1
            self.emit(text, kind, where=(section, subsection))
        else:
            self.pending = text
            self.pending_where = (section, subsection, kind)

    def flush(self) -> None:
        if self.pending is not None:
            section, subsection, kind = self.pending_where
            self.group += 1
            self.emit(self.pending, kind, where=(section, subsection))
            self.pending = None

    def table_rows(self, block: list[_Line]) -> None:
        """Tab-separated rows; a first row of short cells is the header."""
        self.group += 1
        rows = [line for line in block if line.kind == "table"]
        labels: tuple[str, ...] = ()
        first_cells = [c.strip() for c in rows[0].text.split("\t")]
        dated = any(ROW_YEAR.match(c) or re.match(r"^[A-Z][a-z]+ \d{4}$", c) for c in first_cells)
        if len(rows) > 1 and all(0 < len(c) <= 60 for c in first_cells) and not dated:
            labels = tuple(first_cells)
            rows = rows[1:]
        for line in rows:
            self.table_row_cells(self.split_cells(line), labels)

    def split_cells(self, line: _Line) -> list[Mapped]:
        cells = []
        pos = line.start
        for part in line.text.split("\t"):
            cells.append(Mapped.from_raw(self.raw, pos, pos + len(part)))
            pos += len(part) + 1
        return cells

    def table_row_cells(self, cells: list[Mapped], labels: tuple[str, ...]) -> None:
        """Emit one row with each cell's span, so its column meaning survives."""
        row: Mapped | None = None
        spans = []
        for cell in cells:
            cell = self.repair(cell.strip(), paragraph_start=False)
            if not cell.text:
                continue
            if row is None:
                row = cell
                spans.append((0, len(cell)))
            else:
                sep = Mapped.synthetic(" ", cell.offs[0] - 1)
                start = len(row) + 1
                row = row + sep + cell
                spans.append((start, start + len(cell)))
        if row is not None:
            self.emit(row, "table_row", labels=labels, cells=tuple(spans))

    def space_table(self, blocks: list[list[_Line]], i: int, columns: list[str]) -> int:
        """Rows of a table whose columns the PDF flattened into spaces (appendix tables).

        A block starting with a year starts a row; the blocks after it, up to the next
        year, are its other cells. Returns the index of the first block after the table.
        """
        self.group += 1
        rows: list[list[Mapped]] = []
        while i < len(blocks):
            block = blocks[i]
            if block[0].kind == "note" or self.heading_lines(block, None):
                break
            starts = [j for j, line in enumerate(block) if j and ROW_START.match(line.text.strip())]
            for a, b in zip([0, *starts], [*starts, len(block)], strict=True):
                text = self.repair(self.join_lines(block[a:b]), paragraph_start=False)
                if ROW_YEAR.match(text.text) or not rows:
                    rows.append([text])
                else:
                    rows[-1].append(text)
            i += 1
        for parts in rows:
            self.table_row_cells(self.split_row(parts), tuple(columns))
        return i

    def split_row(self, parts: list[Mapped]) -> list[Mapped]:
        """Year, entity, support: from the block layout, or where the support starts."""
        first = parts[0]
        year = ROW_YEAR.match(first.text)
        if year is None:
            return parts
        ycut = year.end()
        if len(parts) >= 2:
            entity = first.slice(ycut, len(first)).strip()
            middle = [entity] if entity.text else []
            if not middle and len(parts) >= 3:
                middle, parts = [parts[1]], [parts[0], *parts[2:]]
                # "Late 1990s and early 2000s" continues the year on the next lines
                return [first, middle[0], self.concat(parts[1:])]
            return [first.slice(0, ycut), *middle, self.concat(parts[1:])]
        year_text = first.slice(0, ycut)
        rest = first.slice(ycut, len(first)).strip()
        tokens = list(re.finditer(r"\S+", rest.text))
        cut = len(rest)
        for k in range(1, len(tokens)):
            tok, prev = tokens[k].group(0), tokens[k - 1].group(0)
            if tok[0] in "$0123456789" or (tok[0].isupper() and prev[0].islower()):
                cut = tokens[k].start()
                break
        return [year_text, rest.slice(0, cut).strip(), rest.slice(cut, len(rest)).strip()]

    def concat(self, parts: list[Mapped]) -> Mapped:
        out = parts[0]
        for part in parts[1:]:
            out = self.join(out, part)
        return out

    def timeline(self, block: list[_Line]) -> None:
        """Each bullet is one dated entry; continuation lines belong to the bullet above."""
        entries: list[list[_Line]] = []
        for line in block:
            if line.kind == "bullet" or not entries:
                entries.append([line])
            else:
                entries[-1].append(line)
        for lines in entries:
            text = self.repair(self.join_lines(lines), paragraph_start=False)
            text = text.sub(re.compile(r"^[▪•]\s*"), lambda m: "")
            if self.pending is not None:
                self.flush()
            self.group += 1
            self.emit(text, "timeline")

    def end_subsection_at_prose(self, block: list[_Line]) -> None:
        """Long prose lines after a table or figure belong to the main text again."""
        longest = max(len(line.text.strip()) for line in block)
        if not self.subsection or longest < 75:
            return
        if not FIGURE_CAPTION.match(self.subsection) or longest >= 90:
            self.subsection = ""

    def is_label_block(self, block: list[_Line]) -> bool:
        """Map labels and names cut from a figure: every line a few bare words."""
        return all(
            len(line.text.split()) <= 3 and not re.search(r"[\d.,;:!?]", line.text)
            for line in block
        )

    def run(self) -> list[Unit]:
        lines = self.lines()
        blocks = self.blocks(lines)
        i = 0
        while i < len(blocks):
            block = blocks[i]
            nxt = blocks[i + 1][0] if i + 1 < len(blocks) else None
            i += 1
            head = block[0].text.strip()
            if block[0].kind == "inset":
                self.group += 1
                self.emit(self.repair(self.join_lines(block)), "paragraph")
                continue
            if block[0].kind == "note":
                self.subsection = ""
                continue
            if head in self.space_tables:
                i = self.space_table(blocks, i, self.space_tables[head])
                continue
            n = self.heading_lines(block, nxt)
            if n:
                text = self.heading_text(block[:n])
                if FIGURE_CAPTION.match(text):
                    kind = "sub"
                else:
                    follow = block[n] if n < len(block) else nxt
                    kind = "sub" if follow is not None and follow.kind == "table" else "main"
                self.set_heading(text, kind)
                block = block[n:]
                if not block:
                    continue
            if self.skip:
                continue
            if block[0].kind == "table":
                self.table_rows(block)
                continue
            if block[0].kind == "bullet":
                self.timeline(block)
                continue
            if self.is_label_block(block) and self.pending is None:
                continue
            self.end_subsection_at_prose(block)
            kind = "figure" if self.subsection else "paragraph"
            self.paragraph(self.repair(self.join_lines(block)), kind)
        self.flush()
        return sorted(self.units, key=lambda u: u.offsets[0])


def load_documents(corpus_dir: Path, catalog: Catalog | None = None) -> list[Document]:
    """Read and clean every report of the catalog."""
    catalog = catalog or load_catalog(corpus_dir)
    raws = [report.read_raw() for report in catalog.reports]
    vocab = vocabulary(raws)
    docs = []
    for report, raw in zip(catalog.reports, raws, strict=True):
        units = Cleaner(report, raw, vocab).run()
        docs.append(Document(report=report, raw=raw, units=tuple(units)))
    return docs


def clean_text(
    raw: str, profile: dict[str, Any] | None = None, vocab_texts: Iterable[str] = ()
) -> list[Unit]:
    """Clean an inline text with an optional profile: the entry point for unit tests."""
    report = Report(
        id="inline",
        file="inline.txt",
        path=Path("inline.txt"),
        title="Inline",
        short_title="Inline",
        authors=(),
        publisher="",
        date="",
        sha256="",
        profile=profile or {},
    )
    vocab = vocabulary([raw, *vocab_texts])
    return Cleaner(report, raw, vocab).run()


def check_report_id(catalog: Catalog, report_id: str | None) -> str | None:
    """Validate an optional ``--report`` filter early, with the list of valid ids."""
    if report_id is None:
        return None
    return catalog.get(report_id).id


__all__ = [
    "Catalog",
    "Document",
    "Mapped",
    "Report",
    "Unit",
    "BadInputError",
    "load_catalog",
    "load_documents",
    "clean_text",
]

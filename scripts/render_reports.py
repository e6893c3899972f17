"""Typeset the two report texts in ``corpus/`` as PDFs, deterministically, for extraction tests.

Each blank-line-separated block becomes one justified, hyphenated 11 pt paragraph (lines joined,
``\\$`` as ``$``, ``[text](#)`` as its text); heading-like lines become bold headings and outline
entries; tab-separated lines become tables with a repeated header row. US Letter, a running
header (short title, from page 2), footer "Page N"; metadata from ``corpus/catalog.json``.
The same input gives the same bytes (reportlab ``invariant=1``).

    python scripts/render_reports.py [--out testdocs/rendered]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
SERIF, BOLD, CJK_FONT = "DejaVuSerif", "DejaVuSerif-Bold", "STSong-Light"
MARGIN = 2.5 * cm

LINK = re.compile(r"\[([^\]]*)\]\(#\)")  # Markdown link markup: written as its text
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")  # not in DejaVu: a CID font
BROKEN = re.compile(r"[A-Za-z]+-[ \t]*\n\s*[A-Za-z]*")  # a word cut by a line-end hyphen
SENTENCE_END = re.compile(r"[.!?\"”)]\d*$")  # a line ending a sentence (maybe a note number)
CAPTION = re.compile(r"(Figure|Table|Appendix|Chapter)\s+\w+")
NOT_HEADING = re.compile(r"(Sources?|Notes?|Photo credit)\b|.*\w/\w")  # notes and credits
STOPS, ABBREVIATIONS = (".", ",", ";", ":", "!", "?"), ("Inc.", "Co.", "Ltd.")
CUT = (" and", " of", " the", " for", " in", " to")  # a heading cut by a page break

Item = tuple[str, list[str]]  # ("h" heading | "p" paragraph | "t" table, its lines)


def vocabulary(texts: list[str]) -> Counter[str]:
    """Lower-case counts of the whole words the reports use (words cut at a line end left out)."""
    words = (re.findall(r"[A-Za-z]+", BROKEN.sub(" ", text)) for text in texts)
    return Counter(w.lower() for ws in words for w in ws)


def blocks(text: str) -> list[list[str]]:
    """Blank-line-separated runs of lines; a word hyphenated across a blank line stays whole."""
    out: list[list[str]] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        cut = bool(out) and re.search(r"[A-Za-z]-\s*$", out[-1][-1]) is not None
        if lines and cut and lines[0].strip()[:1].islower():
            out[-1].extend(lines)
        elif lines:
            out.append(lines)
    return out


def heading_like(line: str, first: bool) -> bool:
    """A short line with no sentence stop; a heading's first line starts with a capital."""
    s = line.strip()
    if not s or len(s) > 90 or "\t" in line or NOT_HEADING.match(s):
        return False
    if s.endswith(STOPS) and not s.endswith(ABBREVIATIONS):
        return False
    return not first or s[0].isupper()


def heading_length(lines: list[str], i: int, nxt: str | None, top: bool) -> int:
    """How many lines from ``lines[i]`` form a heading (0: none). A Markdown ``#`` line, an
    ALL-CAPS line or (``top``) the text's first line standing alone, a figure caption, or up to
    three heading-like lines (more than one: in Title Case) followed by a table or by a clearly
    longer line of prose (``nxt``: the next block's first line)."""
    first = lines[i].strip()
    if first.startswith("#"):
        return 1
    caps = first.upper() == first and re.search(r"[A-Z]{2}", first)
    if len(lines) == 1 and heading_like(first, False) and (caps or (top and first[0].isupper())):
        return 1
    most = 0
    while most < 3 and i + most < len(lines) and heading_like(lines[i + most], most == 0):
        most += 1
    if most and CAPTION.match(first):
        return most
    title_case = all(w[0].isupper() for w in re.findall(r"[A-Za-z’']{4,}", first))
    for n in range(most if title_case else min(most, 1), 0, -1):
        follow = lines[i + n] if i + n < len(lines) else nxt
        longest = max(len(x.strip()) for x in lines[i : i + n])
        if follow is not None and ("\t" in follow or len(follow.strip()) >= max(75, longest + 20)):
            return n
    return 0


def segment(text: str) -> list[Item]:
    """The report as headings, paragraphs and tables, in the order of the text."""
    items: list[Item] = []
    parts = blocks(text)
    for b, block in enumerate(parts):
        nxt = parts[b + 1][0] if b + 1 < len(parts) else None
        para: list[str] = []
        i = 0
        while i < len(block):
            kind, n = "p", 1
            if "\t" in block[i]:
                kind = "t"
                while i + n < len(block) and "\t" in block[i + n]:
                    n += 1
            elif not para or SENTENCE_END.search(para[-1].rstrip()):
                h = heading_length(block, i, nxt, top=not items)
                kind, n = ("h", h) if h else ("p", 1)
            cut = bool(items) and items[-1][0] == "h" and items[-1][1][-1].rstrip().endswith(CUT)
            if kind == "p":
                para.append(block[i])
            elif kind == "h" and cut and not para:
                items[-1][1].extend(block[i : i + n])
            else:
                items.extend([("p", para)] if para else [])
                items.append((kind, block[i : i + n]))
                para = []
            i += n
        items.extend([("p", para)] if para else [])
    return items


def join_lines(lines: list[str], vocab: Counter[str]) -> str:
    """Hard-wrapped lines as one: ``govern-``/``ment`` as ``government`` (a word the reports
    use whole, or neither half is a word); ``tech-``/``friendly`` keeps its hyphen."""
    out = ""
    for raw in lines:
        s = raw.strip()
        head = re.search(r"(?<![A-Za-z])([A-Za-z]+)-$", out)
        tail = re.match(r"[a-z]+", s)
        if not out:
            out = s
        elif head and tail:
            h, t = head.group(1).lower(), tail.group(0)
            whole = h + t in vocab or (h not in vocab and t not in vocab)
            out = (out[:-1] if whole else out) + s
        elif out.endswith(("-", "—", "–")) and not out[-2:-1].isspace():
            out += s
        else:
            out += " " + s
    return out


def markup(text: str) -> str:
    """Paragraph markup: ``\\$`` as ``$``, links as their text, CJK runs in a CID font."""
    text = escape(LINK.sub(r"\1", text.replace("\\$", "$")))
    return CJK.sub(lambda m: f'<font name="{CJK_FONT}">{m.group(0)}</font>', text)


def styles() -> dict[str, ParagraphStyle]:
    """Fonts registered; body (justified, hyphenated), heading and table cell styles."""
    pdfmetrics.registerFont(TTFont(SERIF, str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    body = ParagraphStyle("Body", fontName=SERIF, fontSize=11, leading=14.5, spaceAfter=6)
    body.alignment, body.hyphenationLang = TA_JUSTIFY, "en_US"
    body.embeddedHyphenation, body.uriWasteReduce = 1, 0.3
    bold = {"fontName": BOLD, "alignment": TA_LEFT, "hyphenationLang": ""}
    cell = {"fontSize": 9, "leading": 11, "spaceAfter": 0, "alignment": TA_LEFT}
    heading = ParagraphStyle("Heading", body, fontSize=14, leading=18, spaceBefore=10, **bold)
    heading.keepWithNext = 1
    return {
        "p": body,
        "h": heading,
        "cell": ParagraphStyle("Cell", body, **cell),
        "head": ParagraphStyle("HeadCell", body, **(cell | bold)),
    }


def table(rows: list[str], st: dict[str, ParagraphStyle], width: float) -> Table:
    """One row per tab-separated line; the first line is the header row, repeated."""
    cells = [[c.strip() for c in row.split("\t")] for row in rows]
    ncol = max(len(r) for r in cells)
    cells = [r + [""] * (ncol - len(r)) for r in cells]
    weights = [min(max(len(r[c]) for r in cells), 60) + 8 for c in range(ncol)]
    data = [[Paragraph(markup(c), st["cell"]) for c in row] for row in cells]
    data[0] = [Paragraph(markup(c), st["head"]) for c in cells[0]]
    t = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1)
    grid = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    t.setStyle(TableStyle([*grid, ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6"))]))
    t.spaceBefore, t.spaceAfter = 4, 10
    return t


class ReportDoc(SimpleDocTemplate):
    """One report's PDF: catalog metadata, page furniture, headings in the outline."""

    def __init__(self, report: dict[str, Any], path: Path) -> None:
        self.report = report
        about = (report["title"], report["publisher"], report["date"])
        super().__init__(
            str(path), pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN, title=report["title"], author=", ".join(report["authors"]),
            subject=", ".join(x for x in about if x), keywords=report["id"],
            creator="dsrqa scripts/render_reports.py", invariant=1, lang="en",
        )  # fmt: skip

    def beforeDocument(self) -> None:
        stamp = "D:" + self.report["date"].replace("-", "") + "000000+00'00'"
        self.canv.setDateFormatter(lambda *_: stamp)  # CreationDate and ModDate
        self.canv.showOutline()

    def furniture(self, canv: Canvas, _doc: SimpleDocTemplate) -> None:
        """The running header (the short title; not on page 1) and the footer "Page N"."""
        canv.saveState()
        canv.setFont(SERIF, 9)
        top, page = self.pagesize[1] - 1.5 * cm, canv.getPageNumber()
        if page > 1:
            canv.drawString(self.leftMargin, top, self.report["short_title"])
            canv.setLineWidth(0.4)
            canv.line(self.leftMargin, top - 4, self.leftMargin + self.width, top - 4)
        canv.drawCentredString(self.leftMargin + self.width / 2, 1.3 * cm, f"Page {page}")
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        title = getattr(flowable, "outline_title", None)
        if title:
            key = f"h{self.seq.nextf('heading')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0)


def render(report: dict[str, Any], out: Path, vocab: Counter[str]) -> Path:
    """Typeset one report of the catalog as ``out/<id>.pdf``; returns its path."""
    text = (ROOT / "corpus" / report["file"]).read_text(encoding="utf-8")
    st = styles()
    doc = ReportDoc(report, out / f"{report['id']}.pdf")
    story: list[Flowable] = []
    for kind, lines in segment(text):
        if kind == "t":
            story.append(table(lines, st, doc.width))
        elif kind == "h":
            parts = [LINK.sub(r"\1", x.strip().lstrip("#").strip()) for x in lines]
            heading = Paragraph("<br/>".join(markup(x) for x in parts), st["h"])
            heading.outline_title = " ".join(parts)  # type: ignore[attr-defined]
            story.append(heading)
        else:
            story.append(Paragraph(markup(join_lines(lines, vocab)), st["p"]))
    doc.build(story, onFirstPage=doc.furniture, onLaterPages=doc.furniture)
    return Path(doc.filename)


def main(argv: list[str] | None = None) -> None:
    """Render every report in the catalog to ``--out``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "testdocs" / "rendered")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    reports = json.loads((ROOT / "corpus" / "catalog.json").read_text(encoding="utf-8"))["reports"]
    vocab = vocabulary([(ROOT / "corpus" / r["file"]).read_text(encoding="utf-8") for r in reports])
    for report in reports:
        path = render(report, args.out, vocab)
        print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()

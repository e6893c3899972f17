"""A PDF's text, page by page (pypdfium2), and what it says of itself (its info
dictionary, XMP metadata by pypdf, its outline).

Each page's text is read and the page closed before the next, so memory grows with the
text only, not with the pages. pdfium marks a word hyphenated at a line end with U+0002;
it becomes the hyphen and the line break there (pdfium leaves the break out), which the
cleaner joins as it joins ``govern-``/``ment`` in the reports. Ligature characters (ﬁ,
ﬂ) become their letters. A PDF whose pages hold no text at all is images: it needs OCR first.
Section headings come from the outline, or, when the PDF has none, from the type of its
lines (``styles.py``); a table's cells from the gaps between them (``cells.py``).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from .cells import page_with_cells
from .extracted import PAGE_BREAK, Extracted
from .layout import pdf_profile
from .styles import Styles

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
LIGATURES = re.compile("[\ufb00-\ufb06]")
PLACEHOLDER_TITLES = {"", "untitled", "untitled document", "title", "document", "slide 1"}
PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def extract_pdf(path: Path, progress: Any = None) -> Extracted:
    """The text of every page, pages separated by a form-feed line; DocumentError for an
    encrypted, damaged or image-only PDF."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _open_error(path, str(exc)) from None
    try:
        n = len(pdf)
        pages: list[str] = []
        wide = 0
        outline = [b.get_title() for b in pdf.get_toc()]
        styles = None if outline else Styles()  # headings from layout when no outline
        for i in range(n):
            page = pdf[i]
            width, height = page.get_size()
            wide += width > height
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_bounded()
                if styles is not None:
                    styles.add_page(textpage, text)
                pages.append(page_text(page_with_cells(textpage, text)))
            finally:
                textpage.close()
                page.close()
            if progress is not None:
                progress("extract", i + 1, n)
        meta = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"{path}: the PDF is damaged ({exc}); nothing was added") from None
    finally:
        pdf.close()
    if n == 0:
        raise DocumentError(f"{path}: the PDF has no pages; nothing was added")
    if not any(re.search(r"\w\w", p) for p in pages):
        raise DocumentError(
            f"no text to index: this PDF is images; run OCR first (e.g. `ocrmypdf {path.name} "
            f"out.pdf`) and add the result ({path}, {n} page{'s' if n != 1 else ''}); "
            "nothing was added"
        )
    starts, line = [], 1
    for text in pages:
        starts.append(line)
        line += text.count("\n") + 2  # the page's lines, then the page-break line
    title, authors, date = _metadata(path, meta)
    return Extracted(
        kind="pdf",
        text=f"\n{PAGE_BREAK}\n".join(pages),
        title=title if title.lower() not in PLACEHOLDER_TITLES else _first_line(pages) or path.stem,
        authors=authors,
        date=date,
        page_lines=tuple(starts),
        profile=pdf_profile(pages, outline or (styles.headings() if styles else []), wide / n),
    )


def page_text(text: str) -> str:
    """One page's text as lines: LF line ends, U+0002 a hyphen at a line's end,
    ligatures spelled out, no control characters, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x02\n", "\x02").replace("\x02", "-\n")
    text = LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    text = CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _open_error(path: Path, message: str) -> DocumentError:
    if "password" in message.lower():
        return DocumentError(
            f"{path} is encrypted (it needs a password to open); save a copy without the "
            "password (e.g. `qpdf --decrypt IN.pdf OUT.pdf`) and add that; nothing was added"
        )
    return DocumentError(
        f"{path} is not a readable PDF ({message.split('(')[-1].rstrip(')') or message}: "
        "damaged or cut short?); nothing was added"
    )


def _metadata(path: Path, info: dict[str, str]) -> tuple[str, tuple[str, ...], str]:
    """Title, authors and date from the info dictionary, gaps filled from XMP."""
    title = " ".join(info.get("Title", "").split())
    authors = split_authors(info.get("Author", ""))
    date = pdf_date(info.get("CreationDate", ""))
    if not (title and authors and date):
        xmp = _xmp(path)
        title = title or xmp.get("title", "")
        authors = authors or split_authors(", ".join(xmp.get("creators", [])))
        date = date or xmp.get("date", "")
    return title, authors, date


def _xmp(path: Path) -> dict[str, Any]:
    """dc:title, dc:creator and xmp:CreateDate, if the PDF has XMP; {} if not or unreadable."""
    try:
        from pypdf import PdfReader

        xmp = PdfReader(path).xmp_metadata
        if xmp is None:
            return {}
        titles = xmp.dc_title or {}
        created = xmp.xmp_create_date
        return {
            "title": " ".join(str(titles.get("x-default", "")).split()),
            "creators": [str(c) for c in (xmp.dc_creator or [])],
            "date": created.date().isoformat() if created else "",
        }
    except Exception:  # noqa: BLE001 - metadata is optional; a bad XMP stream is skipped
        return {}


def split_authors(text: str) -> tuple[str, ...]:
    """``A, B and C`` / ``A; B`` as (A, B, C)."""
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", " ".join(text.split()))
    return tuple(p for p in parts if p)


def pdf_date(text: str) -> str:
    """``D:20220915172012+02'00'`` as ``2022-09-15`` (``2022`` or ``2022-09`` if that is all)."""
    found = PDF_DATE.match(text.strip())
    if not found:
        return ""
    return "-".join(g for g in found.groups() if g)


def _first_line(pages: list[str]) -> str:
    """The first line of the first page with words, and the next if it ends in a colon
    or a dash (a title in two lines)."""
    lines = [line.strip() for line in (pages[0].split("\n") if pages else [])]
    lines = [line for line in lines if len(line) > 3]
    if not lines:
        return ""
    title = lines[0]
    if title.endswith((":", "-", "—", "–")) and len(lines) > 1:
        title = f"{title} {lines[1]}"
    return title[:120]


def render_page(path: Path, page: int, width: int = 1000) -> bytes:
    """Page ``page`` (1-based) of a PDF as a PNG ``width`` pixels wide: the page a
    citation points at, as the reader sees it."""
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise DocumentError(f"{path} has pages 1-{len(pdf)}; got page {page}")
        sheet = pdf[page - 1]
        scale = width / sheet.get_size()[0]
        image = sheet.render(scale=scale).to_pil()
        sheet.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()

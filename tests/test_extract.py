"""Text out of added documents: the test PDFs and web pages of ``testdocs/`` (real files
from Debian packages, see its SOURCES.md) and tiny inline ones; every refusal is one
``DocumentError`` saying what was found."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrqa.corpus import clean_text
from dsrqa.errors import DocumentError
from dsrqa.extract import PAGE_BREAK, extract, kind_of
from dsrqa.extract.layout import pdf_profile, running_lines, shape_pattern
from dsrqa.extract.pdf import page_text, pdf_date, split_authors

from .conftest import ROOT

DOCS = ROOT / "testdocs"


def pdf_bytes(pages: list[str], **info: str) -> bytes:
    """A small text PDF (reportlab), one string per page, lines split at newlines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for key, value in info.items():
        getattr(c, f"set{key.capitalize()}")(value)
    for page in pages:
        y = 800
        for line in page.split("\n"):
            c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


# ----------------------------------------------------------------------------- kinds
@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.pdf", b"%PDF-1.7\n", "pdf"),
        ("a.bin", b"%PDF-1.4\n", "pdf"),
        ("a.html", b"<html>", "html"),
        ("a.HTM", b"<p>", "html"),
        ("noext", b"  <!DOCTYPE html><html>", "html"),
        ("a.md", b"# T", "markdown"),
        ("a.txt", b"text", "text"),
    ],
)
def test_a_file_kind_is_read_from_its_first_bytes_then_its_suffix(
    name: str, head: bytes, kind: str
) -> None:
    assert kind_of(Path(name), head) == kind


def test_an_unsupported_type_or_a_pdf_that_is_not_one_is_refused() -> None:
    with pytest.raises(DocumentError, match=r"unsupported type '\.docx'.*\.pdf"):
        kind_of(Path("report.docx"), b"PK\x03\x04")
    with pytest.raises(DocumentError, match="named .pdf but is not a PDF"):
        kind_of(Path("report.pdf"), b"<html>")


# ------------------------------------------------------------------------------ PDFs
def test_a_report_pdf_gives_its_pages_metadata_and_running_lines() -> None:
    got = extract(DOCS / "report_zoo-jss.pdf", "pdf")
    assert len(got.page_lines) == 30
    lines = got.text.split("\n")
    assert [lines[n - 2] for n in got.page_lines[1:]] == [PAGE_BREAK] * 29
    assert got.title.startswith("zoo: An S3 Class and Methods")
    assert got.authors == ("Achim Zeileis", "Gabor Grothendieck")
    assert got.date == "2022-09-15"
    edges = [re.compile(p) for p in got.profile["edge_lines"]]
    assert any(p.fullmatch("Achim Zeileis, Gabor Grothendieck 7") for p in edges)
    assert got.profile["footnotes"] is True and "slides" not in got.profile
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\ufb00-\ufb06]", got.text)


def test_a_pdf_outline_becomes_headings_and_a_landscape_deck_is_slides() -> None:
    gallery = extract(DOCS / "tables_xtable-gallery.pdf", "pdf")
    assert len(gallery.profile["headings"]) == 33
    deck = extract(DOCS / "slides_impressive-demo.pdf", "pdf")
    assert deck.profile["slides"] is True
    assert deck.authors == ("Martin J. Fiedler",)


def test_a_placeholder_title_gives_way_to_the_first_line() -> None:
    paper = extract(DOCS / "twocol_rcpp-introduction.pdf", "pdf")
    assert paper.title != "Untitled" and "Rcpp" in paper.title


def test_words_hyphenated_at_line_ends_keep_a_hyphen_the_cleaner_joins() -> None:
    assert page_text("imple\x02\r\nmentation \ufb01ts\r\n\r\n") == "imple-\nmentation fits"
    assert page_text("an imple\x02mentation fits") == "an imple-\nmentation fits"  # pdfium
    units = clean_text("The imple-\nmentation fits well.", vocab_texts=["implementation"])
    assert units[0].text == "The implementation fits well."


def test_a_scanned_pdf_is_refused_with_the_ocr_hint() -> None:
    with pytest.raises(DocumentError, match="no text to index: this PDF is images; run OCR first"):
        extract(DOCS / "scan_congress.pdf", "pdf")


def test_an_encrypted_pdf_is_refused_and_one_with_only_an_owner_password_is_read(
    tmp_path: Path,
) -> None:
    from pypdf import PdfReader, PdfWriter

    for user, name in (("secret", "locked.pdf"), ("", "owner-only.pdf")):
        writer = PdfWriter()
        writer.append(PdfReader(DOCS / "slides_impressive-demo.pdf"))
        writer.encrypt(user, owner_password="owner")
        with open(tmp_path / name, "wb") as fh:
            writer.write(fh)
    with pytest.raises(DocumentError, match="is encrypted .*qpdf --decrypt"):
        extract(tmp_path / "locked.pdf", "pdf")
    assert "Impressive" in extract(tmp_path / "owner-only.pdf", "pdf").text


@pytest.mark.parametrize("cut", [b"%PDF-1.4\n" + b"\x00garbage" * 50, b"%PDF-1.4\n", b"%PDF-"])
def test_a_damaged_pdf_is_refused(tmp_path: Path, cut: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(cut)
    with pytest.raises(DocumentError, match="not a readable PDF|damaged|no pages"):
        extract(path, "pdf")


def test_a_pdf_with_an_empty_page_numbers_its_lines_page_by_page(tmp_path: Path) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(pdf_bytes(["First page line one.\nline two.", "", "Third page."]))
    got = extract(path, "pdf")
    lines = got.text.split("\n")
    assert got.page_lines == (1, 4, 6)
    assert lines[0] == "First page line one." and lines[5] == "Third page."


def test_metadata_helpers() -> None:
    assert pdf_date("D:20220915172012+02'00'") == "2022-09-15"
    assert pdf_date("D:2019") == "2019" and pdf_date("yesterday") == ""
    assert split_authors("A. One, B. Two and C. Three") == ("A. One", "B. Two", "C. Three")


# ------------------------------------------------------------------- running lines
def page(n: int, middle: list[str]) -> str:
    """A page of a journal: running header, ten lines of its own prose around
    ``middle``, running footer with the page number."""
    words = ["cable", "port", "cloud", "data", "city", "bank", "grid", "road", "fibre", "chip"]
    prose = [
        f"The {words[(n * 3 + k) % 10]} report notes {words[(n + k) % 10]} growth."
        for k in range(5)
    ]
    return "\n".join(
        [
            f"Journal of Tests, vol. {n}",
            "",
            *prose,
            "",
            *middle,
            "",
            *prose[:3],
            "",
            f"Footer | Page {n}",
        ]
    )


def test_running_lines_are_found_by_repetition_at_page_edges_only() -> None:
    pages = [page(n, ["Mid-page text that repeats on every page."]) for n in range(1, 6)]
    found = running_lines(pages)
    assert found == sorted(
        [shape_pattern("Footer | Page #"), shape_pattern("Journal of Tests, vol. #")]
    )
    units = clean_text(f"\n{PAGE_BREAK}\n".join(pages) + "\n", pdf_profile(pages, []))
    texts = [u.text for u in units]
    joined = " ".join(texts)
    assert "Footer" not in joined and "Journal of Tests" not in joined
    assert "The chip report notes data growth. The cable report notes city growth." in joined
    # a line of a running line's shape in mid-page is text: the pattern holds at the edges
    mid = page(6, ["Journal of Tests, vol. 12"])
    units = clean_text(f"\n{PAGE_BREAK}\n".join([*pages, mid]) + "\n", pdf_profile(pages, []))
    assert any("Journal of Tests, vol. 12" in u.text for u in units)


# --------------------------------------------------------------------------- web pages
PAGE = """<!doctype html><html><head><title>Ministry statement</title>
<meta name="author" content="Jane Roe; John Doe"><meta name="date" content="2024-05-06">
<meta property="og:site_name" content="Ministry"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header class="site-header">Site banner</header>
<div class="sidebar">Related links</div>
<main><h1>On cables</h1><p>The ministry <b>approved</b> two cables.<br>Both land in 2026.</p>
<h2>Figures</h2><table><tr><th>Cable</th><th>Length</th></tr>
<tr><td>PEACE</td><td>15,000 km</td></tr><tr><td>2Africa</td><td>45,000 km</td></tr></table>
<ul><li>First item.</li><li>Second item.</li></ul>
<p style="display:none">Hidden text.</p></main>
<footer>Copyright</footer><script>var x = 1;</script></body></html>"""


def test_a_web_page_gives_its_content_blocks_tables_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    got = extract(path, "html")
    assert got.title == "Ministry statement"
    assert got.authors == ("Jane Roe", "John Doe") and got.date == "2024-05-06"
    assert got.publisher == "Ministry"
    assert got.text.split("\n\n") == [
        "On cables",
        "The ministry approved two cables. Both land in 2026.",
        "Figures",
        "Cable\tLength\nPEACE\t15,000 km\n2Africa\t45,000 km",
        "First item.",
        "Second item.\n",
    ]
    units = clean_text(got.text, got.profile)
    rows = [u for u in units if u.kind == "table_row"]
    assert [u.labels for u in rows] == [("Cable", "Length")] * 2
    assert rows[0].heading == "On cables — Figures"  # a heading over a table names it


def test_a_page_with_no_readable_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>")
    with pytest.raises(DocumentError, match="no text to index"):
        extract(path, "html")


def test_the_mdbook_page_keeps_its_text_and_drops_its_menus() -> None:
    got = extract(DOCS / "nav_what-is-rustc.html", "html")
    assert "the crate is a translation unit" in got.text
    assert "Press" not in got.text and "Keyboard shortcuts" not in got.text


# ------------------------------------------------------------------- Markdown and text
def test_markdown_headings_name_sections_and_the_title(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Field notes\n\nIntro text here.\n\n## Cables\n\nThe cable is long.\n")
    got = extract(path, "markdown")
    assert got.title == "Field notes" and got.text.startswith("# Field notes")
    units = clean_text(got.text, got.profile)
    assert [(u.section, u.text) for u in units] == [
        ("Field notes", "Intro text here."),
        ("Cables", "The cable is long."),
    ]


@pytest.mark.parametrize(
    ("data", "found"),
    [(b"\xff\xfeh\x00i\x00", "UTF-16"), (b"caf\xe9", "not UTF-8"), (b"a\x00b", "NUL")],
)
def test_a_text_file_that_is_not_utf8_text_is_refused(
    tmp_path: Path, data: bytes, found: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=found):
        extract(path, "text")


# ------------------------------------------------------------------- any input at all
TAGS = ["p", "div", "h2", "li", "ul", "table", "tr", "td", "nav", "main", "br", "pre", "span"]
QUIET = [HealthCheck.function_scoped_fixture]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        text = draw(st.text(max_size=40))
        forms = [f"<{tag}>{text}</{tag}>", f"<{tag}>", text, f"</{tag}>"]
        parts.append(draw(st.sampled_from(forms)))
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=QUIET)
@given(page=html_pages())
def test_any_web_page_is_read_or_refused_as_a_document_error(tmp_path: Path, page: str) -> None:
    path = tmp_path / "any.html"
    path.write_text(page, encoding="utf-8", errors="surrogatepass")
    try:
        got = extract(path, "html")
    except DocumentError:
        return
    units = clean_text(got.text, got.profile)  # and the cleaner reads what it gives
    assert all(u.text for u in units)


@settings(max_examples=200, deadline=None, suppress_health_check=QUIET)
@given(data=st.binary(max_size=3000), keep=st.integers(0, 200_000))
def test_any_bytes_named_pdf_are_read_or_refused_as_a_document_error(
    tmp_path: Path, data: bytes, keep: int
) -> None:
    real = (DOCS / "slides_impressive-demo.pdf").read_bytes()
    path = tmp_path / "any.pdf"
    path.write_bytes(b"%PDF-1.5\n" + data if keep % 2 else real[: keep % len(real)] + data)
    with contextlib.suppress(DocumentError):
        extract(path, "pdf")


def test_a_pdf_page_without_blank_lines_is_cut_into_paragraphs_at_short_sentence_ends() -> None:
    page = "\n".join(
        [
            "The first paragraph runs on over a full line of text as usual here",
            "and ends on this short line.",
            "The second paragraph starts here and runs over a full line of text,",
            "then over another full line of text that is just as long as those,",
            "and ends here.",
            "▪ A bullet entry that starts its own unit, on one line of text here.",
            "Wrapped text with no sentence end goes on across the line break to",
            "the next line, which joins it into one sentence of the paragraph.",
        ]
    )
    profile = pdf_profile([page], [])
    texts = [u.text for u in clean_text(page + "\n", profile)]
    assert texts[:2] == [
        "The first paragraph runs on over a full line of text as usual here and ends on "
        "this short line.",
        "The second paragraph starts here and runs over a full line of text, then over "
        "another full line of text that is just as long as those, and ends here.",
    ]
    assert any(t.startswith("A bullet entry") for t in texts)
    assert len(clean_text(page + "\n")) < len(texts)  # without the flag: fewer units

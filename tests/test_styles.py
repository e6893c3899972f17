"""Section headings of a PDF without an outline, from the type of its lines
(``extract/styles.py``): a PDF drawn here, and the test documents of ``testdocs/``."""

from __future__ import annotations

from pathlib import Path

from dsrqa.corpus import clean_text
from dsrqa.extract import extract

from .conftest import ROOT

DOCS = ROOT / "testdocs"
BODY = (
    "The port authority signed the lease in the spring of that year after a long delay",
    "and the terms were not published by either side until the following autumn came.",
)


def drawn_pdf(path: Path) -> None:
    """A page: a large bold title, body lines, a bold body-size heading, a code line a
    little larger in a fixed-pitch font, and a body line with a bold phrase inside."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 800.0

    def line(font: str, size: float, text: str, x: float = 72) -> None:
        nonlocal y
        c.setFont(font, size)
        c.drawString(x, y, text)
        y -= size + 4

    line("Helvetica-Bold", 16, "Ports of the Southern Route")
    for _ in range(4):
        line("Helvetica", 10, BODY[0])
        line("Helvetica", 10, BODY[1] if _ < 3 else "The lease runs for ninety-nine years.")
    line("Helvetica-Bold", 10, "Terms of the Lease")
    for _ in range(3):
        line("Helvetica", 10, BODY[0])
        line("Helvetica", 10, BODY[1])
    line("Courier", 10.5, "lease <- read.csv(terms)")
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "as the")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(102, y, "HARBOUR DUES SCHEDULE AND THE ANNEX OF FEES")
    y -= 14
    line("Helvetica", 10, "A closing sentence of the page, in the body type.")
    c.showPage()
    c.save()


def test_lines_set_apart_by_type_are_the_sections_of_a_pdf_without_an_outline(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ports.pdf"
    drawn_pdf(path)
    got = extract(path, "pdf")
    assert got.profile["headings"] == [
        r"^Ports\s+of\s+the\s+Southern\s+Route$",
        r"^Terms\s+of\s+the\s+Lease$",
    ]
    units = clean_text(got.text, got.profile)
    sections = {u.section for u in units}
    assert sections == {"Ports of the Southern Route", "Terms of the Lease"}
    assert any(
        "ninety-nine years" in u.text and u.section == "Ports of the Southern Route" for u in units
    )


def test_papers_and_slides_without_an_outline_get_their_section_titles() -> None:
    paper = extract(DOCS / "twocol_rcpp-introduction.pdf", "pdf")
    units = clean_text(paper.text, paper.profile)
    sections = list(dict.fromkeys(u.section for u in units))
    assert "Data Driven Performance Decisions with Rcpp" in sections
    assert "Conclusion" in sections
    slides = extract(DOCS / "slides_impressive-demo.pdf", "pdf")
    titles = {u.section for u in clean_text(slides.text, slides.profile)}
    assert {"Software Requirements", "Hardware Requirements", "Missing Features"} <= titles


def test_a_pdf_with_an_outline_keeps_the_outline_for_its_headings() -> None:
    got = extract(DOCS / "tables_xtable-gallery.pdf", "pdf")
    assert r"^Data\s+frame$" in got.profile["headings"]
    assert not any("Swinton" in p for p in got.profile["headings"])  # an author line

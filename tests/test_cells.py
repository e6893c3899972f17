"""A PDF table's cells from layout (``extract/cells.py``): tiny inline layouts, a PDF
drawn here, and the test documents of ``testdocs/``."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.corpus import clean_text
from dsrqa.extract import extract
from dsrqa.extract.cells import Box, with_cell_breaks

from .conftest import ROOT

DOCS = ROOT / "testdocs"
CHAR = 5.0  # width of a character in the inline layouts; their font is 10 high


def layout(rows: list[list[tuple[float, str]]]) -> tuple[str, list[Box]]:
    """Lines of words placed at x positions: the text (words joined by single spaces, as
    pdfium gives it) and each character's box."""
    text, boxes = [], []
    for y, row in enumerate(rows):
        for k, (x, words) in enumerate(row):
            if k:
                text.append(" ")
                boxes.append((boxes[-1][2], 0, x, 10))
            for j, ch in enumerate(words):
                text.append(ch)
                boxes.append((x + j * CHAR, -y * 12.0, x + (j + 1) * CHAR, -y * 12.0 + 10))
        text.append("\n")
        boxes.append((0, 0, 0, 0))
    return "".join(text), boxes


def cells(rows: list[list[tuple[float, str]]]) -> list[str]:
    text, boxes = layout(rows)
    return with_cell_breaks(text, boxes.__getitem__).splitlines()


def test_columns_that_run_down_through_rows_become_tabs() -> None:
    got = cells(
        [
            [(0, "Region"), (100, "Country")],
            [(0, "Eastern Europe"), (100, "Czech Republic")],
            [(0, "Asia"), (100, "Laos")],
        ]
    )
    assert got == ["Region\tCountry", "Eastern Europe\tCzech Republic", "Asia\tLaos"]


def test_a_lone_wide_gap_and_word_spaces_stay_spaces() -> None:
    prose = [(0, "the first line of a paragraph")]
    got = cells([[(0, "2.1"), (30, "Gallery")], prose, [(0, "and its second line")]])
    assert got == ["2.1 Gallery", "the first line of a paragraph", "and its second line"]


def test_stretched_spaces_of_two_lines_meeting_on_a_narrow_strip_stay_spaces() -> None:
    # gaps of 12 and 11 points on a 10-point font, sharing a strip 4 points across
    got = cells([[(0, "Extending"), (57, "R with")], [(0, "Introduction"), (64, "to it")]])
    assert got == ["Extending R with", "Introduction to it"]


def test_a_table_drawn_in_a_pdf_is_read_as_rows_with_its_header(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    lines = [
        ("Ports built abroad by the companies, as the survey of this year found them.", None),
        ("Port", "Country"),
        ("Gwadar", "Pakistan"),
        ("Hambantota", "Sri Lanka"),
        ("Piraeus", "Greece"),
        ("The survey counted each port once, whatever its number of terminals.", None),
    ]
    y = 800
    for first, second in lines:
        c.drawString(72, y, first)
        if second:
            c.drawString(250, y, second)
        y -= 14
    c.showPage()
    c.save()
    path = tmp_path / "ports.pdf"
    path.write_bytes(buf.getvalue())
    got = extract(path, "pdf")
    assert "Hambantota\tSri Lanka" in got.text.splitlines()
    units = clean_text(got.text, got.profile)
    rows = [u for u in units if u.kind == "table_row"]
    assert [r.text for r in rows] == ["Gwadar Pakistan", "Hambantota Sri Lanka", "Piraeus Greece"]
    assert all(r.labels == ("Port", "Country") for r in rows)
    prose = " ".join(u.text for u in units if u.kind != "table_row")
    assert "as the survey of this year found them" in prose
    assert "whatever its number of terminals" in prose  # the line after the table is kept


def test_the_rendered_reports_table_comes_back_as_rows() -> None:
    got = extract(DOCS / "rendered" / "eurasia-2020.pdf", "pdf")
    lines = got.text.splitlines()
    assert "Region\tCountry" in lines
    assert "Eastern Europe\tCzech Republic" in lines


@pytest.mark.parametrize(
    "name",
    [
        "slides_impressive-demo.pdf",
        "threecol_federal-register.pdf",
        "rendered/ccp-inc-malaysia-2022.pdf",
    ],
)
def test_pages_of_prose_get_no_cell_breaks(name: str) -> None:
    assert "\t" not in extract(DOCS / name, "pdf").text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.floats(0, 400), st.text("ab .", min_size=1, max_size=6)),
            max_size=5,
        ),
        max_size=6,
    )
)
def test_cell_breaks_change_only_spaces_into_tabs(rows: list[list[tuple[float, str]]]) -> None:
    """Whatever the layout (words overlapping, out of order), the text keeps its lines
    and its words; only runs of spaces between words can become one tab."""
    text, boxes = layout([sorted(row) for row in rows])
    got = with_cell_breaks(text, boxes.__getitem__)
    assert got.count("\n") == text.count("\n")
    assert re.sub(" +", " ", got.replace("\t", " ")) == re.sub(" +", " ", text)
    assert all(not line.startswith("\t") for line in got.split("\n"))

"""Citations written back (``dsrqa.links``): every form the CLI, the exports and the app
print opens its lines in ``dsrqa show``, and the app's link parameters are read or
refused with a message, never an exception."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.corpus import load_catalog
from dsrqa.errors import BadInputError
from dsrqa.links import (
    LINK_PARAMS,
    Link,
    Reference,
    line_counts,
    line_param,
    parse_lines,
    parse_reference,
    read_link,
)

from .conftest import CORPUS

CATALOG = load_catalog(CORPUS)
COUNTS = line_counts(CATALOG)
EURASIA = CATALOG.get("eurasia-2020")
CCP = CATALOG.get("ccp-inc-malaysia-2022")
ANY_CHAR = st.characters() | st.characters(categories=["Cs"])
# digits that are not 0-9: superscripts, full width, Arabic-Indic, Devanagari, circled
ODD_DIGITS = "²³¹⁴１２３٣٤۵४৭๓᠓①⑫𝟙"


def printed_forms(cit: Any) -> list[str]:
    """Every way the CLI, the exports and the app write a citation (see the README)."""
    from dsrqa.export import md_cell

    lines = (
        f"{cit.line_start}"
        if cit.line_start == cit.line_end
        else (f"{cit.line_start}-{cit.line_end}")
    )
    name = Path(cit.file).name
    return [
        cit.label(),  # ask, the app's citation box, the CSV and JSON exports' label
        f"{cit.label()}  score 0.0325",  # ask's passage line, copied whole
        f"1. {cit.label()}  score 0.0325",
        f"1. {cit.report}, “{cit.section}”, {cit.file}:{lines}  score 0.912",  # verify
        f"{cit.report}, “{cit.section}”, {cit.file}:{lines}",
        md_cell(cit.label()),  # the Markdown evidence tables
        f"{cit.file}:{lines}",
        f"./{cit.file}:{lines}",
        f"{CORPUS.parent / cit.file}:{lines}",
        f"{name}:{lines}",
        f"{cit.report}:{lines}",
        f"{cit.report}:{cit.line_start}–{cit.line_end}",  # en dash, as the app writes ranges
        f"{cit.file}, lines {cit.line_start}-{cit.line_end}",  # the app's raw-lines caption
        f"{cit.file}, lines {cit.line_start}–{cit.line_end}",
        f"http://localhost:8501/?doc={cit.report}&line={line_param(cit.line_start, cit.line_end)}",
        f"?doc={cit.report}&line={line_param(cit.line_start, cit.line_end)}",
        json.dumps(cit.to_dict(), ensure_ascii=False),  # --json's citation object
        f"`{cit.file}:{lines}`",
        f"  {cit.report}:{lines}\n",
    ]


def citation(report: Any, first: int, last: int, section: str = "A: B, C") -> Any:
    from dsrqa.types import Citation

    return Citation.of(report, section, (0, 1), (first, last), "quote")


# ---------------------------------------------------------------------- show's references
@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from([EURASIA, CCP]),
    st.floats(0, 1),
    st.integers(0, 5),
    st.text(max_size=30).filter(lambda s: "\n" not in s),
)
def test_every_printed_form_of_a_citation_reads_back(
    report: Any, where: float, span: int, section: str
) -> None:
    first = 1 + int(where * (COUNTS[report.id] - 1 - span))
    cit = citation(report, first, first + span, section)
    for form in printed_forms(cit):
        assert parse_reference(form, CATALOG) == Reference(report.id, first, first + span), form


@settings(max_examples=2_000, deadline=None)
@given(
    st.text(ANY_CHAR, max_size=40)
    | st.builds(
        lambda r, s, n: f"{r}{s}{n}",
        st.sampled_from(["eurasia-2020", EURASIA.file, "x.txt", "", "nope"]),
        st.sampled_from([":", ", lines ", ":1-", " line ", "?doc=eurasia-2020&line="]),
        st.text(st.sampled_from("0123456789-–, " + ODD_DIGITS), max_size=12),
    )
)
def test_any_reference_reads_or_is_refused_as_bad_input(ref: str) -> None:
    try:
        found = parse_reference(ref, CATALOG)
    except BadInputError as exc:
        assert "\n" not in str(exc)
        return
    assert found.report in CATALOG.ids and 1 <= found.first <= found.last


@pytest.mark.parametrize("digit", list(ODD_DIGITS))
def test_digits_other_than_0_to_9_are_refused_clearly(digit: str) -> None:
    for ref in (f"eurasia-2020:{digit}", f"eurasia-2020:1{digit}", f"eurasia-2020:3-{digit}"):
        with pytest.raises(BadInputError, match="digits 0-9"):
            parse_reference(ref, CATALOG)


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("eurasia-2020", "REPORT:LINE"),
        ("", "REPORT:LINE"),
        ("nope:3", "unknown report 'nope'"),
        ("corpus/other.txt:3", "unknown report 'corpus/other.txt'"),
        ("eurasia-2020:", "REPORT:LINE"),
        ("eurasia-2020:abc", "not a line number"),
        ("eurasia-2020:5-3", "5-3"),
        ("eurasia-2020:0", "lines 1-"),
        ("eurasia-2020:" + "9" * 5000, "lines 1-"),
        ("eurasia-2020:1-" + "9" * 40, "lines 1-"),
        ('{"report": "eurasia-2020"}', "line_start"),
        ('{"report": "eurasia-2020", "line_start": "1"}', "line_start"),
        ("{not json", "REPORT:LINE"),
        ("?doc=eurasia-2020", "line"),
        ("eurasia-2020:\udcff", "not a line number"),
    ],
)
def test_bad_references_say_what_is_expected(ref: str, message: str) -> None:
    with pytest.raises(BadInputError, match=message.replace("?", r"\?")) as exc:
        parse_reference(ref, CATALOG)
    assert "\n" not in str(exc.value)


def test_a_question_mark_in_a_section_title_is_not_a_link() -> None:
    label = "Eurasia Group 2020 (2020-04-08), “What is the DSR?”, eurasia-2020:3"
    assert parse_reference(label, CATALOG) == Reference("eurasia-2020", 3, 3)


def test_a_report_line_past_the_end_names_the_files_range() -> None:
    end = COUNTS["eurasia-2020"]
    assert parse_reference(f"eurasia-2020:{end}", CATALOG) == Reference("eurasia-2020", end, end)
    with pytest.raises(BadInputError, match=f"lines 1-{end}"):
        parse_reference(f"eurasia-2020:{end + 1}", CATALOG)


@pytest.mark.parametrize(
    ("spec", "lines"),
    [("12", (12, 12)), ("12-14", (12, 14)), ("12–14", (12, 14)), ("12 - 14", (12, 14))],
)
def test_parse_lines(spec: str, lines: tuple[int, int]) -> None:
    assert parse_lines(spec) == lines


@pytest.mark.integration
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_citation_ask_prints_opens_its_lines_in_show(qa: Any, data: st.DataObject) -> None:
    """The index's own passages and sentences, cited as ``ask`` cites them, in every
    printed form, fed to ``dsrqa show``: the cited lines are the ones shown marked."""
    from dsrqa.answer import citation_for
    from dsrqa.cli import main

    units = data.draw(st.sampled_from([qa.index.passages, qa.index.sentences]))
    u = units[data.draw(st.integers(0, len(units) - 1))]
    section = getattr(u, "section", "a section")  # a sentence's is its passage's
    cit = citation_for(
        qa.index, u.report_id, section, u.char_start, u.char_end, u.line_start, u.line_end, ""
    )
    form = data.draw(st.sampled_from(printed_forms(cit)))
    shown = show_json(main, form)
    assert shown["report"] == cit.report and shown["file"] == cit.file
    assert shown["highlight"] == [cit.line_start, cit.line_end]


def show_json(main: Any, ref: str) -> dict[str, Any]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["show", ref, "-C", "0", "--json", "--corpus", str(CORPUS)]) == 0, ref
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


# ---------------------------------------------------------------------- the app's links
PARAM_VALUES = st.text(ANY_CHAR, max_size=30) | st.sampled_from(
    ["eurasia-2020", "ccp-inc-malaysia-2022", "113", "113-115", "0", "²", "１２", "", "-1"]
)


@settings(max_examples=3_000, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*LINK_PARAMS, "embed", "x", "Q", "line "]) | st.text(max_size=8),
        PARAM_VALUES | st.lists(PARAM_VALUES, max_size=3),
        max_size=6,
    )
)
def test_any_link_parameters_are_read_or_refused_with_a_message(params: dict[str, Any]) -> None:
    link = read_link(params, list(COUNTS), COUNTS.__getitem__)
    assert isinstance(link, Link)
    assert link.report is None or link.report in COUNTS
    if link.doc is not None:
        assert link.doc in COUNTS
    if link.lines is not None:
        first, last = link.lines
        assert link.doc is not None and 1 <= first <= last <= COUNTS[link.doc]
    assert all(isinstance(n, str) and n and "\n" not in n for n in link.notices)
    assert isinstance(link.question, str) and (link.verify is None or link.verify)


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        ({}, Link(), None),
        (
            {"q": "What?", "report": "eurasia-2020"},
            Link(question="What?", report="eurasia-2020"),
            None,
        ),
        ({"q": "What?", "report": "nope"}, Link(question="What?"), "Unknown report 'nope'"),
        ({"verify": "a text"}, Link(verify="a text"), None),
        ({"verify": ""}, Link(), None),
        ({"doc": "eurasia-2020", "line": "113"}, Link(doc="eurasia-2020", lines=(113, 113)), None),
        (
            {"doc": "eurasia-2020", "line": "113-115"},
            Link(doc="eurasia-2020", lines=(113, 115)),
            None,
        ),
        ({"doc": "eurasia-2020"}, Link(doc="eurasia-2020"), None),
        ({"doc": "eurasia-2020", "line": "²"}, Link(doc="eurasia-2020"), "digits 0-9"),
        ({"doc": "eurasia-2020", "line": "１２"}, Link(doc="eurasia-2020"), "digits 0-9"),
        ({"doc": "eurasia-2020", "line": "0"}, Link(doc="eurasia-2020"), "lines 1-"),
        ({"doc": "eurasia-2020", "line": "9" * 5000}, Link(doc="eurasia-2020"), "lines 1-"),
        ({"doc": "eurasia-2020", "line": "x"}, Link(doc="eurasia-2020"), "not a line number"),
        ({"doc": "nope", "line": "3"}, Link(), "Unknown report 'nope'"),
        ({"line": "3"}, Link(), "no report"),
        ({"question": "What?"}, Link(), "'question'"),
        ({"embed": "true"}, Link(), None),
        ({"q": ["first", "last"]}, Link(question="last"), None),
    ],
)
def test_each_link_parameter(params: dict[str, Any], expected: Link, notice: str | None) -> None:
    link = read_link(params, list(COUNTS), COUNTS.__getitem__)
    assert link.question == expected.question and link.report == expected.report
    assert link.verify == expected.verify
    assert (link.doc, link.lines) == (expected.doc, expected.lines)
    if notice is None:
        assert not link.notices
    else:
        assert any(notice in n for n in link.notices), link.notices


def test_a_long_value_is_shortened_in_the_notice() -> None:
    link = read_link({"doc": "x" * 10_000}, list(COUNTS), COUNTS.__getitem__)
    assert len(link.notices[0]) < 300


def test_line_param_and_parse_lines_agree() -> None:
    assert line_param(5, 5) == "5" and line_param(5, 9) == "5-9"
    assert parse_lines(line_param(5, 9)) == (5, 9)


def test_line_counts_are_the_lines_show_numbers() -> None:
    from dsrqa.qa import QA

    for report, count in COUNTS.items():
        assert QA.show_raw(CATALOG, report, count, 0).highlight == (count, count)
        with pytest.raises(BadInputError, match=f"lines 1-{count}"):
            QA.show_raw(CATALOG, report, count + 1, 0)

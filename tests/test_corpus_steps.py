"""Each step of ``dsrqa.corpus`` on its own, on tiny inline texts: the offset map, raw
lines, blocks, headings, word repairs, tables, units and the catalog checks.
``test_cleaning.py`` checks the same rules end to end, through ``clean_text``."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from dsrqa.corpus import (
    LIGATURE,
    BadInputError,
    CorpusError,
    Document,
    Mapped,
    Unit,
    check_report_id,
    clean_text,
    load_catalog,
    vocabulary,
)
from dsrqa.corpus.blocks import is_label_block, merge_cut_headings, separate, split_at_headings
from dsrqa.corpus.headings import heading_kind, heading_lines, heading_text, is_heading_line
from dsrqa.corpus.lexicon import ESCAPED_DOLLAR
from dsrqa.corpus.lines import Line, line_kind, read_lines
from dsrqa.corpus.repair import Repairer, drop_hyphen, fix_ligature, joins_drop_cap
from dsrqa.corpus.tables import space_table, split_row, tab_table, timeline_entries

PROSE = "x " * 50  # padding makes a line long enough to read as prose, not a heading


def mapped(raw: str) -> Mapped:
    return Mapped.from_raw(raw, 0, len(raw))


def raw_at(raw: str, m: Mapped) -> str:
    return "".join(raw[o] for o in m.offs)


def kinds(raw: str) -> list[str]:
    return [line.kind for line in read_lines(raw)]


def text_line(text: str, kind: str = "text") -> Line:
    return Line(0, len(text), text, kind)


# ----- offsets ----------------------------------------------------------------------
def test_mapped_refuses_text_and_offsets_of_different_lengths() -> None:
    with pytest.raises(ValueError):
        Mapped("ab", [0])


def test_sub_keeps_the_offsets_of_a_replacement_found_inside_the_match() -> None:
    out = mapped("a\\$b").sub(ESCAPED_DOLLAR, lambda m: "$")
    assert (out.text, out.offs) == ("a$b", [0, 2, 3])


def test_sub_gives_added_text_the_offset_of_the_match_and_deletions_leave_no_trace() -> None:
    out = mapped("oxd").sub(re.compile("x"), lambda m: "ff")
    assert (out.text, out.offs) == ("offd", [0, 1, 1, 2])
    gone = mapped("a1b").sub(re.compile(r"\d"), lambda m: "")
    assert (gone.text, gone.offs) == ("ab", [0, 2])


def test_strip_and_concatenation_keep_the_map() -> None:
    raw = "  ab  cd "
    left = Mapped.from_raw(raw, 0, 4).strip()
    right = Mapped.from_raw(raw, 4, 9).strip()
    joined = left + Mapped.synthetic(" ", 4) + right
    assert (joined.text, joined.offs) == ("ab cd", [2, 3, 4, 6, 7])
    assert Mapped.from_raw(raw, 0, 2).strip().text == ""


# ----- lines ------------------------------------------------------------------------
def test_each_raw_line_is_told_by_kind() -> None:
    drop = [re.compile(r"^APRIL 2020$")]
    assert [
        line_kind(text, drop)
        for text in [
            "  ",
            "https://example.org/a.pdf",
            "12",
            "+1 202.903.0006",
            "someone@example.net",
            "APRIL 2020",
            "Sources: Eurasia Group",
            "Note: rounded",
            "Africa\tEgypt",
            " ▪ June 2012: opened",
            "Plain prose.",
        ]
    ] == [
        "blank",
        "drop",
        "drop",
        "drop",
        "drop",
        "drop",
        "note",
        "note",
        "table",
        "bullet",
        "text",
    ]


def test_a_line_and_its_cells_point_at_the_raw_text() -> None:
    raw = "first\n  Asia \tLaos\n"
    line = read_lines(raw)[1]
    assert (line.start, line.end, line.text) == (6, 18, "  Asia \tLaos")
    frag = line.fragment()
    assert frag.text == "Asia \tLaos" and raw_at(raw, frag) == frag.text
    cells = line.cells()
    assert [c.text for c in cells] == ["  Asia ", "Laos"]
    assert all(raw_at(raw, c) == c.text for c in cells)


def test_a_pull_quote_inside_a_sentence_is_marked_inset() -> None:
    raw = (
        "Mahathir visited Hangzhou\n"
        " Before the pandemic, leaders met\n"
        "\n"
        "with the country's leaders.\n"
        " to assure Jack Ma.\n"
    )
    assert kinds(raw) == ["text", "inset", "blank", "inset", "text", "blank"]


def test_an_indented_line_is_no_pull_quote_without_a_lowercase_line_carrying_on() -> None:
    raw = "Mahathir visited Hangzhou\n Before the pandemic, leaders met.\nThen more.\n"
    assert "inset" not in kinds(raw)
    raw = "Mahathir visited Hangzhou\n Before the pandemic, leaders met.\n Then more.\n"
    assert "inset" not in kinds(raw)


# ----- blocks -----------------------------------------------------------------------
def test_blank_and_dropped_lines_separate_blocks_and_a_note_stands_alone() -> None:
    raw = "One\ntwo\n\nthree\nhttps://x.org/a\nfour\nSource: X\n still the note\n Indented\nfive\n"
    found = separate(read_lines(raw))
    assert [[line.text.strip() for line in b] for b in found] == [
        ["One", "two"],
        ["three"],
        ["four"],
        ["Source: X"],
        ["still the note", "Indented", "five"],
    ]


def test_a_note_block_ends_at_the_first_indented_line() -> None:
    raw = "Source: X\ncontinued\n Indented paragraph\n"
    found = separate(read_lines(raw))
    assert [[line.text for line in b] for b in found] == [
        ["Source: X", "continued"],
        [" Indented paragraph"],
    ]


def test_a_heading_cut_after_and_joins_the_next_block() -> None:
    found = separate(read_lines("Support from Central and \n\nLocal Authorities\n\nBody.\n"))
    merged = merge_cut_headings(found)
    assert [[line.text.strip() for line in b] for b in merged] == [
        ["Support from Central and", "Local Authorities"],
        ["Body."],
    ]


def test_a_heading_right_after_a_paragraph_is_split_off() -> None:
    block = [
        text_line("The paragraph ends here."),
        text_line("A new heading"),
        text_line(f"Body text of the new section {PROSE}ends."),
    ]
    parts = split_at_headings(block, None, [])
    assert [[line.text[:13] for line in part] for part in parts] == [
        ["The paragraph"],
        ["A new heading", "Body text of "],
    ]
    units = clean_text("\n".join(line.text for line in block) + "\n")
    assert [u.section for u in units] == ["Inline", "A new heading"]


def test_a_block_of_a_few_bare_words_a_line_is_a_figure_label_block() -> None:
    assert is_label_block([text_line("Laos"), text_line("Viet Nam"), text_line("Papua New Guinea")])
    assert not is_label_block([text_line("Laos"), text_line("2019 figures")])
    assert not is_label_block([text_line("four words a line")])


# ----- headings ---------------------------------------------------------------------
def test_what_may_be_a_heading_line() -> None:
    assert is_heading_line(text_line("The DSR today"), True)
    assert is_heading_line(text_line("Huawei Technologies Co."), True)  # an abbreviation
    assert not is_heading_line(text_line("It ends a sentence."), True)
    assert not is_heading_line(text_line("lowercase start"), True)
    assert is_heading_line(text_line("lowercase start"), False)
    assert not is_heading_line(text_line("A" * 101), True)
    assert not is_heading_line(text_line("Region\tCountry", "table"), True)


def test_heading_lines_need_longer_prose_or_a_table_after_them() -> None:
    heading = text_line("Short title")
    prose = text_line(f"A body line {PROSE}ends.")
    assert heading_lines([heading, prose], None, []) == 1
    assert heading_lines([heading], prose, []) == 1
    assert heading_lines([heading, text_line("Also short.")], None, []) == 0
    long_heading = text_line("Word " * 13 + "Word")  # 69 characters
    assert heading_lines([long_heading, text_line("y " * 40 + "end.")], None, []) == 0
    assert heading_lines([heading, text_line("A\tB", "table")], None, []) == 1
    assert heading_lines([heading], None, []) == 0
    assert heading_lines([heading], None, [re.compile("^Short")]) == 1


def test_heading_text_joins_a_figure_caption_an_appendix_label_and_a_wrapped_title() -> None:
    def same(m: Mapped) -> Mapped:
        return m

    lines = [text_line("Figure 2: DSR partners"), text_line("By region")]
    assert heading_text(lines, same) == "Figure 2: DSR partners — By region"
    lines = [text_line("Appendix B"), text_line("State Support")]
    assert heading_text(lines, same) == "Appendix B: State Support"
    lines = [text_line("A long title that"), text_line("wraps over")]
    assert heading_text(lines, same) == "A long title that wraps over"


def test_a_caption_or_a_table_title_is_a_sub_heading() -> None:
    title = [text_line("Countries")]
    table = text_line("A\tB", "table")
    assert heading_kind("Figure 1: Map", title, 1, None) == "sub"
    assert heading_kind("Countries", title, 1, table) == "sub"
    assert heading_kind("Countries", title, 1, text_line(PROSE)) == "main"


def test_prose_after_a_figure_leaves_it_only_when_clearly_long() -> None:
    caption = "Figure 1: Data centers"
    short = "y " * 40 + "end."  # 84 characters: still the figure's text
    long = "z " * 46 + "end."  # 96 characters: main text again
    raw = f"Intro {PROSE} text.\n\n{caption}\n\n{short}\n\n{long}\n"
    units = clean_text(raw)
    assert [(u.kind, u.subsection) for u in units] == [
        ("paragraph", ""),
        ("figure", caption),
        ("paragraph", ""),
    ]


def test_short_prose_after_a_table_stays_in_the_table_section() -> None:
    raw = (
        f"Intro {PROSE} text.\n\nCountries\n\nRegion\tCountry\nAsia\tLaos\n\nShort text after it.\n"
    )
    units = clean_text(raw)
    assert [(u.kind, u.subsection) for u in units][-1] == ("figure", "Countries")


def test_a_label_block_cut_from_a_figure_is_left_out() -> None:
    raw = f"Intro {PROSE} text.\n\nLaos\nViet Nam\n"
    assert [u.text[:5] for u in clean_text(raw)] == ["Intro"]


# ----- word repairs -----------------------------------------------------------------
def test_the_vocabulary_leaves_out_words_broken_across_lines() -> None:
    counts = vocabulary([f"govern-\nment o{LIGATURE}ered\nI s the GOVERNMENT"])
    assert counts == Counter({"the": 1, "government": 1})


def test_drop_hyphen_asks_the_vocabulary() -> None:
    vocab = Counter({"government": 2, "tech": 1, "friendly": 1})
    assert drop_hyphen("govern", "ment", vocab)
    assert not drop_hyphen("tech", "friendly", vocab)
    assert drop_hyphen("xyz", "abc", vocab)  # neither part known: one word


def test_a_lost_ligature_becomes_the_spelling_the_reports_use_most() -> None:
    vocab = Counter({"offered": 1, "fluid": 3})
    assert fix_ligature(f"o{LIGATURE}ered", vocab) == "offered"
    assert fix_ligature(f"{LIGATURE}uid", vocab) == "fluid"
    assert fix_ligature(f"{LIGATURE}zz", vocab) == "ffzz"  # unknown: ff


def test_a_drop_cap_joins_only_into_a_known_word() -> None:
    vocab = Counter({"is": 1, "a": 1})
    assert joins_drop_cap("I", "s", vocab)
    assert not joins_drop_cap("A", "man", vocab)
    assert joins_drop_cap("A", "t", Counter({"at": 1, "t": 1}))  # a known tail of two letters
    assert not joins_drop_cap("T", "hen", Counter({"then": 1, "hen": 1}))
    repairer = Repairer(vocab)
    assert repairer.repair(mapped("I s it")).text == "Is it"
    assert repairer.repair(mapped("I s it"), paragraph_start=False).text == "I s it"


def test_join_puts_a_space_between_lines_but_none_after_a_dash_or_slash() -> None:
    repairer = Repairer(Counter())
    pairs = [
        ("a", "b"),
        ("Sino-", "Malaysian"),
        ("2019—", "2020"),
        ("and/", "or"),
        ("COVID-", "19"),
    ]
    assert [repairer.join(mapped(a), mapped(b)).text for a, b in pairs] == [
        "a b",
        "Sino-Malaysian",
        "2019—2020",
        "and/or",
        "COVID-19",
    ]


def test_repair_collapses_spaces_and_drops_a_space_before_a_stop() -> None:
    raw = "a   b , c ."
    out = Repairer(Counter()).repair(mapped(raw))
    assert out.text == "a b, c."
    assert raw_at(raw, out) == out.text


def test_footnote_numbers_are_dropped_only_in_sequence() -> None:
    repairer = Repairer(Counter(), footnotes=True)
    assert repairer.repair(mapped("one.1 two.2 six.6 three.3")).text == "one. two. six.6 three."
    assert repairer.last_note == 3
    assert Repairer(Counter()).repair(mapped("one.1")).text == "one.1"  # not in the profile


# ----- tables -----------------------------------------------------------------------
def test_a_first_row_of_dates_is_no_header() -> None:
    raw = "June 2019\tHuawei opens\n2020\tAlibaba opens\n"
    rows = tab_table(read_lines(raw)[:2], Repairer(Counter()))
    assert [(r.text.text, r.cells, r.labels) for r in rows] == [
        ("June 2019 Huawei opens", ((0, 9), (10, 22)), ()),
        ("2020 Alibaba opens", ((0, 4), (5, 18)), ()),
    ]
    assert all(raw_at(raw, r.text).replace("\t", " ") == r.text.text for r in rows)


def test_a_row_with_its_year_alone_takes_the_entity_from_the_next_block() -> None:
    parts = [mapped("2013"), mapped("Ministry of Finance"), mapped("9.9% tax"), mapped("rate")]
    out = split_row(parts, Repairer(Counter()))
    assert [p.text for p in out] == ["2013", "Ministry of Finance", "9.9% tax rate"]


def test_a_one_block_row_splits_where_the_support_starts() -> None:
    repairer = Repairer(Counter())
    cut = split_row([mapped("2009 China Development Bank $1 billion loan")], repairer)
    assert [p.text for p in cut] == ["2009", "China Development Bank", "$1 billion loan"]
    cut = split_row([mapped("Late 2010s State Council backs Huawei")], repairer)
    assert [p.text for p in cut] == ["Late 2010s", "State Council backs", "Huawei"]
    assert [p.text for p in split_row([mapped("No year here")], repairer)] == ["No year here"]


def test_a_space_table_ends_at_a_source_note_and_says_where() -> None:
    raw = "2009 Bank $1 loan\n\n2010 Fund\n\nSupport text\n\nSource: X\n\nAfter.\n"
    found = separate(read_lines(raw))
    rows, end = space_table(found, 0, ["Year", "Entity", "Support"], Repairer(Counter()))
    assert [r.text.text for r in rows] == ["2009 Bank $1 loan", "2010 Fund Support text"]
    assert rows[1].labels == ("Year", "Entity", "Support")
    assert end == 3 and found[end][0].text == "Source: X"


def test_timeline_entries_take_their_continuation_lines_and_lose_the_bullet() -> None:
    raw = " ▪ June 2012: opens a center in \nCyberjaya.\n • May 2013: signs.\n"
    entries = timeline_entries(read_lines(raw)[:3], Repairer(Counter()))
    assert [e.text for e in entries] == [
        "June 2012: opens a center in Cyberjaya.",
        "May 2013: signs.",
    ]
    assert all(raw_at(raw, e).replace("\n", " ") == e.text for e in entries)


# ----- units, documents and the catalog ------------------------------------------------
def test_a_document_finds_the_line_of_an_offset_and_clips_line_ranges() -> None:
    doc = Document(report=None, raw="ab\ncd\n\nef", units=())  # type: ignore[arg-type]
    assert [doc.line_of(o) for o in (0, 2, 3, 6, 7)] == [1, 1, 2, 3, 4]
    assert doc.line_count == 4
    assert doc.lines(0, 2) == ["ab", "cd"] and doc.lines(4, 9) == ["ef"]


def test_a_unit_shows_its_heading_path_and_labelled_cells() -> None:
    unit = Unit(
        "r",
        "table_row",
        "Appendix",
        "Table 1",
        "Asia Laos",
        (0,) * 9,
        1,
        ("Region",),
        ((0, 4), (5, 9)),
    )
    assert unit.heading == "Appendix — Table 1"
    assert unit.labelled_text() == "Region: Asia; Laos"
    assert Unit("r", "paragraph", "Intro", "", "T", (0,), 1).heading == "Intro"


def write_catalog(folder: Path, text: str, sha256: str) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "r.txt").write_text(text, encoding="utf-8")
    item = {"id": "r", "file": "r.txt", "title": "R", "short_title": "R", "authors": ["A"]}
    item |= {"date": "2020", "sha256": sha256}
    (corpus / "catalog.json").write_text(json.dumps({"reports": [item]}), encoding="utf-8")
    return corpus


def test_the_catalog_checks_report_bytes_and_ids(tmp_path: Path) -> None:
    text = "Body.\n"
    good = write_catalog(tmp_path, text, hashlib.sha256(text.encode()).hexdigest())
    catalog = load_catalog(good)
    assert catalog.get("r").read_raw() == text and catalog.get("r").file == "corpus/r.txt"
    assert check_report_id(catalog, None) is None and check_report_id(catalog, "r") == "r"
    with pytest.raises(BadInputError, match="expected one of: r"):
        check_report_id(catalog, "nope")
    (good / "r.txt").write_text("Edited.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="restore the file"):
        catalog.get("r").read_raw()
    with pytest.raises(CorpusError, match="no catalog"):
        load_catalog(tmp_path / "nowhere")


def test_importing_the_corpus_package_loads_no_heavy_library() -> None:
    code = (
        "import sys, dsrqa.corpus; "
        "heavy = ('numpy', 'torch', 'faiss', 'bm25s', 'onnxruntime', 'tokenizers'); "
        "bad = [m for m in heavy if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr

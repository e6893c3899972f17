"""Each cleaning rule on small inline texts, and the offset map they must preserve."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.corpus import LIGATURE, Unit, clean_text

PROSE = "x " * 50  # padding makes a line long enough to read as prose, not a heading


def texts(units: list[Unit]) -> list[str]:
    return [u.text for u in units]


def assert_offsets_faithful(raw: str, units: list[Unit]) -> None:
    """Every cleaned character points into the raw text; copied ones are identical."""
    for unit in units:
        assert len(unit.offsets) == len(unit.text)
        for ch, off in zip(unit.text, unit.offsets, strict=True):
            assert 0 <= off < len(raw)
            if ch != " " and raw[off] != "\\":
                assert raw[off] == ch or raw[off] == LIGATURE or raw[off].isspace() is False


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    raw = "The first line of a paragraph that wraps \nonto a second line and ends here.\n"
    assert texts(clean_text(raw)) == [
        "The first line of a paragraph that wraps onto a second line and ends here."
    ]


def test_hyphenation_across_lines_is_undone_when_the_word_is_known() -> None:
    raw = "The central govern-\nment decided it.\n"
    units = clean_text(raw, vocab_texts=["the government"])
    assert texts(units) == ["The central government decided it."]


def test_compound_hyphen_across_lines_is_kept() -> None:
    raw = "Both leveraged tech-\nfriendly domestic policies.\n"
    units = clean_text(raw, vocab_texts=["tech firms", "friendly terms"])
    assert texts(units) == ["Both leveraged tech-friendly domestic policies."]


def test_glued_footnote_numbers_are_removed_in_sequence_only() -> None:
    raw = "Growth for both tech giants.1 The two titans grew.2 iPay88 is a name.\n"
    units = clean_text(raw, profile={"footnotes": True})
    assert texts(units) == ["Growth for both tech giants. The two titans grew. iPay88 is a name."]


def test_footnote_after_closing_quote_is_removed() -> None:
    raw = "It is a “key software enterprise.”1 Next sentence.\n"
    assert texts(clean_text(raw, profile={"footnotes": True})) == [
        "It is a “key software enterprise.” Next sentence."
    ]


def test_footnote_glued_to_a_year_is_removed_in_sequence_only() -> None:
    raw = "Its IPO was in 2014.1 It paid $2014.50 in 2019.9 more.\n"
    assert texts(clean_text(raw, profile={"footnotes": True})) == [
        "Its IPO was in 2014. It paid $2014.50 in 2019.9 more."
    ]


def test_decimal_amounts_are_not_mistaken_for_footnotes() -> None:
    raw = "RComm secured $1.1 billion in 2010.\n"
    assert texts(clean_text(raw, profile={"footnotes": True})) == [
        "RComm secured $1.1 billion in 2010."
    ]


def test_escaped_dollars_become_dollars() -> None:
    raw = "The country set up a \\$22.5 million cloud data center.\n"
    units = clean_text(raw)
    assert texts(units) == ["The country set up a $22.5 million cloud data center."]
    assert_offsets_faithful(raw, units)


def test_link_markup_keeps_only_the_link_text() -> None:
    raw = "Please see: [China's Digital Silk Road to gain traction](#), 5 February 2018.\n"
    assert texts(clean_text(raw)) == [
        "Please see: China's Digital Silk Road to gain traction, 5 February 2018."
    ]


def test_lost_ligature_is_repaired_from_the_vocabulary() -> None:
    raw = f"The government o{LIGATURE}ered a discount.\n"
    units = clean_text(raw, vocab_texts=["it offered more"])
    assert texts(units) == ["The government offered a discount."]


def test_page_break_blank_run_inside_a_sentence_is_joined() -> None:
    raw = (
        f"A paragraph about {PROSE} policy that breaks off in the middle of the\n\n\n\n"
        "APRIL 2020\n\n\n"
        f"sentence and continues {PROSE} on the next page.\n"
    )
    units = clean_text(raw, profile={"drop_lines": ["^APRIL 2020$"]})
    assert len(units) == 1
    assert "middle of the sentence and continues" in units[0].text
    assert "APRIL" not in units[0].text


def test_pull_quote_inside_a_sentence_is_lifted_out_and_the_sentence_rejoined() -> None:
    raw = (
        "And yet, within three months of taking power, Mahathir visited Hangzhou\n"
        " Before the pandemic, senior leaders regularly secured meetings and events\n"
        "\n"
        "with the country's leaders, whoever was in power.\n"
        " to assure Jack Ma that Alibaba was still welcome in the country.\n"
    )
    units = clean_text(raw)
    assert sorted(texts(units)) == [
        "And yet, within three months of taking power, Mahathir visited Hangzhou to assure "
        "Jack Ma that Alibaba was still welcome in the country.",
        "Before the pandemic, senior leaders regularly secured meetings and events with the "
        "country's leaders, whoever was in power.",
    ]
    assert_offsets_faithful(raw, units)


def test_indented_line_that_carries_on_the_sentence_is_not_a_pull_quote() -> None:
    raw = (
        "Both tech giants, Huawei and Alibaba, form the backbone of this case\n"
        " Study report. Both honed their vision decades ago.\n"
        "\n"
        "A new paragraph starts here and ends here.\n"
    )
    assert texts(clean_text(raw))[0] == (
        "Both tech giants, Huawei and Alibaba, form the backbone of this case Study report. "
        "Both honed their vision decades ago."
    )


def test_running_headers_footers_urls_and_chapter_numbers_are_dropped() -> None:
    raw = (
        f"First paragraph {PROSE} ends.\n\n23  |  Ethan Cramer-Flood and Briana Boland\n\n"
        f"https://example.org/report.pdf\n\n 2\n\nSecond paragraph {PROSE} ends.\n"
    )
    units = clean_text(raw, profile={"drop_lines": [r"^\d+\s+\|\s+Ethan Cramer-Flood"]})
    joined = " ".join(texts(units))
    assert "Ethan" not in joined and "https" not in joined and " 2 " not in joined
    assert len(units) == 2


def test_headings_become_sections_and_paragraphs_stay_inside_them() -> None:
    raw = (
        f"The DSR today\n\nFirst section text {PROSE} ends.\n\n"
        f"DSR elevated in importance\n\nSecond section text {PROSE} ends.\n"
    )
    units = clean_text(raw)
    assert [u.section for u in units] == ["The DSR today", "DSR elevated in importance"]


def test_heading_split_over_two_lines_and_a_page_break_is_joined() -> None:
    raw = (
        f"Appendix B\nA Snapshot of Support from Central and \n\nLocal Authorities\n\n"
        f"The following is a sample {PROSE} of support.\n"
    )
    units = clean_text(raw)
    assert (
        units[0].section == "Appendix B: A Snapshot of Support from Central and Local Authorities"
    )


def test_tab_table_rows_keep_column_meaning_and_table_title() -> None:
    raw = (
        f"Intro {PROSE} text.\n\nCountries signing DSR-specific MOU with China\n\n"
        "Region\tCountry\nAfrica\t Egypt\nAsia\t Laos\n\nSources: Eurasia Group\n"
    )
    rows = [u for u in clean_text(raw) if u.kind == "table_row"]
    assert [r.labelled_text() for r in rows] == [
        "Region: Africa; Country: Egypt",
        "Region: Asia; Country: Laos",
    ]
    assert rows[0].subsection == "Countries signing DSR-specific MOU with China"


def test_flattened_appendix_table_rows_split_into_year_entity_support() -> None:
    header = "Year Chinese Government Entity Nature of Support"
    raw = (
        f"Appendix A\nA Snapshot of State Support \n\nThe following table presents {PROSE}.\n\n"
        f"{header}\n\n2009 China Development Bank $1 billion loan to America Movil\n\n"
        "2013 Ministry of Finance, State Administration \nof Taxation\n\n"
        "9.9% effective tax rate for Alibaba\n\nSource: See endnotes.\n"
    )
    profile = {
        "space_tables": [
            {
                "header": header,
                "columns": ["Year", "Chinese Government Entity", "Nature of Support"],
            }
        ]
    }
    rows = [u.labelled_text() for u in clean_text(raw, profile=profile) if u.kind == "table_row"]
    assert rows == [
        "Year: 2009; Chinese Government Entity: China Development Bank; "
        "Nature of Support: $1 billion loan to America Movil",
        "Year: 2013; Chinese Government Entity: Ministry of Finance, State Administration of "
        "Taxation; Nature of Support: 9.9% effective tax rate for Alibaba",
    ]


def test_timeline_bullets_are_one_dated_entry_each() -> None:
    raw = (
        " ▪ June 2012: Huawei opens its first overseas training center in \nCyberjaya.\n\n"
        " ▪ May 2013: Prasarana contracts Huawei.\n"
    )
    units = clean_text(raw)
    assert [(u.kind, u.text) for u in units] == [
        ("timeline", "June 2012: Huawei opens its first overseas training center in Cyberjaya."),
        ("timeline", "May 2013: Prasarana contracts Huawei."),
    ]


def test_a_bullet_inside_a_line_starts_the_next_entry() -> None:
    raw = (
        "▪ May 2017: Alibaba Cloud announces a data center in Malaysia later\n"
        "in 2017. ▪ July 2017: MDEC launches the DFTZ.\n"
        "▪ 2018: Huawei opens a cloud region.\n"
    )
    assert [u.text for u in clean_text(raw)] == [
        "May 2017: Alibaba Cloud announces a data center in Malaysia later in 2017.",
        "July 2017: MDEC launches the DFTZ.",
        "2018: Huawei opens a cloud region.",
    ]


def test_contacts_section_is_skipped() -> None:
    raw = (
        f"Intro {PROSE} text.\n\nCONTACTS\n\nPaul Triolo\n\nPractice Head\n+1 202.903.0006\n"
        f"triolo@example.net\n\nNext heading here\n\nBody {PROSE} text.\n"
    )
    units = clean_text(raw, profile={"skip_sections": ["^CONTACTS$"], "headings": ["^CONTACTS$"]})
    joined = " ".join(texts(units))
    assert "Triolo" not in joined and "202" not in joined
    assert units[-1].section == "Next heading here"


def test_split_drop_cap_is_rejoined() -> None:
    raw = (
        "Executive Summary\n\nI s China’s state capitalist system a benefit or a liability "
        "for Chinese companies, and for the world at large?\n"
    )
    units = clean_text(raw, vocab_texts=["this is it"])
    assert units[0].text.startswith("Is China’s")


def test_repeated_figure_text_is_kept_once() -> None:
    block = "In 2016, the Shenzhen municipal \ngovernment offered a discount.\n\n"
    units = clean_text(block + block)
    assert len(units) == 1


@settings(max_examples=int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "60")), deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_every_cleaned_character_maps_into_the_raw_text(raw: str) -> None:
    units = clean_text(raw, profile={"footnotes": True})
    for unit in units:
        assert len(unit.offsets) == len(unit.text)
        assert all(0 <= off < len(raw) for off in unit.offsets)
        assert list(unit.offsets) == sorted(unit.offsets)


def test_an_indented_paragraph_right_after_a_source_note_is_kept() -> None:
    raw = (
        "Source: Full table included in Appendix A.\n"
        " This evolution played out under the watchful eye of the party, which counted on \n"
        "Huawei to supply its own telecommunications infrastructure.\n"
        "Source: Huawei annual report, https://www.huawei.com/-/media/cor\n"
        "pdf/annual-report/annual_report2017_en.pdf\n"
    )
    assert texts(clean_text(raw)) == [
        "This evolution played out under the watchful eye of the party, which counted on "
        "Huawei to supply its own telecommunications infrastructure."
    ]

"""The figure rules (verify/rules/figures/) on the real corpus: altered figures listed
with the report's."""

from __future__ import annotations

import pytest


@pytest.mark.integration
def test_an_altered_amount_is_flagged_with_what_the_report_says(qa) -> None:
    v = qa.verify(
        "This year, in spite of US pressure, Huawei has signed a $180 million smart cities "
        "and data center contract with Kenya"
    )
    assert v.verdict == "close"
    assert [m.message for m in v.mismatches] == [
        "text says $180 million; the report says $175 million"
    ]


@pytest.mark.integration
def test_a_changed_rank_quarter_or_network_generation_is_close_with_it_flagged(qa) -> None:
    rank = qa.verify("Malaysia ranks 52nd on the latest UN Human Development Index")
    assert rank.verdict == "close"
    assert [m.message for m in rank.mismatches] == ["text says 52nd; the report says 62nd"]
    quarter = qa.verify("In Q3 2020, Huawei shipped more smartphones than any other company")
    assert quarter.verdict == "close", "Q3 is a date, not a name put in place of another"
    assert [m.message for m in quarter.mismatches] == ["text says Q3 2020; the report says Q2 2020"]
    dozens = qa.verify(
        "The story is no longer just about two flagship firms; there are now 12 Chinese "
        "players extending into every element"
    )
    assert [m.message for m in dozens.mismatches] == ["text says 12; the report says dozens"]
    span = qa.verify("For China, tech carried the flag in Malaysia for at least five years")
    assert [m.message for m in span.mismatches] == [
        "text says five years; the report says a decade"
    ]
    network = qa.verify(
        "Later in 2014, Huawei signed an additional 3G deal with Malaysia's U Mobile"
    )
    assert network.verdict == "close"
    assert [m.message for m in network.mismatches] == ["text says 3G; the report says 4G"]


@pytest.mark.integration
def test_the_same_amount_in_other_words_is_close_without_a_mismatch(qa) -> None:
    v = qa.verify(
        "This year, in spite of US pressure, Huawei has signed a 175 million dollars smart "
        "cities and data center contract with Kenya"
    )
    assert v.verdict == "close" and v.mismatches == ()


@pytest.mark.integration
def test_an_amount_in_words_for_the_reports_digits_is_one_word_changed(qa) -> None:
    text = (
        "At the same time, Mahathir welcomed and oversaw the signing of an agreement at the "
        "2019 BRF to develop a new {} AI park in Malaysia with Chinese unicorn SenseTime."
    )
    same = qa.verify(text.format("half-billion-dollar"))  # the report: "$500 million"
    assert same.verdict == "close" and same.mismatches == ()
    other = qa.verify(text.format("quarter-billion-dollar"))
    assert [(m.claim, m.report) for m in other.mismatches] == [
        ("quarter-billion-dollar", "$500 million")
    ]


@pytest.mark.integration
def test_per_cent_and_plural_acronyms_read_as_the_reports_write_them(qa) -> None:
    close = qa.verify(
        "In 1998, China Construction Bank provided $471 million in financing to Huawei "
        "purchasers, which represented 40 per cent of the total credit the bank extended"
    )
    assert close.verdict == "close"
    assert [m.message for m in close.mismatches] == [
        "text says 40 percent; the report says 45 percent"
    ]
    supported = qa.verify(
        "Over 2018, Alibaba made its entire range of cloud-based solutions available in "
        "Malaysia for private sector, government and SOEs."
    )
    assert supported.verdict == "supported"


@pytest.mark.integration
def test_a_loose_paraphrase_sharing_a_figure_gets_its_wrong_figure_flagged(qa) -> None:
    # Few words in common with the report's sentence, but "2020" anchors it to it.
    v = qa.verify(
        "Washington's Commerce Department concluded in 2020 that Beijing's grants fund up "
        "to 15 percent of Huawei's research budget."
    )
    assert v.verdict == "not_found"
    assert [m.message for m in v.mismatches] == ["text says 15 percent; the report says 10 percent"]


@pytest.mark.integration
def test_a_loose_rewording_naming_the_same_names_gets_its_wrong_date_listed(qa) -> None:
    # Few words shared and no figure in common, but every name (R&D for "Research and
    # Development") is in the nearest sentence: its date is listed, and the reason does
    # not pretend the report says the same thing.
    v = qa.verify(
        "Huawei and Telekom's R&D arm agreed in an October 2013 memorandum to study "
        "copper-line and 4G setups for Malaysian fixed-line and broadband markets."
    )
    assert v.verdict == "not_found"
    assert [m.message for m in v.mismatches] == [
        "text says October 2013; the report says August 2013"
    ]
    assert v.reason.startswith("nothing in the reports says this; the closest sentence")


@pytest.mark.integration
def test_a_loose_rewording_of_a_heading_gets_its_wrong_years_listed_at_the_heading(qa) -> None:
    # Headings are not indexed for questions, but a claim about one is checked against it.
    v = qa.verify(
        "One section of the CCP Inc. report covers City Brain, Huawei's 5G push and the high "
        "point of Chinese tech in Malaysia over the years 2017 to 2020."
    )
    assert v.verdict == "not_found"
    assert [m.message for m in v.mismatches] == ["text says 2017; the report says 2018"]
    assert v.matches[0].quote.startswith("Alibaba’s City Brain, Huawei’s 5G Push")
    assert v.matches[0].citation.line_start == 591


@pytest.mark.integration
def test_a_wrong_date_of_the_report_is_listed_against_its_cover(qa) -> None:
    # The cover's title, publisher and date are lines with blank lines between them: one
    # block, so the date stands beside the title it belongs to.
    v = qa.verify(
        "The Eurasia Group paper on how China is widening its digital footprint through the "
        "Digital Silk Road is dated 8 April 2021."
    )
    assert v.verdict == "not_found"
    assert [m.message for m in v.mismatches] == [
        "text says 8 April 2021; the report says 8 APRIL 2020"
    ]
    cover = v.matches[0].citation
    assert cover.quote.startswith("The Digital Silk Road: Expanding China's Digital Footprint")
    assert cover.line_end > cover.line_start


@pytest.mark.integration
def test_a_part_of_a_year_is_decided_by_the_part_the_report_gives(qa) -> None:
    # "in 2020" in the sentence before does not confirm "late 2020": "early 2020" decides
    v = qa.verify(
        "Alibaba and Huawei both peaked around late 2020, at home, abroad and in Malaysia."
    )
    assert v.verdict == "not_found"
    assert [m.message for m in v.mismatches] == ["text says late 2020; the report says early 2020"]

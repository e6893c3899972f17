"""The name rules (verify/rules/names/) on the real corpus: swaps, capitals, adjectives,
acronyms, fuller forms, names from the passage."""

from __future__ import annotations

import dataclasses

import pytest

from dsrqa.verify import Verifier


@pytest.mark.integration
def test_a_capital_stands_for_its_country_but_not_for_another(qa) -> None:
    tail = " meaning most DSR projects move forward at the subnational and sub-diplomatic level."
    beijing = qa.verify(
        "Only 16 countries have signed formal DSR-related MOUs with Beijing," + tail
    )
    assert beijing.verdict == "supported"
    washington = qa.verify(
        "Only 16 countries have signed formal DSR-related MOUs with Washington," + tail
    )
    assert washington.verdict == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "claim", "said"),
    [
        (
            "This year, in spite of US pressure, Tencent has signed a $175 million smart cities "
            "and data center contract with Kenya",
            "Tencent",
            "Huawei",
        ),
        # "Mobile" is an everyday word, but here it stands for "Unicom" inside a name
        (
            "November 2019: OCK Group signs an MOU with China Information Technology Designing "
            "& Consulting Institute Co., a subsidiary of China Mobile, on infrastructure and "
            "network services",
            "China Mobile",
            "China Unicom",
        ),
        # a name that starts lower-case is still a name
        (
            "Similarly, companies like SMIC, SenseTime, and iQIYI might be destined to go the "
            "way of Huawei, thanks to their close association with the CCP in the eyes of "
            "Western capitals.",
            "iQIYI",
            "Hikvision",
        ),
    ],
)
def test_a_name_put_in_place_of_another_is_not_found_with_both_names(
    qa, text: str, claim: str, said: str
) -> None:
    v = qa.verify(text)
    assert v.verdict == "not_found"
    assert [(m.kind, m.claim, m.report) for m in v.mismatches] == [("name", claim, said)]


@pytest.mark.integration
def test_a_swapped_company_opening_a_timeline_entry_is_named_whole(qa) -> None:
    v = qa.verify(
        "January 2020: ByteDance signs an MOU with the MDEC to develop and implement a pilot "
        "for a Virtual City portal project."
    )
    assert v.verdict == "not_found"
    assert [(m.claim, m.report) for m in v.mismatches] == [("ByteDance", "Weibo Corp")]


@pytest.mark.integration
def test_a_name_from_the_passage_put_in_place_of_the_sentences_own_is_a_swap(qa) -> None:
    tail = (
        " decided to continue with Huawei Marine to build its domestic infrastructure, with a "
        "key minister noting that he was not worried about security concerns."
    )
    # the passage also names Australia (Australian firm Vocus), but the sentence says PNG
    assert qa.verify("However, Australia" + tail).verdict == "not_found"
    assert qa.verify("However, Papua New Guinea" + tail).verdict == "supported"


@pytest.mark.integration
def test_a_country_for_its_adjective_is_a_close_wording_not_a_name_swap(qa) -> None:
    text = "It is a perfect opportunity for a multifaceted CCP Inc. ecosystem of {} tech suppliers."
    same = qa.verify(text.format("Chinese"))  # the report: "of China tech suppliers"
    assert same.verdict == "close" and not same.mismatches
    other = qa.verify(text.format("Malaysian"))
    assert other.verdict == "not_found"
    assert [(m.claim, m.report) for m in other.mismatches] == [("Malaysian", "China")]


@pytest.mark.integration
def test_a_name_said_short_may_be_given_in_full_as_the_reports_write_it(qa) -> None:
    # The timeline says "Xi"; the reports' only longer name with "Xi" is "Xi Jinping".
    rest = " formally launched the BRI with a speech at Kazakhstan's Nazarbayev University."
    assert qa.verify("In September 2013 Xi Jinping" + rest).verdict == "supported"
    assert qa.verify("In September 2013 Xi Peng" + rest).verdict == "not_found"


@pytest.mark.integration
def test_an_acronym_and_the_words_it_stands_for_cover_each_other(qa) -> None:
    # The heading says "BRI"; "Belt and Road" in the text is its words, not words missing
    v = qa.verify(
        "Despite resistance to the Belt and Road, China's digital connectivity offerings "
        "are still mostly welcomed."
    )
    assert v.verdict == "supported"
    assert v.matches[0].quote.startswith("Despite pushback against BRI")
    baidu = qa.verify(
        "Baidu lags in global expansion but now focuses on artificial intelligence and "
        "autonomous vehicles."
    )
    assert baidu.verdict == "supported" and "100% of its content words" in baidu.reason


@pytest.mark.integration
def test_an_acronym_spelled_out_is_compared_by_meaning_as_the_report_writes_it(qa) -> None:
    # The report says "DCCP": the text's words in full would score 0.70, under the bar
    text = (
        "The initial $25 million for the Digital Connectivity and Cybersecurity Partnership "
        "is small compared with the investment China offers and with US security assistance "
        "in the region."
    )
    v = qa.verify(text)
    assert v.verdict == "supported"
    assert "DCCP" in " ".join(m.quote for m in v.matches)
    plain = dataclasses.replace(qa.index.config, verify_respelled=0)
    unspelled = Verifier(dataclasses.replace(qa.index, config=plain))
    assert unspelled.verify(text).verdict == "not_found", "the rule, not luck, decides"


@pytest.mark.integration
def test_a_timeline_entry_is_read_with_its_heading_and_a_first_word_can_be_a_name(
    qa,
) -> None:
    # "Malaysia" is in the heading of the timeline of deals in Malaysia ...
    entry = qa.verify(
        "In December 2014 U Mobile signed a $244 million network partnership deal with ZTE "
        "and Huawei to roll out 1,000 3G and 1,000 4G LTE sites across Malaysia."
    )
    assert entry.verdict == "supported" and entry.matches[0].citation.line_start == 1134
    # ... and a text's first word is a name when the reports write it as one: Maxis did
    # not sign U Mobile's deal
    deal = (
        " signed a $244 million network partnership agreement with ZTE and Huawei in "
        "December 2014 to roll out 1,000 3G and 1,000 4G LTE network sites."
    )
    assert qa.verify("U Mobile" + deal).verdict == "supported"
    assert qa.verify("Maxis" + deal).verdict == "not_found"


@pytest.mark.integration
def test_a_country_whose_name_looks_like_the_reports_is_another_country(qa) -> None:
    tail = (
        ", with US and Japanese backing, in 2018 scrambled to offer to finance and build a "
        "fiber-optic cable to Papua New Guinea"
    )
    assert qa.verify("Australia" + tail).verdict == "verbatim"
    v = qa.verify("Austria" + tail)
    assert v.verdict == "not_found"
    assert [(m.kind, m.claim, m.report) for m in v.mismatches] == [("name", "Austria", "Australia")]

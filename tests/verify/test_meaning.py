"""Stage 3, supported or not_found by meaning (verify/support.py, verify/meaning.py), on
the real corpus: paraphrases, tables, columns and lines left out of the index."""

from __future__ import annotations

import dataclasses

import pytest

from dsrqa.verify import Verifier


@pytest.mark.integration
def test_one_sentence_of_a_timeline_entry_that_says_several_things_supports_a_paraphrase(
    qa,
) -> None:
    v = qa.verify(
        "The alliance aims to bring together advanced IT products, technologies and solutions "
        "to speed up building the DSR, starting with projects in South Asia and Africa."
    )
    assert v.verdict == "supported"
    assert v.matches[0].quote.startswith("The Alliance's goal is to integrate")
    assert (v.matches[0].citation.report, v.matches[0].citation.line_start) == ("eurasia-2020", 116)


@pytest.mark.integration
def test_a_table_is_read_with_its_column_names_and_rows_sharing_a_first_cell(qa) -> None:
    listed = " as the Eastern European countries that signed a DSR-specific MOU with China."
    four = qa.verify("Eurasia Group lists the Czech Republic, Serbia, Poland and Hungary" + listed)
    assert four.verdict == "supported"
    assert (four.matches[0].citation.line_start, four.matches[0].citation.line_end) == (62, 65)
    other = qa.verify("Eurasia Group lists the Czech Republic, Serbia, Poland and Estonia" + listed)
    assert other.verdict == "not_found"
    top = qa.verify("Haier is one of China's top five digital economy innovative enterprises.")
    assert top.verdict == "supported"
    ten = qa.verify("Haier is one of China's top ten digital economy innovative enterprises.")
    assert [m.message for m in ten.mismatches] == ["text says ten; the report says 5"]
    assert (
        ten.mismatches[0].quote
        == ten.matches[0].quote
        == "Haier (海尔) iFlytek (科大讯飞) Baidu (百度)"
    )


@pytest.mark.integration
def test_a_column_of_short_cells_is_read_as_a_list_under_its_header(qa) -> None:
    lists = "Eurasia Group's list of top Chinese internet companies comprises Alibaba, Tencent, "
    column = qa.verify(lists + "Baidu, JD.com and Ant Financial.")
    assert column.verdict == "supported"
    cited = column.matches[0].citation
    assert cited.quote.startswith("Top 5 Chinese internet companies: Alibaba (阿里巴巴); ")
    assert (cited.line_start, cited.line_end) == (159, 164)  # the header to the last row
    assert qa.verify(lists + "Baidu, JD.com and Xiaomi.").verdict == "not_found"


@pytest.mark.integration
def test_a_sentence_left_out_of_the_index_is_its_own_candidate_cited_at_its_line(qa) -> None:
    # The disclaimer stands between a thank-you and a photo credit with blank lines only:
    # a full sentence ends its block, so the citation is its own line, not all five
    v = qa.verify(
        "Eurasia Group is a private research and consultancy company with no affiliation "
        "to any government or political party."
    )
    assert v.verdict == "supported"
    assert (v.matches[0].citation.line_start, v.matches[0].citation.line_end) == (305, 305)


@pytest.mark.integration
def test_a_paraphrase_is_supported_by_the_sentence_it_restates(qa) -> None:
    v = qa.verify("In February Thailand launched the first Huawei 5G test bed in Southeast Asia.")
    assert v.verdict == "supported"
    assert "Thailand in February launched Huawei" in v.matches[0].quote


@pytest.mark.integration
def test_a_paraphrase_in_synonyms_is_supported_by_words_matched_in_context(qa) -> None:
    # "nations"/"countries", "openly"/"explicitly", "barred"/"banned", "firm"/"company"
    text = "Some nations openly barred Huawei, while others quietly drifted away from the firm."
    v = qa.verify(text)
    assert v.verdict == "supported"
    assert "Some countries explicitly banned Huawei" in v.matches[0].quote
    exact = dataclasses.replace(qa.index.config, verify_word_cosine=1.0)
    assert Verifier(dataclasses.replace(qa.index, config=exact)).verify(text).verdict == "not_found"


@pytest.mark.integration
@pytest.mark.parametrize(
    "claim",
    [
        "Huawei built 300 data centres in Kenya in 2015.",
        "Manchester United won the league with a record points total.",
    ],
)
def test_claims_the_reports_do_not_make_are_not_found_with_closest_sentences(qa, claim) -> None:
    v = qa.verify(claim)
    assert v.verdict == "not_found"
    assert v.matches, "the closest sentences are still listed"

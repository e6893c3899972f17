"""Quote and claim checking: the text rules on inline strings, then verdicts, citations
and mismatches on the real corpus, the CLI, and free-text properties."""

from __future__ import annotations

import dataclasses
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsrqa.errors import BadInputError
from dsrqa.eval_verify import load_cases, metrics, run_case
from dsrqa.quantities import quantities
from dsrqa.verify import VERDICTS, Verifier, clean_text, fold, repair, same_word, tokens

from .test_cli import assert_clean_error, run

ROOT = Path(__file__).resolve().parents[1]

# -- text rules, on inline strings --------------------------------------------------------


def test_tokens_fold_curly_quotes_dashes_case_and_thousands_separators() -> None:
    a = [t.norm for t in tokens("China’s “Digital Silk Road” — 1,000 firms")]
    b = [t.norm for t in tokens('china\'s "digital silk road" - 1000 firms')]
    assert a == b == ["china", "s", "digital", "silk", "road", "1000", "firms"]


def test_token_offsets_point_at_the_words_in_the_original_text() -> None:
    text = "It’s $28 million."
    assert [text[t.start : t.end] for t in tokens(text)] == ["It", "s", "$", "28", "million"]


def test_repair_drops_glued_footnotes_line_end_hyphens_escapes_and_link_markup() -> None:
    assert repair("were involved.33 Then") == "were involved. Then"
    assert repair("tech giants.1") == "tech giants."
    assert repair("54 per cent of it") == "54 percent of it"
    assert repair("its IPO in 2014.88 Then") == "its IPO in 2014. Then"
    assert repair("the govern- ment said") == "the government said"
    assert repair(r"a \$28 million [The Geopolitics of 5G](#) deal") == (
        "a $28 million The Geopolitics of 5G deal"
    )


def test_repair_keeps_numbers_that_are_not_footnotes() -> None:
    assert repair("G20 members and 5G in 2019. 40 firms") == "G20 members and 5G in 2019. 40 firms"
    assert repair("paid $2014.88 or 12014.5 units") == "paid $2014.88 or 12014.5 units"


def test_a_lost_ligature_pasted_from_the_raw_file_matches_the_repaired_word() -> None:
    assert same_word("o\ufffdered", "offered")
    assert same_word("e\ufffdcient", "efficient")
    assert not same_word("o\ufffdered", "ordered")


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("sixteen countries", "16 countries"),
        ("$1.1 billion", "1.1 billion dollars"),
        ("US$300 million", "$300 million"),
        ("40%", "40 percent"),
        ("twenty-one", "21"),
        ("March of 2019", "March 2019"),
        ("1,000", "1000"),
        ("$4.5bn", "$4.5 billion"),
        ("RM1.2bn", "1.2 billion ringgit"),
        ("half of its stake", "50 percent"),
        ("two-thirds of users", "67 percent"),
        ("Sept. 15, 2019", "15 September 2019"),
        ("the end of 2021", "late 2021"),
        ("the late '90s", "the late 1990s"),
        ("a dozen firms", "12 firms"),
        ("revenue halved", "revenue fell by 50 percent"),
        ("fell by about half", "half of its value"),
        ("a twofold rise", "sales doubled"),
        ("8 APRIL 2020", "8 April 2020"),
        ("half a billion dollars", "$500 million"),
        ("a half-billion-dollar park", "a $500 million park"),
        ("one and a half billion dollars", "$1.5 billion"),
        ("a quarter of a million people", "250,000 people"),
        ("a billion-dollar fund", "a $1 billion fund"),
    ],
)
def test_figures_in_other_words_have_the_same_value(left: str, right: str) -> None:
    (a,), (b,) = quantities(left), quantities(right)
    assert a.same_value(b)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("$1.1 billion", "$1.4 billion"),
        ("March 2019", "February 2019"),
        ("2019", "2018"),
        ("the late 1990s", "the late 2000s"),
        ("the early 2000s", "the late 2000s"),
        ("a third of revenue", "half of revenue"),
        ("three-quarters", "two-thirds of it"),
        ("the start of 2020", "the end of 2020"),
        ("sales doubled", "sales tripled"),
        ("it roughly halved", "more than three-quarters of it"),
        ("half a billion dollars", "a billion dollars"),
    ],
)
def test_different_figures_differ(left: str, right: str) -> None:
    (a,), (b,) = quantities(left), quantities(right)
    assert not a.same_value(b)


def test_a_year_is_not_a_count_and_a_bare_one_is_not_a_figure() -> None:
    (year,) = quantities("in 2019")
    (count,) = quantities("2,019 people")
    assert year.kind == "year" and count.kind == "number" and not year.same_value(count)
    assert quantities("one of the largest firms") == []
    assert [q.kind for q in quantities("COVID-19 and 5G")] == ["generation"], "5G is no count"


def test_halves_decades_and_ranks_in_words_are_figures() -> None:
    h1, h2, q2 = quantities("H1 2016, the second half of 2016 and Q2 2016")
    assert (h1.kind, h2.kind) == ("period", "period")
    assert not h1.same_value(h2) and h1.same_value(q2), "Q2 is in the first half"
    eighties, nineties, year = quantities("the 1980s, the 1990s, in 1995")
    assert eighties.kind == "decade" and not eighties.same_value(nineties)
    assert nineties.same_value(year)
    early, late, year = quantities("early 2016, late 2016, in 2016")
    assert early.kind == "period" and not early.same_value(late) and early.same_value(year)
    third, fourth = quantities("a third factor, not a fourth")
    assert (third.kind, third.value, fourth.value) == ("ordinal", 3.0, 4.0)


def test_shares_need_of_or_a_plural_so_a_third_factor_stays_a_rank() -> None:
    assert [q.kind for q in quantities("a third of users, two-thirds, a third factor")] == [
        "fraction",
        "fraction",
        "ordinal",
    ]
    assert [q.kind for q in quantities("the third quarter of 2020, half of it")] == [
        "period",
        "fraction",
    ]


def test_figures_said_as_verbs_are_figures_but_a_double_standard_is_not() -> None:
    assert [(q.kind, q.value) for q in quantities("aims to triple its users")] == [
        ("multiple", 3.0)
    ]
    assert quantities("a double standard, doubtless") == []


def test_a_glued_scale_needs_a_currency_unless_it_is_bn_or_mn() -> None:
    assert [q.value for q in quantities("US$300m, 5m long, 2bn users")] == [3e8, 2e9]
    assert quantities("FORM5 and G20") == []


def test_ranks_and_quarters_are_figures_of_their_own_kind() -> None:
    (rank,) = quantities("ranks 62nd")
    (count,) = quantities("62 countries")
    assert rank.kind == "ordinal" and not rank.same_value(count)
    q2, q3, year = quantities("Q2 2020, the third quarter of 2020 and 2020")
    assert (q2.kind, q3.kind) == ("period", "period")
    assert not q2.same_value(q3) and q2.same_value(year), "a quarter of 2020 is in 2020"
    g3, g4, four, g4b = quantities("its 3G and 4G networks, 4 operators, Malaysia's 4G")
    assert (g3.kind, g4.kind, four.kind) == ("generation", "generation", "number")
    assert not g3.same_value(g4) and not g4.same_value(four) and g4.same_value(g4b)
    assert quantities("the G20 and COVID-19") == []


def test_spans_of_time_and_vague_plurals_are_figures_with_their_values() -> None:
    decade, twenty, five, months = quantities("a decade, 20 years, a five-year plan, 18 months")
    assert [q.kind for q in (decade, twenty, five, months)] == ["span"] * 4
    assert (decade.value, twenty.value, five.value, months.value) == (10, 20, 5, 1.5)
    assert not decade.same_value(twenty) and not decade.same_value(quantities("10 firms")[0])
    (hundreds,) = quantities("hundreds of intersections")
    assert hundreds.same_value(quantities("250 roads")[0])
    assert not hundreds.same_value(quantities("120 roads")[0])
    (big,) = quantities("hundreds of thousands of dollars")
    assert big.same_value(quantities("$500,000")[0]) and not big.same_value(hundreds)
    assert [q.kind for q in quantities("a month earlier, once a year")] == []


def test_ranks_in_words_past_twelfth_are_ranks() -> None:
    twentieth, compound, fifteenth = quantities("twentieth, sixty-fourth and fifteenth")
    assert [q.value for q in (twentieth, compound, fifteenth)] == [20, 64, 15]
    assert {q.kind for q in (twentieth, compound, fifteenth)} == {"ordinal"}
    assert fifteenth.same_value(quantities("its 15th anniversary")[0])


def test_first_before_a_verb_or_after_at_is_when_not_a_rank() -> None:
    assert quantities("Alibaba first developed City Brain") == []
    assert quantities("it co-locates, at least at first") == []
    assert quantities("At first glance, it did") == []
    assert [q.kind for q in quantities("its first data center")] == ["ordinal"]


def test_a_figure_hyphenated_to_a_lower_case_word_is_still_a_figure() -> None:
    assert [(q.kind, q.value) for q in quantities("Yahoo's then-40 percent stake")] == [
        ("percent", 40.0)
    ]
    assert [q.value for q in quantities("the 2020–2021 period")] == [2020.0, 2021.0]
    assert [(q.kind, q.value) for q in quantities("at pre-2019 levels, after G-20")] == [
        ("year", 2019.0)
    ]


@pytest.mark.parametrize("bad", ["", "   \n\t ", None, 42, "x" * 5001])
def test_empty_oversized_or_non_text_input_is_refused(bad: object) -> None:
    with pytest.raises(BadInputError):
        clean_text(bad, 5000)


FUZZ = int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "200"))
# properties on the real corpus verify a text per example: fewer of them by default
ON_CORPUS = settings(
    max_examples=int(os.environ.get("DSRQA_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@settings(max_examples=FUZZ, deadline=None)
@given(st.text(max_size=2000))
def test_verifier_normaliser_keeps_every_token_at_its_place_in_the_text(text: str) -> None:
    for t in tokens(text):
        assert 0 <= t.start < t.end <= len(text)
        piece = fold(text[t.start : t.end])
        assert (piece.replace(",", "") if piece[0].isdigit() else piece) == t.norm
    assert len(repair(text)) <= len(text)


@settings(max_examples=FUZZ, deadline=None)
@given(st.text(max_size=6000))
def test_texts_to_verify_are_cleaned_or_refused_within_the_bound(text: str) -> None:
    try:
        cleaned = clean_text(text, 5000)
    except BadInputError:
        return
    assert cleaned and cleaned == cleaned.strip() and len(cleaned) <= 5000
    assert not any(c in cleaned for c in "\x00\n\r\t\x1b")


KINDS = ("money", "percent", "fraction", "multiple", "year", "date", "period", "decade")
KINDS += ("ordinal", "generation", "number")


@settings(max_examples=FUZZ, deadline=None)
@given(st.text(max_size=500))
def test_figures_found_in_any_text_are_slices_of_it(text: str) -> None:
    for q in quantities(text):
        assert text[q.start : q.end].strip() == q.surface
        assert q.kind in KINDS


@settings(max_examples=FUZZ, deadline=None)
@given(
    st.integers(min_value=0, max_value=999),
    st.sampled_from([("half", 0.5), ("quarter", 0.25)]),
    st.sampled_from(["million", "billion"]),
)
def test_a_fraction_of_a_scale_is_the_amount_in_digits(
    whole: int, part: tuple[str, float], scale: str
) -> None:
    word, share = part
    said = f"{whole} and a {word} {scale} dollars" if whole else f"a {word} of a {scale} dollars"
    (amount,) = quantities(said)
    (digits,) = quantities(f"${whole + share} {scale}")
    assert amount.kind == "money" and amount.same_value(digits), said


# -- verdicts on the real corpus -----------------------------------------------------------

WRAPPED = (
    "The 2000s and 2010s marked a period of rapid growth for both tech giants.1 The two "
    "titans were able to bring unlevel playing fields with them"
)


@pytest.mark.integration
def test_warm_works_out_every_candidates_figures_and_names_before_any_text(qa) -> None:
    v = qa.verifier()
    before = v.verify("Alibaba had 22 data centers outside China in 2018.").to_dict()
    assert v.warm() is v
    c = v.candidates
    assert len(c.figures_at) == len(c.names_at) == len(c.polarity_at) == len(c) > 0
    assert v.verify("Alibaba had 22 data centers outside China in 2018.").to_dict() == before


@pytest.mark.integration
def test_the_verifier_leaves_the_host_process_garbage_collector_alone(qa) -> None:
    import gc

    # gc.freeze() changes the whole process: the CLI and the app may call it, not the library
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    Verifier(qa.index).warm()
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)


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


ACROSS_PARAGRAPHS = (
    "due in large part to their relations with CCP Inc. For a long time, Malaysia was a "
    "success story for {} companies"
)


@pytest.mark.integration
def test_a_quote_across_a_paragraph_break_is_verbatim_and_with_a_word_changed_close(qa) -> None:
    v = qa.verify(ACROSS_PARAGRAPHS.format("both"))
    assert v.verdict == "verbatim"
    assert (v.matches[0].citation.line_start, v.matches[0].citation.line_end) == (63, 66)
    assert "CCP Inc.\nFor a long time" in v.matches[0].quote  # the break, as the report has it
    elided = qa.verify(ACROSS_PARAGRAPHS.format("both").replace("For a long time,", "..."))
    assert elided.verdict == "verbatim"
    close = qa.verify(ACROSS_PARAGRAPHS.format("all"))
    assert close.verdict == "close"
    assert [(d.text, d.report) for d in close.matches[0].diff if d.op == "changed"] == [
        ("all", "both")
    ]


@pytest.mark.integration
def test_a_word_with_a_lost_ligature_is_found_once_in_each_place(qa) -> None:
    from dsrqa.verify.verbatim import places

    tables = qa.verifier().tables
    found = places(tables, "e\ufffdorts")  # every word lost a ligature: no rare word to start
    at = [(ui, pos) for ui, u in enumerate(tables.units) for pos, w in enumerate(u.norms)]
    efforts = [p for p in at if tables.units[p[0]].norms[p[1]] == "efforts"]
    assert sorted((ui, pos) for ui, pos, _uj, _end in found) == sorted(
        p for p in efforts if p[0] < tables.paragraphs
    )


@pytest.mark.integration
def test_every_passage_the_index_holds_is_verbatim_at_its_own_lines(qa) -> None:
    for p in qa.index.passages:
        v = qa.verify(p.text)
        first = qa.index.sentences[p.sentences[0][0]]
        assert v.verdict == "verbatim", p.id
        assert any(
            m.citation.line_start <= first.line_start <= m.citation.line_end for m in v.matches
        ), p.id


@pytest.mark.integration
def test_quote_across_a_line_break_with_a_pasted_footnote_is_verbatim_at_its_lines(qa) -> None:
    v = qa.verify(WRAPPED)
    assert v.verdict == "verbatim" and not v.mismatches
    m = v.matches[0].citation
    assert (m.report, m.line_start) == ("ccp-inc-malaysia-2022", 42)
    raw = " ".join(qa.show(m.report, m.line_start, 0, m.line_end).lines)
    assert "rapid growth for both tech giants.1" in raw and "unlevel playing" in raw
    assert m.quote.startswith("The 2000s") and m.quote.endswith("with them")


@pytest.mark.integration
def test_straight_quotes_for_curly_ones_and_an_ellipsis_are_still_verbatim(qa) -> None:
    v = qa.verify("The 2000s and 2010s marked a period ... for both tech giants")
    assert v.verdict == "verbatim"
    straight = qa.verify("Huawei is a tool of CCP interests. Meanwhile, Alibaba's")
    assert straight.verdict == "verbatim"


@pytest.mark.integration
def test_a_heading_table_header_or_cover_line_is_in_the_report_too(qa) -> None:
    # not indexed for questions, but a quote of them is still the report's own words
    heading = qa.verify("the Pinnacle of China Tech in Malaysia, 2018-2020")
    assert heading.verdict == "verbatim"
    assert (heading.matches[0].citation.line_start, heading.matches[0].citation.line_end) == (
        591,
        592,
    )
    assert qa.verify("Top 5 Chinese internet companies").verdict == "verbatim"
    cover = qa.verify("Report issued 8 March 2020")
    assert cover.verdict == "close"
    assert [m.message for m in cover.mismatches] == [
        "text says 8 March 2020; the report says 8 April 2020"
    ]


@pytest.mark.integration
def test_parts_of_an_ellipsis_out_of_order_are_not_verbatim(qa) -> None:
    v = qa.verify("for both tech giants ... The 2000s and 2010s marked a period")
    assert v.verdict != "verbatim"


@pytest.mark.integration
def test_one_word_changed_is_close_with_a_word_diff(qa) -> None:
    v = qa.verify("The 2000s and 2010s marked a period of slow growth for both tech giants.")
    assert v.verdict == "close" and not v.mismatches
    changed = [d for d in v.matches[0].diff if d.op != "same"]
    assert [(d.op, d.text, d.report) for d in changed] == [("changed", "slow", "rapid")]


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
def test_a_hyphenated_word_changed_counts_as_one_word(qa) -> None:
    # "fast-rising" for "high-flying" and "quickly" for "suddenly": two words, four tokens
    v = qa.verify(
        "Previously fast-rising portions of its business, like advertising, quickly flatlined."
    )
    assert v.verdict == "close"
    assert v.reason == "2 word(s) differ from the report"


@pytest.mark.integration
def test_a_hyphenated_word_changed_before_the_last_word_counts_as_one_word(qa) -> None:
    # "overseas" for "cross-border": the window as long as the text would stop before
    # "activity" and count two words changed; the one through "activity" counts one
    v = qa.verify(
        "China's corporate advance in Southeast Asia was just as hampered by lockdowns and "
        "travel restrictions as every other overseas activity."
    )
    assert v.verdict == "close"
    assert v.reason == "2 word(s) differ from the report"


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
def test_a_changed_last_word_is_aligned_as_changed_not_as_added(qa) -> None:
    # The report ends "in July 2019."; "2018" must be read against "2019", not as a word
    # added after a window that stops at "July".
    v = qa.verify("Australian firm Vocus Group began construction in July 2018.")
    assert v.verdict == "close"
    assert [m.message for m in v.mismatches] == ["text says July 2018; the report says July 2019"]


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
def test_a_name_said_short_may_be_given_in_full_as_the_reports_write_it(qa) -> None:
    # The timeline says "Xi"; the reports' only longer name with "Xi" is "Xi Jinping".
    rest = " formally launched the BRI with a speech at Kazakhstan's Nazarbayev University."
    assert qa.verify("In September 2013 Xi Jinping" + rest).verdict == "supported"
    assert qa.verify("In September 2013 Xi Peng" + rest).verdict == "not_found"


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
def test_a_part_of_a_year_is_decided_by_the_part_the_report_gives(qa) -> None:
    # "in 2020" in the sentence before does not confirm "late 2020": "early 2020" decides
    v = qa.verify(
        "Alibaba and Huawei both peaked around late 2020, at home, abroad and in Malaysia."
    )
    assert v.verdict == "not_found"
    assert [m.message for m in v.mismatches] == ["text says late 2020; the report says early 2020"]


def test_the_rival_figure_named_is_the_one_among_the_same_words() -> None:
    from dsrqa.config import Config
    from dsrqa.verify.rules.figures.nearest import nearest

    text = (
        "Only about 46 percent of Malaysians were online in 2010, but more than 80 percent "
        "have internet access as of 2022."
    )
    quote = (
        "As of 2022, over 80 percent of Malaysians had access to the internet, and according "
        "to surveys, nearly 90 percent of that connected cohort had access to a smartphone. "
        "Malaysia's technology demographics have improved by leaps and bounds over the past "
        "decade—in 2010, only 56 percent of the population was online—and today"
    )
    q = quantities(text)[0]
    rivals = [r for r in quantities(quote) if r.kind == "percent" and r.value != 80]
    assert nearest(q, text, rivals, quote, Config()) == "56 percent"


def test_a_name_made_of_another_names_words_in_another_order_is_another_name() -> None:
    from dsrqa.verify.rules.names.reordered import reordered_names as _reordered_names

    quote = "an MOU with China Construction Bank’s Labuan Branch, backed by ZTE and Huawei"
    assert _reordered_names("an MOU with Bank of China's Labuan Branch", quote) == [
        "Bank of China's Labuan Branch"
    ]
    assert _reordered_names("Huawei and ZTE signed", quote) == []
    assert _reordered_names("CIMB Bank of Malaysia said", "Malaysia’s CIMB Bank said") == []


def test_names_and_their_initials_stand_for_each_other() -> None:
    from dsrqa.verify.rules.names.initials import initials as _initials
    from dsrqa.verify.rules.names.initials import initials_at as _initials_at

    assert {"RD", "TRD"} <= _initials("an MOU with Telekom Research and Development to study")
    assert [run for _a, _b, run in _initials_at("A Belt and Road offshoot")] == ["BR"]


def test_a_name_written_as_its_acronym_is_not_a_name_dropped() -> None:
    from dsrqa.verify.rules.names.initials import abbreviated as _abbreviated

    quote = (
        "bodies such as the International Organization for Standardization (ISO), and the "
        "Institute of Electrical and Electronics Engineers."
    )
    names = [quote[a:b] for a, b in _abbreviated("the ISO and the IEEE", quote)]
    assert names == [
        "International Organization for Standardization",
        "Institute of Electrical and Electronics Engineers",
    ]
    assert _abbreviated("the ITU", quote) == []


def test_an_acronym_is_said_by_its_words_in_lower_case() -> None:
    from dsrqa.verify.rules.names.acronyms import spelled_out

    def _spelled_out(word: str, quote: str) -> bool:
        return spelled_out(word, quote, 4)

    quote = "Huawei's cable-laying joint venture, Huawei Marine, has become a major player"
    assert _spelled_out("JV", quote) and _spelled_out("JVs", quote)
    assert not _spelled_out("JV", "Huawei Marine, a major player") and not _spelled_out("Jv", quote)


def test_a_country_and_its_adjective_are_one_name_and_r_and_d_is_a_word() -> None:
    from dsrqa.config import Config
    from dsrqa.verify.rules.names.kindred import kindred
    from dsrqa.verify.rules.names.said import said_names

    def _kindred(a: str, b: str) -> bool:
        return kindred(a, b, Config())

    assert _kindred("chinese", "china") and _kindred("polish", "poland")
    assert _kindred("american", "us") and _kindred("american", "america")
    assert not _kindred("poland", "portugal") and not _kindred("american", "uk")
    assert "r&d" in said_names("$64 million of which went to R&D").words


@pytest.mark.integration
def test_a_paraphrase_is_supported_by_the_sentence_it_restates(qa) -> None:
    v = qa.verify("In February Thailand launched the first Huawei 5G test bed in Southeast Asia.")
    assert v.verdict == "supported"
    assert "Thailand in February launched Huawei" in v.matches[0].quote


def test_a_reversing_word_reaches_its_clause_a_contrast_only_what_it_denies() -> None:
    from dsrqa.config import Config
    from dsrqa.verify.rules.polarity.reversing import negated

    def near(text: str) -> list[int]:
        return [n for n, _w in negated(text.lower().replace("'", " ' ").split(), Config())]

    assert near("huawei did not lose its bid") == [0, 0, 0]  # a run of two: "won"
    assert near("leaders offered no reason why they rejected huawei") == [1, 1, 1, 1, 1]
    assert near("regulators turned down the bid") == [1, 1, 1]
    assert near("it didn't expand") == [1, 1]
    assert near("not only china but also japan") == [0, 0]
    assert near("not surprisingly the concept spread") == [0, 0, 0]
    assert near("came not from beijing but from hangzhou") == [0, 1, 0]  # says Hangzhou
    assert near("came from hangzhou rather than beijing") == [0, 0, 0, 1]
    assert near("beijing did not act . hangzhou did") == [1, 1, 0]  # a clause ends at "."


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
    ("claim", "said"),
    [
        (
            "Malaysia's political leaders gave a formal explanation of why they rejected Huawei.",
            "'no'",
        ),
        (
            "Some nations never barred Huawei, while others quietly drifted away from the firm.",
            "'never'",
        ),
        ("Alibaba today ranks among the smallest e-commerce firms in the world.", "'largest'"),
    ],
)
def test_a_claim_that_says_the_opposite_of_its_sentence_is_not_found(qa, claim, said) -> None:
    v = qa.verify(claim)
    assert v.verdict == "not_found" and said in v.reason and "opposite" in v.reason
    assert v.matches, "the sentence it reverses is cited"


@pytest.mark.integration
def test_a_negative_sentence_said_negatively_in_other_words_stays_supported(qa) -> None:
    # the report: "offered no formal explanation as to why they rejected Huawei"
    v = qa.verify(
        "Malaysian political leaders gave no official reason for why they spurned Huawei."
    )
    assert v.verdict == "supported"


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


@pytest.mark.integration
def test_verification_json_has_the_documented_schema(qa) -> None:
    data = json.loads(json.dumps(qa.verify(WRAPPED, id="q1").to_dict()))
    assert set(data) >= {"id", "text", "verdict", "matches", "mismatches"}
    assert data["id"] == "q1" and data["verdict"] in VERDICTS
    assert set(data["matches"][0]) >= {
        "report",
        "section",
        "file",
        "line_start",
        "line_end",
        "quote",
        "score",
    }


@pytest.mark.integration
def test_threads_verifying_at_once_get_the_same_results_as_one_thread(qa) -> None:
    texts = [WRAPPED, "Huawei built 300 data centres in Kenya in 2015.", "tech giants"] * 20
    alone = [qa.verify(t).to_dict() for t in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda t: qa.verify(t).to_dict(), texts))
    assert together == alone


@pytest.mark.integration
@ON_CORPUS
@given(data=st.data())
def test_any_run_of_words_from_a_paragraph_is_verbatim_at_that_place(qa, data) -> None:
    verifier = qa.verifier()
    paragraphs = [i for i, u in enumerate(verifier.tables.units) if len(u.toks) >= 8]
    ui = data.draw(st.sampled_from(paragraphs))
    unit = verifier.tables.units[ui]
    start = data.draw(st.integers(0, len(unit.toks) - 6))
    end = data.draw(st.integers(start + 6, min(len(unit.toks), start + 40)))
    quote = unit.text[unit.toks[start].start : unit.toks[end - 1].end]
    v = qa.verify(quote)
    assert v.verdict == "verbatim"
    assert (
        any(m.citation.report == unit.report and m.quote == quote for m in v.matches)
        or len(v.matches) == qa.config.verify_max_matches
    )


@pytest.mark.integration
@ON_CORPUS
@given(text=st.text(max_size=400))
def test_any_text_gets_a_verdict_or_a_bad_input_error(qa, text: str) -> None:
    try:
        v = qa.verify(text)
    except BadInputError:
        return
    assert v.verdict in VERDICTS
    assert v.verdict != "verbatim" or not v.mismatches


# -- the evaluation set and the CLI --------------------------------------------------------


def test_the_verification_set_is_valid_large_enough_and_split(tmp_path: Path) -> None:
    cases = load_cases(ROOT / "eval" / "verify.jsonl")
    assert len(cases) >= 80
    assert {c.split for c in cases} == {"dev", "test"}
    assert {c.verdict for c in cases if c.split == "test"} == set(VERDICTS)
    texts = [c.text.strip().lower() for c in cases]
    assert len(set(texts)) == len(texts), "a text in two cases counts twice (or leaks dev)"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "t"}\n')
    with pytest.raises(BadInputError, match="lacks"):
        load_cases(bad)


def test_calibration_never_buys_right_verdicts_by_endorsing_a_claim_not_made() -> None:
    from dsrqa.config import Config
    from dsrqa.eval_verify import VerifyCase, calibrate
    from dsrqa.verify import Verification

    class Loose:
        """Says "supported" for everything when the cosine bar is under 0.6."""

        config = Config()

        def verify(self, text: str, id: str | None = None) -> Verification:
            loose = self.config.verify_support_cosine < 0.6
            return Verification(text, "supported" if loose else "not_found", (), (), "", id)

    def case(i: int, verdict: str) -> VerifyCase:
        return VerifyCase(f"c{i}", f"text {i}", verdict, "paraphrase", "dev", None, None, ())

    dev = [case(1, "supported"), case(2, "supported"), case(3, "not_found")]
    picked = calibrate(Loose(), dev)
    assert picked["cosine"] >= 0.6 and picked["dev_not_said_supported"] == 0
    assert picked["dev_right"] == 1, "two right verdicts were on offer, at the price of one"


def test_a_figure_counts_as_flagged_only_with_the_reports_own_figure() -> None:
    from dsrqa.config import Config
    from dsrqa.eval_verify import VerifyCase
    from dsrqa.verify import Mismatch, Verification

    listed = (
        Mismatch("$9 billion", "32", "quote", "money"),  # the claim, against another figure
        Mismatch("2020", "2019", "quote", "year"),  # right
        Mismatch("five", "four", "quote", "number"),  # a figure the case did not alter
    )

    class Fake:
        """A verifier that lists the given mismatches for any text."""

        config = Config()

        def __init__(self, mismatches: tuple[Mismatch, ...]) -> None:
            self.mismatches = mismatches

        def verify(self, text: str, id: str | None = None) -> Verification:
            return Verification(text, "not_found", (), self.mismatches, "", id)

    case = VerifyCase(
        id="t0",
        text="CDB gave $9 billion in 2020 to five firms.",
        verdict="not_found",
        kind="paraphrase_wrong_number",
        split="test",
        report=None,
        line=None,
        altered=(("$9 billion", "$7 billion"), ("2020", "2019")),
    )
    outcome = run_case(Fake(listed), case)
    assert outcome.flagged == (False, True)
    assert metrics([outcome])["unaltered_flagged"] == 1
    ranged = dataclasses.replace(case, altered=(("2017-2020", "2018-2020"),))
    shares_2020_only = (Mismatch("2017", "early 2020", "quote", "year"),)
    assert run_case(Fake(shares_2020_only), ranged).flagged == (False,)
    right = (Mismatch("2017", "2018", "quote", "year"),)
    assert run_case(Fake(right), ranged).flagged == (True,)
    share = dataclasses.replace(case, altered=(("a quarter of", "half of"),))
    cut_short = (Mismatch("a quarter", "half", "quote", "fraction"),)  # "half" without "of"
    assert run_case(Fake(cut_short), share).flagged == (True,)
    other = (Mismatch("a quarter", "a third", "quote", "fraction"),)
    assert run_case(Fake(other), share).flagged == (False,)
    years = dataclasses.replace(case, altered=(("three", "two"),))
    with_unit = (Mismatch("three years", "two years", "quote", "span"),)
    assert run_case(Fake(with_unit), years).flagged == (True,)


@pytest.mark.integration
def test_scoring_counts_a_wrong_verdict_and_an_unflagged_figure(qa) -> None:
    from dsrqa.eval_verify import VerifyCase

    case = VerifyCase(
        id="t1",
        text="This year, in spite of US pressure, Huawei has signed a $180 million smart "
        "cities and data center contract with Kenya",
        verdict="supported",
        kind="altered_number",
        split="test",
        report="eurasia-2020",
        line=132,
        altered=(("$180 million", "$175 million"), ("$9", "$8")),
    )
    m = metrics([run_case(qa.verifier(), case)])
    assert m["accuracy"] == 0.0
    assert m["altered_figures"] == 2 and m["altered_flagged"] == 0.5
    assert m["match_cites_right_lines"] == 1.0


@pytest.mark.integration
def test_cli_verify_json_and_jsonl_with_a_bad_line_in_the_middle(built_index) -> None:
    one = run("verify", WRAPPED, "--json", index=built_index)
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["verdict"] == "verbatim"
    lines = b'{"id": "a", "text": "tech giants"}\n{not json\n{"id": "b"}\nplain text line\n'
    many = run("verify", "--jsonl", stdin=lines, index=built_index)
    out = [json.loads(x) for x in many.stdout.decode().splitlines()]
    assert many.returncode == 2, "a bad line makes the exit code say so"
    assert out[0]["id"] == "a" and out[0]["verdict"] == "verbatim"
    assert [o.get("line") for o in out[1:3]] == [2, 3] and all("error" in o for o in out[1:3])
    assert out[3]["verdict"] in VERDICTS


@pytest.mark.integration
def test_cli_verify_refuses_an_empty_text_in_one_line(built_index) -> None:
    assert_clean_error(run("verify", "  ", index=built_index), 2, "empty")
    assert_clean_error(run("verify", index=built_index), 2, "no text given")

"""Figures as comparable values (dsrqa.quantities): the same value in other words, other
values, kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.quantities import quantities

from .helpers import FUZZ


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


KINDS = ("money", "percent", "fraction", "multiple", "year", "date", "period", "decade")
KINDS += ("ordinal", "generation", "span", "number")


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

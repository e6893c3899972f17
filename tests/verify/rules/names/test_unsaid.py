"""Names of the text the report side does not say (rules/names/unsaid.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.unsaid import SAID_ALWAYS, SAID_UNLESS_DROPPED, unsaid_names

from ...helpers import name_ctx, reading


def test_a_name_neither_the_quote_nor_its_passage_says_is_unsaid() -> None:
    text = "Huawei and ZTE built it"
    assert unsaid_names(text, name_ctx(text, "Huawei built it")) == ["ZTE"]


def test_a_name_the_passage_says_counts_unless_one_of_the_quotes_names_was_dropped() -> None:
    text = "However, Huawei built it in Malaysia"
    around = "deals in Malaysia"
    assert unsaid_names(text, name_ctx(text, "However, Huawei built it", around)) == []
    quote = "However, Huawei and ZTE built it"  # the text drops ZTE: Malaysia is not implied
    assert unsaid_names(text, name_ctx(text, quote, around)) == ["Malaysia"]


def test_the_first_word_is_a_name_only_if_the_reports_write_it_so_inside_a_sentence() -> None:
    text = "Maxis signed a deal"
    assert unsaid_names(text, name_ctx(text, "U Mobile signed a deal")) == []
    read = reading(inside="maxis")
    assert unsaid_names(text, name_ctx(text, "U Mobile signed a deal", read=read)) == ["Maxis"]


def test_a_figures_words_and_everyday_words_are_no_names() -> None:
    text = "In Q3 2020 the Firms shipped more"
    assert (
        unsaid_names(
            text, name_ctx(text, "In 2020 firms shipped more", read=reading(lower="firms"))
        )
        == []
    )


def test_the_rules_are_registered_by_name_in_order() -> None:
    assert list(SAID_ALWAYS) == [
        "initials_of_a_name",
        "said_in_quote",
        "acronym_spelled_out",
        "words_of_an_acronym",
    ]
    assert list(SAID_UNLESS_DROPPED) == ["said_around", "capital_for_country", "completes_a_name"]

"""Names of the quote a text drops (rules/names/dropped.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.dropped import dropped_names

from ...helpers import reading


def test_a_name_of_the_quote_the_text_does_not_say_is_dropped() -> None:
    quote = "However, PNG decided to continue with Huawei Marine"
    assert dropped_names(
        "However, Australia decided to continue with Huawei Marine", quote, reading()
    ) == ["PNG"]


def test_a_name_said_in_any_form_is_not_dropped() -> None:
    read = reading()
    quote = "Firms from China signed with Huawei in Papua New Guinea"
    assert dropped_names("Chinese firms signed with Huawei in PNG", quote, read) == []
    assert dropped_names("Firms from Beijing signed with Huawei in PNG", quote, read) == []
    assert dropped_names("Papua New Guinea signed", "However, PNG signed", read) == []
    assert (
        dropped_names(
            "the ISO and the IEEE",
            "the International Organization for Standardization (ISO), and the Institute of "
            "Electrical and Electronics Engineers",
            read,
        )
        == []
    )


def test_only_names_inside_a_sentence_count_and_only_names() -> None:
    quote = "Huawei signed. It built Mobile networks"
    assert dropped_names("It built networks", quote, reading()) == ["Mobile"]
    assert dropped_names("It built networks", quote, reading(lower="mobile")) == []

"""A name put in place of another in a close match (rules/names/swaps.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.swaps import name_swaps

from ...helpers import align, reading

REPORT = "This year Alibaba signed a deal with Kenya"


def swaps(text: str, report: str = REPORT, lower: str = "") -> list[tuple[str, str]]:
    return [(m.claim, m.report) for m in name_swaps(align(text, report), reading(lower))]


def test_a_name_in_place_of_another_is_listed_with_both() -> None:
    assert swaps("This year Tencent signed a deal with Kenya") == [("Tencent", "Alibaba")]
    assert swaps("With U Mobile", "With Celcom Axiata", "with") == [("U Mobile", "Celcom Axiata")]


def test_a_whole_name_is_listed_even_when_one_of_its_words_is_everyday() -> None:
    report = "a subsidiary of China Unicom, on network services"
    assert swaps("a subsidiary of China Mobile, on network services", report, "mobile") == [
        ("China Mobile", "China Unicom")
    ]


def test_a_name_added_to_the_sentence_is_listed() -> None:
    assert swaps(
        "This year Alibaba and Tencent signed a deal", "This year Alibaba signed a deal"
    ) == [("and Tencent", "Alibaba")]


def test_a_dropped_name_a_form_of_the_name_or_a_figure_is_no_swap() -> None:
    assert swaps("This year firms signed a deal", "This year Alibaba firms signed a deal") == []
    assert (
        swaps("This year Chinese firms signed a deal", "This year China firms signed a deal") == []
    )
    assert swaps("In Q3 2020 Huawei shipped more", "In Q2 2020 Huawei shipped more") == []
    assert swaps("This year Alibaba signed a pact with Kenya") == []

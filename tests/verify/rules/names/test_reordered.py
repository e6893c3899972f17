"""A name made of another's words in another order (rules/names/reordered.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.reordered import names_reordered, reordered_names

from ...helpers import name_ctx

QUOTE = "an MOU with China Construction Bank’s Labuan Branch, backed by ZTE and Huawei"


def test_a_name_made_of_another_names_words_in_another_order_is_another_name() -> None:
    assert reordered_names("an MOU with Bank of China's Labuan Branch", QUOTE) == [
        "Bank of China's Labuan Branch"
    ]


def test_names_in_the_same_order_or_listed_otherwise_are_not() -> None:
    assert reordered_names("Huawei and ZTE signed", QUOTE) == []
    assert reordered_names("CIMB Bank of Malaysia said", "Malaysia’s CIMB Bank said") == []
    assert reordered_names("China Construction Bank said", QUOTE) == []


def test_the_gap_rule_reads_the_quote() -> None:
    text = "Bank of China's Labuan Branch"
    assert names_reordered(text, name_ctx(text, QUOTE)) == [text]

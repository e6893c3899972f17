"""A capital for its country (rules/names/metonyms.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.context import NameAt
from dsrqa.verify.rules.names.metonyms import capital_for_country, metonym_said

from ...helpers import name_ctx


def test_a_capital_is_said_by_its_countrys_name_or_adjective() -> None:
    assert metonym_said("beijing", frozenset({"china"}), frozenset())
    assert metonym_said("beijing", frozenset({"chinese"}), frozenset())
    assert metonym_said("washington", frozenset({"united", "states"}), frozenset())
    assert metonym_said("washington", frozenset(), frozenset({"US"}))


def test_a_capital_is_not_said_by_another_country_nor_by_the_pronoun_us() -> None:
    assert not metonym_said("beijing", frozenset({"us", "japan"}), frozenset({"US"}))
    assert not metonym_said("washington", frozenset({"us"}), frozenset())  # "us": a pronoun
    assert not metonym_said("washington", frozenset({"united"}), frozenset())  # half a name
    assert not metonym_said("tokyo", frozenset({"japan"}), frozenset())  # not listed


def test_the_rule_reads_the_quote_and_its_passage() -> None:
    text = "MOUs signed with Beijing"
    beijing = NameAt("Beijing", "beijing", text.index("Beijing"), text)
    assert capital_for_country(beijing, name_ctx(text, "MOUs signed with China"))
    assert capital_for_country(beijing, name_ctx(text, "MOUs signed", around="Chinese deals"))
    assert not capital_for_country(beijing, name_ctx(text, "MOUs signed with the US"))

"""An acronym and the words it stands for (rules/names/acronyms.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.acronyms import (
    abbreviations,
    acronym_spelled_out,
    spelled_like,
    spelled_out,
    stands_for,
)
from dsrqa.verify.rules.names.context import NameAt

from ...helpers import name_ctx

LONGEST = 4


def test_an_acronym_is_said_by_its_words_in_lower_case() -> None:
    quote = "Huawei's cable-laying joint venture, Huawei Marine, has become a major player"
    assert spelled_out("JV", quote, LONGEST) and spelled_out("JVs", quote, LONGEST)
    assert not spelled_out("JV", "Huawei Marine, a major player", LONGEST)
    assert not spelled_out("Jv", quote, LONGEST)
    assert not spelled_out("JV", "the JV was formed", LONGEST), "an acronym is not its words"


def test_acronyms_and_runs_of_content_words_have_initials() -> None:
    found = abbreviations("AI and artificial intelligence in the Belt and Road", LONGEST)
    assert {(a.initials, a.acronym) for a in found} >= {("ai", True), ("ai", False), ("br", False)}
    short = abbreviations("one two three four five six", 2)
    assert all(len(a.stems) <= 2 for a in short if not a.acronym)


def test_an_acronym_stands_for_its_words_and_may_add_a_letter_at_the_end() -> None:
    (ai,) = [a for a in abbreviations("AI", LONGEST)]
    words = {a.initials: a for a in abbreviations("artificial intelligence", LONGEST)}
    assert stands_for(ai, words["ai"]) and stands_for(words["ai"], ai)
    (bri,) = [a for a in abbreviations("BRI", LONGEST)]
    belt = [a for a in abbreviations("Belt and Road", LONGEST) if not a.acronym]
    assert any(stands_for(bri, b) for b in belt)
    (bric,) = [a for a in abbreviations("BRIC", LONGEST)]
    assert not any(stands_for(bric, b) for b in belt), "one letter more at most"
    assert not stands_for(ai, ai), "two acronyms are compared as letters elsewhere"
    (dsr,) = [a for a in abbreviations("DSR", LONGEST)]
    assert not stands_for(dsr, words["ai"])


def test_a_text_is_respelled_as_the_quote_writes_its_acronyms() -> None:
    text = "The Digital Connectivity and Cybersecurity Partnership is small"
    assert spelled_like(text, "the DCCP is small", LONGEST) == "The DCCP is small"
    assert spelled_like("AI firms", "artificial intelligence firms", LONGEST) == (
        "artificial intelligence firms"
    )
    assert spelled_like(text, "nothing alike", LONGEST) == text


def test_the_rule_reads_the_quote() -> None:
    text = "Huawei's JV"
    jv = NameAt("JV", "jv", text.index("JV"), text)
    assert acronym_spelled_out(jv, name_ctx(text, "Huawei's joint venture"))
    assert not acronym_spelled_out(jv, name_ctx(text, "Huawei's cable business"))

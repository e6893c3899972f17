"""What a report text says, as names (rules/names/said.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.said import said_names


def test_words_initials_and_acronyms_of_a_report_text() -> None:
    said = said_names("U.S. firms spent $64 million on R&D and signed MOUs with Telekom Research")
    assert {"us", "r&d", "mou", "mous", "telekom"} <= said.words
    assert "TR" in said.initials and "US" in said.acronyms


def test_a_text_without_names_says_no_initials_or_acronyms() -> None:
    said = said_names("firms spent money on research")
    assert said.initials == frozenset() and said.acronyms == frozenset()
    assert "research" in said.words

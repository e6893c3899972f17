"""A name given in full where the quote gives it short (rules/names/fuller_forms.py)."""

from __future__ import annotations

from dsrqa.verify.rules.base import Reading
from dsrqa.verify.rules.names.context import NameAt
from dsrqa.verify.rules.names.fuller_forms import completes_a_name, fuller_form

from ...helpers import CFG, book, name_ctx

XI = {w: [["president", "xi", "jinping"]] for w in ("president", "xi", "jinping")}
CHINA = {"china": [["china", "telecom"], ["china", "mobile"]], "telecom": [["china", "telecom"]]}


def test_a_name_the_reports_write_in_full_one_way_only_may_be_completed() -> None:
    assert fuller_form("jinping", "In 2013 Xi Jinping launched it", frozenset({"xi"}), XI)


def test_a_name_part_of_many_longer_names_or_written_otherwise_is_not() -> None:
    said = frozenset({"china"})
    assert not fuller_form("telecom", "China Telecom built it", said, CHINA)
    assert not fuller_form("peng", "In 2013 Xi Peng launched it", frozenset({"xi"}), XI)
    assert not fuller_form("jinping", "Jinping launched it", frozenset({"xi"}), XI)  # alone
    assert not fuller_form("jinping", "Xi Jinping launched it", frozenset(), XI)  # Xi unsaid


def test_the_rule_reads_the_quote_and_the_reports_names() -> None:
    text = "In 2013 Xi Jinping launched the BRI"
    jinping = NameAt("Jinping", "jinping", text.index("Jinping"), text)
    read = Reading(book(full=XI), CFG)
    assert completes_a_name(jinping, name_ctx(text, "Xi launched the BRI", read=read))
    assert not completes_a_name(jinping, name_ctx(text, "Xi launched the BRI"))  # no full names

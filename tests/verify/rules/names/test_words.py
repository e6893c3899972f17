"""Which words are names (rules/names/words.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.words import (
    capitalised_inside,
    contiguous,
    is_name,
    name_goes_on,
    name_words,
    singular,
)
from dsrqa.verify.words import tokens

from ...helpers import book


def test_a_capitalised_word_never_written_lower_case_is_a_name() -> None:
    reports = book(lower="mobile digital")
    assert is_name("Huawei", reports) and is_name("iFlytek", reports) and is_name("eBay", reports)
    assert not is_name("Mobile", reports), "the reports write 'mobile' lower-case"
    assert not is_name("huawei", reports) and not is_name("March", reports)


def test_a_word_is_capitalised_inside_a_sentence_unless_it_opens_one() -> None:
    text = "Deals with U Mobile. Mobile data: Maxis"
    assert capitalised_inside(text, text.index("Mobile"))
    assert not capitalised_inside(text, text.index("Mobile data"))  # after a full stop
    assert not capitalised_inside(text, text.index("Maxis"))  # after a colon
    assert not capitalised_inside(text, 0) and not capitalised_inside(text, text.index("with"))


def test_the_word_before_a_name_goes_with_it_when_capitalised_or_a_name_itself() -> None:
    text = "2020: Weibo Corp signs. The Corp"
    weibo, corp, the, corp2 = (t for t in tokens(text) if t.norm in ("weibo", "corp", "the"))
    assert name_goes_on(text, weibo, corp, book())  # a name right before, a space between
    assert not name_goes_on(text, weibo, corp, book(lower="weibo"))
    assert not name_goes_on(text, the, corp2, book(lower="the"))


def test_an_acronyms_plural_is_the_acronym() -> None:
    assert singular("SOEs") == "SOE" and singular("MOUs") == "MOU"
    assert singular("Huaweis") == "Huaweis" and singular("Xs") == "Xs"


def test_names_split_at_and_with_a_of_b_read_as_b_a() -> None:
    runs = name_words("an MOU with CIMB Bank of Malaysia and ZTE, for the Bank of China")
    assert [(r.written, r.words) for r in runs] == [
        ("CIMB Bank of Malaysia", ["malaysia", "cimb", "bank"]),
        ("ZTE", ["zte"]),
        ("Bank of China", ["china", "bank"]),
    ]
    assert name_words("Malaysia’s CIMB Bank")[0].words == ["malaysia", "cimb", "bank"]
    assert name_words("no names here") == []


def test_words_are_contiguous_only_together_and_in_order() -> None:
    assert contiguous(["cimb", "bank"], ["malaysia", "cimb", "bank"])
    assert not contiguous(["bank", "cimb"], ["malaysia", "cimb", "bank"])
    assert not contiguous(["china", "bank"], ["china", "construction", "bank"])

"""The words of a text as verify reads them: tokens, folding, repair of pasted PDF
artifacts, and validation (verify/words.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.errors import BadInputError
from dsrqa.verify import clean_text, fold, repair, same_word, tokens

from .helpers import FUZZ


def test_tokens_fold_curly_quotes_dashes_case_and_thousands_separators() -> None:
    a = [t.norm for t in tokens("China’s “Digital Silk Road” — 1,000 firms")]
    b = [t.norm for t in tokens('china\'s "digital silk road" - 1000 firms')]
    assert a == b == ["china", "s", "digital", "silk", "road", "1000", "firms"]


def test_token_offsets_point_at_the_words_in_the_original_text() -> None:
    text = "It’s $28 million."
    assert [text[t.start : t.end] for t in tokens(text)] == ["It", "s", "$", "28", "million"]


def test_repair_drops_glued_footnotes_line_end_hyphens_escapes_and_link_markup() -> None:
    assert repair("were involved.33 Then") == "were involved. Then"
    assert repair("tech giants.1") == "tech giants."
    assert repair("54 per cent of it") == "54 percent of it"
    assert repair("its IPO in 2014.88 Then") == "its IPO in 2014. Then"
    assert repair("the govern- ment said") == "the government said"
    assert repair(r"a \$28 million [The Geopolitics of 5G](#) deal") == (
        "a $28 million The Geopolitics of 5G deal"
    )


def test_repair_keeps_numbers_that_are_not_footnotes() -> None:
    assert repair("G20 members and 5G in 2019. 40 firms") == "G20 members and 5G in 2019. 40 firms"
    assert repair("paid $2014.88 or 12014.5 units") == "paid $2014.88 or 12014.5 units"


def test_a_lost_ligature_pasted_from_the_raw_file_matches_the_repaired_word() -> None:
    assert same_word("o\ufffdered", "offered")
    assert same_word("e\ufffdcient", "efficient")
    assert not same_word("o\ufffdered", "ordered")


@pytest.mark.parametrize("bad", ["", "   \n\t ", None, 42, "x" * 5001])
def test_empty_oversized_or_non_text_input_is_refused(bad: object) -> None:
    with pytest.raises(BadInputError):
        clean_text(bad, 5000)


@settings(max_examples=FUZZ, deadline=None)
@given(st.text(max_size=2000))
def test_verifier_normaliser_keeps_every_token_at_its_place_in_the_text(text: str) -> None:
    for t in tokens(text):
        assert 0 <= t.start < t.end <= len(text)
        piece = fold(text[t.start : t.end])
        assert (piece.replace(",", "") if piece[0].isdigit() else piece) == t.norm
    assert len(repair(text)) <= len(text)


@settings(max_examples=FUZZ, deadline=None)
@given(st.text(max_size=6000))
def test_texts_to_verify_are_cleaned_or_refused_within_the_bound(text: str) -> None:
    try:
        cleaned = clean_text(text, 5000)
    except BadInputError:
        return
    assert cleaned and cleaned == cleaned.strip() and len(cleaned) <= 5000
    assert not any(c in cleaned for c in "\x00\n\r\t\x1b")

"""Forms of one name (rules/names/kindred.py)."""

from __future__ import annotations

import pytest

from dsrqa.config import Config
from dsrqa.verify.rules.names.context import NameAt
from dsrqa.verify.rules.names.kindred import kindred, said, said_around, said_in_quote
from dsrqa.verify.rules.names.said import said_names

from ...helpers import CFG, name_ctx


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("china", "chinese"),
        ("asia", "asian"),
        ("sweden", "swedish"),
        ("malaysia", "malaysian"),
        ("malaysia", "malaysians"),
        ("japan", "japanese"),
        ("west", "western"),
        ("polish", "poland"),  # listed: too few letters shared
        ("american", "us"),
        ("american", "america"),
        ("huawei", "huawei"),
    ],
)
def test_forms_of_one_name_are_kindred_both_ways(a: str, b: str) -> None:
    assert kindred(a, b, CFG) and kindred(b, a, CFG)


@pytest.mark.parametrize(
    ("a", "b"),
    [("poland", "portugal"), ("american", "uk"), ("iran", "iraq"), ("india", "indonesia")],
)
def test_other_names_are_not_kindred(a: str, b: str) -> None:
    assert not kindred(a, b, CFG) and not kindred(b, a, CFG)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("austria", "australia"),
        ("austrian", "australian"),
        ("austria", "australian"),
        ("iran", "iraq"),
        ("iranian", "iraqi"),
        ("niger", "nigeria"),
        ("niger", "nigerian"),
    ],
)
def test_places_whose_names_look_alike_are_not_kindred(a: str, b: str) -> None:
    assert not kindred(a, b, CFG) and not kindred(b, a, CFG)


def test_how_much_two_forms_share_is_the_configs() -> None:
    assert kindred("west", "western", CFG)
    assert not kindred("west", "western", Config(verify_kindred_prefix=5))
    assert not kindred("china", "chinese", Config(verify_kindred_share=0.9))


def test_a_name_is_said_when_it_or_a_form_of_it_is_among_the_words() -> None:
    assert said("chinese", frozenset({"the", "china", "firms"}), CFG)
    assert said("china", frozenset({"china"}), CFG)
    assert not said("japan", frozenset({"the", "china", "firms"}), CFG)


def test_said_in_quote_reads_the_quote_and_said_around_the_passage_too() -> None:
    text = "Chinese firms built it in Malaysia"
    ctx = name_ctx(text, "China's firms built it", around="deals in Malaysia")
    chinese = NameAt("Chinese", "chinese", 0, text)
    malaysia = NameAt("Malaysia", "malaysia", text.index("Malaysia"), text)
    assert said_in_quote(chinese, ctx) and said_around(chinese, ctx)
    assert not said_in_quote(malaysia, ctx) and said_around(malaysia, ctx)
    assert not said_around(malaysia, name_ctx(text, "China's firms built it"))


def test_a_country_and_its_adjective_are_one_name_and_r_and_d_is_a_word() -> None:
    assert kindred("chinese", "china", CFG) and kindred("polish", "poland", CFG)
    assert kindred("american", "us", CFG) and kindred("american", "america", CFG)
    assert not kindred("poland", "portugal", CFG) and not kindred("american", "uk", CFG)
    assert "r&d" in said_names("$64 million of which went to R&D").words

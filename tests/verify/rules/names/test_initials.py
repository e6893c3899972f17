"""A name and its initials (rules/names/initials.py)."""

from __future__ import annotations

from dsrqa.verify.rules.names.context import NameAt
from dsrqa.verify.rules.names.initials import (
    abbreviated,
    initials,
    initials_at,
    initials_of_a_name,
    words_of_an_acronym,
)

from ...helpers import name_ctx


def test_names_and_their_initials_stand_for_each_other() -> None:
    assert {"RD", "TRD"} <= initials("an MOU with Telekom Research and Development to study")
    assert [run for _a, _b, run in initials_at("A Belt and Road offshoot")] == ["BR"]
    assert initials("no names at all") == set()


def test_a_name_written_as_its_acronym_is_not_a_name_dropped() -> None:
    quote = (
        "bodies such as the International Organization for Standardization (ISO), and the "
        "Institute of Electrical and Electronics Engineers."
    )
    names = [quote[a:b] for a, b in abbreviated("the ISO and the IEEE", quote)]
    assert names == [
        "International Organization for Standardization",
        "Institute of Electrical and Electronics Engineers",
    ]
    assert abbreviated("the ITU", quote) == []


def test_initials_of_a_name_of_the_quote_or_its_passage_say_it() -> None:
    text = "PNG and R&D and the UK"
    ctx = name_ctx(text, "in Papua New Guinea", around="its Research and Development arm")
    png, rd, uk = (NameAt(w, w.lower(), text.index(w), text) for w in ("PNG", "R&D", "UK"))
    assert initials_of_a_name(png, ctx) and initials_of_a_name(rd, ctx)
    assert not initials_of_a_name(uk, ctx)


def test_the_words_of_an_acronym_the_quote_says_say_it() -> None:
    text = "Despite resistance to the Belt and Road, China's offerings"
    belt = NameAt("Belt", "belt", text.index("Belt"), text)
    assert words_of_an_acronym(belt, name_ctx(text, "Despite pushback against BRI"))
    assert not words_of_an_acronym(belt, name_ctx(text, "Despite pushback against DSR"))
    china = NameAt("China", "china", text.index("China"), text)  # a run of one word
    assert not words_of_an_acronym(china, name_ctx(text, "CN pushback"))
    lone = "A Huawei deal"  # "A" is no part of the name: a run of one initial
    huawei = NameAt("Huawei", "huawei", lone.index("Huawei"), lone)
    assert not words_of_an_acronym(huawei, name_ctx(lone, "HK deals"))

"""Stage 1, verbatim (verify/verbatim.py), on a few paragraphs and on the real corpus."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsrqa.verify.citing import span_quote
from dsrqa.verify.verbatim import places

from .helpers import ON_CORPUS, WRAPPED, tiny_tables

TABLES = tiny_tables(
    ("A", "Huawei built the cable in 2019."),
    ("A", "For a long time, Malaysia was a success story."),
    ("B", "Alibaba opened a data center in Malaysia."),
)


def quoted(text: str) -> list[str]:
    """The quote of each place of ``text``."""
    cleaned = TABLES.cleaned
    return [
        span_quote(TABLES, cleaned.streams[p.stream], p.start, p.end, "")
        for p in places(cleaned, text)
    ]


def test_a_quote_is_found_at_each_place_and_may_run_on_into_the_next_paragraph() -> None:
    assert places(TABLES.cleaned, "built the cable") == [(0, 1, 4)]
    assert places(TABLES.cleaned, "in Malaysia") == [(0, 20, 22)]
    assert places(TABLES.cleaned, "in 2019. For a long time") == [(0, 4, 10)]  # across the break
    assert quoted("in 2019. For a long time") == ["in 2019.\nFor a long time"]


def test_a_quote_runs_on_across_sections_but_not_out_of_order() -> None:
    # the words of consecutive sentences are the report's, whatever heading lies between
    assert quoted("success story. Alibaba opened") == ["success story.\nAlibaba opened"]
    assert places(TABLES.cleaned, "the cable built") == []


def test_parts_of_an_ellipsis_match_in_order_in_the_same_or_the_next_paragraph() -> None:
    assert quoted("Huawei built ... in 2019") == ["Huawei built the cable in 2019"]
    assert quoted("Huawei built … Malaysia was") == [
        "Huawei built the cable in 2019.\nFor a long time, Malaysia was"
    ]
    assert places(TABLES.cleaned, "in 2019 ... Huawei built") == []
    assert places(TABLES.cleaned, "Huawei ... opened a data center") == []  # two paragraphs on


ACROSS_PARAGRAPHS = (
    "due in large part to their relations with CCP Inc. For a long time, Malaysia was a "
    "success story for {} companies"
)


@pytest.mark.integration
def test_a_quote_across_a_paragraph_break_is_verbatim_and_with_a_word_changed_close(qa) -> None:
    v = qa.verify(ACROSS_PARAGRAPHS.format("both"))
    assert v.verdict == "verbatim"
    assert (v.matches[0].citation.line_start, v.matches[0].citation.line_end) == (63, 66)
    assert "CCP Inc.\nFor a long time" in v.matches[0].quote  # the break, as the report has it
    elided = qa.verify(ACROSS_PARAGRAPHS.format("both").replace("For a long time,", "..."))
    assert elided.verdict == "verbatim"
    close = qa.verify(ACROSS_PARAGRAPHS.format("all"))
    assert close.verdict == "close"
    assert [(d.text, d.report) for d in close.matches[0].diff if d.op == "changed"] == [
        ("all", "both")
    ]


@pytest.mark.integration
def test_a_word_with_a_lost_ligature_is_found_once_in_each_place(qa) -> None:
    tables = qa.verifier().tables
    found = places(tables.cleaned, "e\ufffdorts")  # every word lost a ligature: no rare word
    at = [
        (si, pos)
        for si, s in enumerate(tables.cleaned.streams)
        for pos, w in enumerate(s.norms)
        if w == "efforts"
    ]
    assert sorted((si, pos) for si, pos, _end in found) == at and at


@pytest.mark.integration
def test_every_passage_the_index_holds_is_verbatim_at_its_own_lines(qa) -> None:
    for p in qa.index.passages:
        v = qa.verify(p.text)
        first = qa.index.sentences[p.sentences[0][0]]
        assert v.verdict == "verbatim", p.id
        assert any(
            m.citation.line_start <= first.line_start <= m.citation.line_end for m in v.matches
        ), p.id


@pytest.mark.integration
def test_quote_across_a_line_break_with_a_pasted_footnote_is_verbatim_at_its_lines(qa) -> None:
    v = qa.verify(WRAPPED)
    assert v.verdict == "verbatim" and not v.mismatches
    m = v.matches[0].citation
    assert (m.report, m.line_start) == ("ccp-inc-malaysia-2022", 42)
    raw = " ".join(qa.show(m.report, m.line_start, 0, m.line_end).lines)
    assert "rapid growth for both tech giants.1" in raw and "unlevel playing" in raw
    assert m.quote.startswith("The 2000s") and m.quote.endswith("with them")


@pytest.mark.integration
def test_straight_quotes_for_curly_ones_and_an_ellipsis_are_still_verbatim(qa) -> None:
    v = qa.verify("The 2000s and 2010s marked a period ... for both tech giants")
    assert v.verdict == "verbatim"
    straight = qa.verify("Huawei is a tool of CCP interests. Meanwhile, Alibaba's")
    assert straight.verdict == "verbatim"


@pytest.mark.integration
def test_a_heading_table_header_or_cover_line_is_in_the_report_too(qa) -> None:
    # not indexed for questions, but a quote of them is still the report's own words
    heading = qa.verify("the Pinnacle of China Tech in Malaysia, 2018-2020")
    assert heading.verdict == "verbatim"
    assert (heading.matches[0].citation.line_start, heading.matches[0].citation.line_end) == (
        591,
        592,
    )
    assert qa.verify("Top 5 Chinese internet companies").verdict == "verbatim"
    cover = qa.verify("Report issued 8 March 2020")
    assert cover.verdict == "close"
    assert [m.message for m in cover.mismatches] == [
        "text says 8 March 2020; the report says 8 April 2020"
    ]


@pytest.mark.integration
def test_parts_of_an_ellipsis_out_of_order_are_not_verbatim(qa) -> None:
    v = qa.verify("for both tech giants ... The 2000s and 2010s marked a period")
    assert v.verdict != "verbatim"


@pytest.mark.integration
@ON_CORPUS
@given(data=st.data())
def test_any_run_of_words_from_a_paragraph_is_verbatim_at_that_place(qa, data) -> None:
    verifier = qa.verifier()
    paragraphs = [i for i, u in enumerate(verifier.tables.units) if len(u.toks) >= 8]
    ui = data.draw(st.sampled_from(paragraphs))
    unit = verifier.tables.units[ui]
    start = data.draw(st.integers(0, len(unit.toks) - 6))
    end = data.draw(st.integers(start + 6, min(len(unit.toks), start + 40)))
    quote = unit.text[unit.toks[start].start : unit.toks[end - 1].end]
    v = qa.verify(quote)
    assert v.verdict == "verbatim"
    assert (
        any(m.citation.report == unit.report and m.quote == quote for m in v.matches)
        or len(v.matches) == qa.config.verify_max_matches
    )

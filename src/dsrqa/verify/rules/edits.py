"""Rule: word edits are counted in words as written. "fast-growing" for "high-flying" is
one word changed, though two tokens; a figure put for a figure is one ("$500 million" for
"half-billion-dollar", as "16" for "sixteen": ``lexicon.FIGURE_TOKENS``); a figure
dropped or added counts its words ("May 2015:" is two words left out)."""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import FIGURE_TOKENS, NUMBER_WORDS
from ..words import Tok, written_words
from .base import Aligned, Op


def written_edits(al: Aligned) -> int:
    """The word edits of an alignment, counted in words as written: each run of edits
    between equal words counts the written words of its longer side."""
    text_side = (al.toks, written_words(al.text, al.toks))
    report_side = (al.rtoks, written_words(al.report, al.rtoks))
    edits = 0
    in_text: list[int] = []
    in_report: list[int] = []
    for tag, i1, i2, j1, j2 in [*al.ops, Op("equal", 0, 0, 0, 0)]:
        if tag == "equal":  # a run of edits ends: "in-country" for "outside" is one
            merged = _numeric(in_text, text_side[0]) and _numeric(in_report, report_side[0])
            edits += max(
                _words(in_text, *text_side, merged), _words(in_report, *report_side, merged)
            )
            in_text, in_report = [], []
        else:
            in_text += range(i1, i2)
            in_report += range(j1, j2)
    return edits


def _numeric(run: list[int], toks: Sequence[Tok]) -> bool:
    """Whether a run of tokens holds a figure: a number or a number word."""
    return any(toks[i].norm[0].isdigit() or toks[i].norm in NUMBER_WORDS for i in run)


def _words(run: list[int], toks: Sequence[Tok], written: list[int], merged: bool) -> int:
    """Written words of a run; with ``merged``, its figure's words count as one."""
    return len({-1 if merged and of_figure(toks[i]) else written[i] for i in run})


def of_figure(tok: Tok) -> bool:
    """Whether a token is a word of a figure: a number, a number word, a currency, "of"."""
    return tok.norm[0].isdigit() or tok.norm in FIGURE_TOKENS

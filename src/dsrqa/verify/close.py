"""Stage 2, ``close``: the nearest window of words (rapidfuzz word-level edit distance,
over the paragraphs sharing the text's rarest words, and across the break to the
paragraph before or after them) differs by at most ``verify_close_max_edits`` words (and
at most ``verify_close_share`` of the text), counted as written (``rules/edits.py``).
The match carries a word diff. A window rule that finds a name put in place of the
report's (``rules.names.WINDOW``) makes it ``not_found``; figures changed in the window
(``rules.figures.WINDOW``) are listed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import STOPWORDS
from ..types import Verdict
from .citing import unit_match
from .results import DiffOp, Verification
from .rules import figures, names
from .rules.base import Aligned, Op, Reading
from .rules.edits import written_edits
from .words import Tok

if TYPE_CHECKING:
    from ..config import Config
    from ..index import Index
    from .tables import Tables

DIFF_OPS = {"equal": "same", "replace": "changed", "delete": "added", "insert": "dropped"}
# The window rules, run in this order; a name among their mismatches makes ``not_found``.
WINDOW: dict[str, names.WindowRule] = {**names.WINDOW, **figures.WINDOW}


@dataclass(frozen=True)
class Window:
    """A window of a unit's tokens and its word alignment with the text."""

    unit: int
    start: int  # token index in the unit
    end: int
    distance: int  # word edits, token by token
    ops: tuple[Op, ...] = ()


class Close:
    """The close stage over one index's tables."""

    def __init__(self, index: Index, tables: Tables) -> None:
        self.index = index
        self.tables = tables

    def check(
        self, cfg: Config, reading: Reading, text: str, plain: str, toks: list[Tok], id: str | None
    ) -> Verification | None:
        """``close`` (or ``not_found`` for a name put in place of another), or None when no
        window is near enough."""
        norms = [t.norm for t in toks]
        units = self.candidate_units(norms, cfg.verify_candidates)
        win = self.best_window(cfg, plain, toks, units)
        allowed = min(cfg.verify_close_max_edits, max(1, int(len(norms) * cfg.verify_close_share)))
        edits = written_edits(self.aligned(plain, toks, win)) if win is not None else allowed + 1
        joined = [j for ui in units for j in self.tables.joins.get(ui, [])]
        if edits > allowed and joined:  # the text may run on across a paragraph break
            across = self.best_window(cfg, plain, toks, joined)
            more = written_edits(self.aligned(plain, toks, across)) if across is not None else edits
            win, edits = (across, more) if more < edits else (win, edits)
        if win is None or edits > allowed:
            return None
        al = self.aligned(plain, toks, win)
        score = 1.0 - edits / max(len(norms), win.end - win.start)
        match = unit_match(self.index, self.tables, win.unit, win.start, win.end, score, diff(al))
        mismatches = [m for rule in WINDOW.values() for m in rule(al, reading)]
        swaps = [m for m in mismatches if m.kind == "name"]
        if swaps:
            return Verification(
                text,
                Verdict.NOT_FOUND,
                (match,),
                tuple(mismatches),
                "a name differs from the report's: " + "; ".join(s.message for s in swaps),
                id,
            )
        return Verification(
            text,
            Verdict.CLOSE,
            (match,),
            tuple(mismatches),
            f"{edits} word(s) differ from the report",
            id,
        )

    def aligned(self, text: str, toks: list[Tok], win: Window) -> Aligned:
        """The text aligned with a window, for the rules."""
        unit = self.tables.units[win.unit]
        return Aligned(text, toks, unit.text, unit.toks[win.start : win.end], win.ops)

    def candidate_units(self, norms: list[str], limit: int) -> list[int]:
        """Units sharing the text's rarest content words (weighted by 1/df)."""
        df, first = self.tables.df, self.tables.first
        scores: dict[int, float] = {}
        for norm in set(norms):
            if norm in STOPWORDS or norm not in df:
                continue
            weight = 1.0 / df[norm]
            for ui, _pos in first[norm]:
                scores[ui] = scores.get(ui, 0.0) + weight
        return sorted(scores, key=lambda ui: (-scores[ui], ui))[:limit]

    def best_window(
        self, cfg: Config, text: str, toks: list[Tok], units: list[int]
    ) -> Window | None:
        """The unit window with the fewest word edits from the text; among those, the one
        with the fewest edits in written words ("outside specialists" for "in-country
        specialists" is one, where the window that stops before "specialists" makes it
        two), then the one as long as the text, then the earliest."""
        from rapidfuzz import fuzz
        from rapidfuzz.distance import Levenshtein

        norms = [t.norm for t in toks]
        tied: list[Window] = []
        slack = cfg.verify_close_max_edits + 1
        for ui in units:
            unorms = self.tables.units[ui].norms
            codes: dict[str, str] = {}
            a, b = _encode(norms, codes), _encode(unorms, codes)
            al = fuzz.partial_ratio_alignment(a, b) if len(a) <= len(b) else None
            lo, hi = (al.dest_start, al.dest_end) if al is not None else (0, len(b))
            for s in range(max(0, lo - slack), min(len(b), lo + slack) + 1):
                for e in range(max(s + 1, hi - slack), min(len(b), hi + slack) + 1):
                    d = Levenshtein.distance(norms, unorms[s:e])
                    if tied and d > tied[0].distance:
                        continue
                    if tied and d < tied[0].distance:
                        tied = []
                    tied.append(Window(ui, s, e, d))
        if not tied:
            return None
        aligned = []
        for win in tied:
            window = self.tables.units[win.unit].norms[win.start : win.end]
            ops = tuple(Op(*op) for op in Levenshtein.opcodes(norms, window))
            aligned.append(Window(win.unit, win.start, win.end, win.distance, ops))
        return min(
            aligned,
            key=lambda w: (
                written_edits(self.aligned(text, toks, w)),
                abs(w.end - w.start - len(norms)),
            ),
        )


def diff(al: Aligned) -> tuple[DiffOp, ...]:
    """Word diff between the text and the window, in the text's and report's words."""
    out = []
    for tag, a0, a1, b0, b1 in al.ops:
        t = al.text[al.toks[a0].start : al.toks[a1 - 1].end] if a1 > a0 else ""
        r = al.report[al.rtoks[b0].start : al.rtoks[b1 - 1].end] if b1 > b0 else ""
        out.append(DiffOp(DIFF_OPS[tag], t, r))
    return tuple(out)


def _encode(words: list[str], codes: dict[str, str]) -> str:
    """Words as one private-use character each, so rapidfuzz aligns words, not letters."""
    return "".join(codes.setdefault(w, chr(0xE000 + len(codes))) for w in words)

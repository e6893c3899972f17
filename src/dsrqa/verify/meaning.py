"""Stage 3, ``supported`` or ``not_found``, by the candidates nearest in meaning.

Each candidate (best first, see ``support.py``) is judged: ``supported`` when it is near
enough in meaning, holds enough of the text's content words, every name and figure of
the text (the name and figure rules), and does not say the opposite (the polarity
rules). Otherwise it may still show what is wrong: other figures for the same thing,
other figures with the same names, or the opposite. ``Finding`` ranks these; the best
one found stands, and with none the closest candidates are listed."""

from __future__ import annotations

import dataclasses
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from ..quantities import Quantity
from ..types import Verdict
from .results import Verification
from .rules import names as name_rules
from .rules.base import Reading
from .rules.figures import figure_gaps, share_figure
from .rules.names.context import NameCtx, SaidNames
from .rules.names.said import said_names
from .rules.polarity import POLARITY, TextWords, negated
from .support import Candidate, InContext, nearest
from .words import figures

if TYPE_CHECKING:
    from ..config import Config
    from .candidates import Candidates


class Finding(IntEnum):
    """What a candidate by meaning shows of the text, best first: the first candidate that
    shows the best kind found decides."""

    SUPPORTED = 0  # it says the text
    SAID_OTHERWISE = 1  # it is on the same thing, with other figures
    NAMED_OTHERWISE = 2  # it has the same names, with other figures
    OPPOSITE = 3  # it says the opposite


REASONS = {
    Finding.SAID_OTHERWISE: "the report says this with other figures: ",
    Finding.NAMED_OTHERWISE: "nothing in the reports says this; the closest sentence with "
    "the same names gives other figures: ",
    Finding.OPPOSITE: "the report says the opposite: ",
}


class Judged(NamedTuple):
    """A candidate's finding, with the verification it gives."""

    finding: Finding
    verification: Verification


class Text(NamedTuple):
    """The text as the by-meaning stage reads it."""

    text: str  # as given (the verification's)
    plain: str  # repaired, ellipses as spaces
    figures: tuple[Quantity, ...]
    words: TextWords  # for the polarity rules
    id: str | None


class ByMeaning:
    """The by-meaning stage over one index's candidates."""

    def __init__(self, cands: Candidates) -> None:
        self.cands = cands

    def check(
        self, cfg: Config, reading: Reading, text: str, plain: str, id: str | None
    ) -> Verification:
        """``supported`` or ``not_found``, with the report text behind it."""
        qvecs, words = self.cands.index.embedder.embed_with_words([plain])
        in_context: InContext = words[0]
        tw = TextWords(in_context[0], in_context[1], negated(in_context[0], cfg))
        it = Text(text, plain, figures(plain), tw, id)
        ranked = nearest(self.cands, cfg, plain, qvecs[0], in_context)
        found: dict[Finding, Verification] = {}
        for cand in ranked:
            judged = self.judge(cfg, reading, it, cand, found)
            if judged is not None and judged.finding is Finding.SUPPORTED:
                return judged.verification
            if judged is not None:
                found.setdefault(judged.finding, judged.verification)
        if found:
            return found[min(found)]
        closest = [self.cands.match(c.sids, c.score) for c in ranked[: cfg.verify_closest]]
        return Verification(
            text,
            Verdict.NOT_FOUND,
            tuple(closest),
            (),
            "nothing in the reports says this; the closest sentences are listed",
            id,
        )

    def judge(
        self,
        cfg: Config,
        reading: Reading,
        it: Text,
        cand: Candidate,
        found: dict[Finding, Any],
    ) -> Judged | None:
        """What one candidate shows of the text, or None: too far in meaning, or it could
        show nothing better than what an earlier candidate showed."""
        if cand.cosine < cfg.verify_related_cosine:
            return None
        sids = cand.sids
        said = self.cands.sentence_figures(sids)
        same_thing = cand.coverage >= cfg.verify_support_coverage or share_figure(it.figures, said)
        if not same_thing and cand.cosine < cfg.verify_same_names_cosine:
            return None
        can_support = (
            cand.cosine >= cfg.verify_support_cosine and cand.said >= cfg.verify_support_coverage
        )
        best = Finding.SAID_OTHERWISE if same_thing else Finding.NAMED_OTHERWISE
        if not can_support and any(kind <= best for kind in found):
            return None  # it could only show a kind already shown, or a lesser one
        quote = " ".join(self.cands.checked(s) for s in sids)
        ctx = self._name_ctx(reading, it, quote, sids)
        gaps = figure_gaps(it.plain, quote, said, cfg)
        missing = gaps.missing + [
            n for rule in name_rules.GAPS.values() for n in rule(it.plain, ctx)
        ]
        if not same_thing and _names_only(missing, it.figures):
            return None  # a sentence with only the same names must have every name
        match = self.cands.match(sids, cand.score)
        mismatches = [dataclasses.replace(m, quote=match.quote) for m in gaps.mismatches]
        reverses = "" if mismatches or missing else self.reversal(cfg, it.words, sids)
        if not mismatches and not missing and not reverses and can_support:
            reason = (
                f"same content, other words (similarity {cand.cosine:.2f}, "
                f"{cand.said:.0%} of its content words)"
            )
            v = Verification(it.text, Verdict.SUPPORTED, (match,), (), reason, it.id)
            return Judged(Finding.SUPPORTED, v)
        if reverses:
            reason = REASONS[Finding.OPPOSITE] + reverses
            v = Verification(it.text, Verdict.NOT_FOUND, (match,), (), reason, it.id)
            return Judged(Finding.OPPOSITE, v)
        if not mismatches:
            return None
        kind = best
        reason = REASONS[kind] + "; ".join(m.message for m in mismatches)
        v = Verification(it.text, Verdict.NOT_FOUND, (match,), tuple(mismatches), reason, it.id)
        return Judged(kind, v)

    def _name_ctx(self, reading: Reading, it: Text, quote: str, sids: tuple[int, ...]) -> NameCtx:
        """What the text's names are checked against: the quote's names, and those of its
        passage, section and report."""
        quoted = said_names(quote)
        around = SaidNames()
        for s in sids:
            around = around | self.cands.names_around(s)
        own = " ".join(self.cands.text(s) for s in sids)
        return NameCtx(quote, own, quoted.words, quoted | around, it.figures, reading)

    def reversal(self, cfg: Config, tw: TextWords, sids: tuple[int, ...]) -> str:
        """Why the text says the opposite of the candidate (or of either sentence of a pair:
        the other one's "not" must not hide a reversal), or ""."""
        alone = [(s,) for s in sids] if len(sids) > 1 else []
        for group in [sids, *alone]:
            words = self.cands.report_words(group, cfg)
            for rule in POLARITY.values():
                if reason := rule(tw, words, cfg):
                    return reason
        return ""


def _names_only(missing: list[str], figures: tuple[Quantity, ...]) -> list[str]:
    """The names among what a sentence lacks of the text (the rest are its figures)."""
    surfaces = {f.surface for f in figures}
    return [m for m in missing if m not in surfaces]

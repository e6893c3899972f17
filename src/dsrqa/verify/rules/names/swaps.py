"""Rule: a name put in place of another, or a name added to the report's sentence, makes
another claim. "Tencent" for "Alibaba", "China Mobile" for "China Unicom", "ByteDance"
for "Weibo Corp" is listed with both names; a dropped name only makes the text vaguer,
and a form of the same name ("Chinese" for "China") is no swap."""

from __future__ import annotations

from ...results import Mismatch
from ...words import WORD, fold, in_figure
from ...words import figures as figures_of
from ..base import Aligned, Reading
from .kindred import kindred
from .words import capitalised_inside, is_name, name_goes_on, singular


def name_swaps(al: Aligned, reading: Reading) -> list[Mismatch]:
    """Names of the text the report does not say here: a name put in place of
    another (Tencent for Alibaba, Celcom for U Mobile) or a name added to the
    report's sentence. A dropped name only makes the text vaguer: not listed."""
    text, toks, rt, book, cfg = al.text, al.toks, al.rtoks, reading.names, reading.cfg
    quote = al.quote
    said = {fold(w) for w in WORD.findall(al.report)}
    figures = figures_of(text)
    out = []
    for tag, a0, a1, b0, b1 in al.ops:
        if tag not in ("replace", "delete"):
            continue
        kept = [t for t in toks[a0:a1] if not in_figure(t.start, figures)]
        tw = [text[t.start : t.end] for t in kept]
        rw = [al.report[t.start : t.end] for t in rt[b0:b1]]
        new = [
            w
            for w in tw
            if is_name(w, book) and not any(kindred(fold(singular(w)), h, cfg) for h in said)
        ]
        if tag == "replace":  # in place of a name, any capitalised word is a name
            new = (
                [
                    w
                    for w, t in zip(tw, kept, strict=True)
                    if (is_name(w, book) or capitalised_inside(text, t.start))
                    and not any(kindred(fold(w), fold(r), cfg) for r in rw)  # Chinese, China
                ]
                if any(
                    is_name(w, book) or capitalised_inside(al.report, t.start)
                    for w, t in zip(rw, rt[b0:b1], strict=True)
                )
                else new
            )
        if new:
            while b0 > 0 and name_goes_on(al.report, rt[b0 - 1], rt[b0], book):
                b0 -= 1  # the whole name: U Mobile, not Mobile; Weibo Corp after a colon
            while b1 < len(rt) and capitalised_inside(al.report, rt[b1].start):
                b1 += 1
            whole = al.report[rt[b0].start : rt[b1 - 1].end] if b1 > b0 else ""
            while a0 > 0 and tag == "replace" and capitalised_inside(text, toks[a0 - 1].start):
                a0 -= 1  # China Mobile, not Mobile
            claim = " ".join(tw) if tag == "delete" else text[toks[a0].start : toks[a1 - 1].end]
            out.append(Mismatch(claim, whole, quote, "name"))
    return out

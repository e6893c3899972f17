"""Rule: forms of one name say the same name. "China" and "Chinese", "Asia" and "Asian",
"Sweden" and "Swedish" share their first letters and differ only in a name's ending and
an adjective's (``lexicon.NAME_ENDINGS``, ``FORM_ENDINGS``); "Polish" and "Poland" are
listed (``DEMONYMS``). "Austria" is no form of "Australia", nor "Niger" of "Nigeria"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon import DEMONYMS, FORM_ENDINGS, LOOKALIKES, NAME_ENDINGS
from .context import NameAt, NameCtx

if TYPE_CHECKING:
    from ....config import Config


def kindred(a: str, b: str, cfg: Config) -> bool:
    """Forms of one name (folded): Asia and Asian, Sweden and Swedish, China and Chinese,
    Polish and Poland. Two forms share at least ``verify_kindred_prefix`` first letters and
    ``verify_kindred_share`` of the shorter word; past them, one keeps or drops the name's
    ending and the other has an adjective's, a people's or a plural's ("Malaysians"), so
    "Austria" and "Australia" ("ia", "alia") are two names."""
    return _kindred(a, b, cfg.verify_kindred_prefix, cfg.verify_kindred_share)


def _kindred(a: str, b: str, prefix: int, share: float) -> bool:
    if a == b or DEMONYMS.get(a) == b or DEMONYMS.get(b) == a:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    if n < prefix or n < share * min(len(a), len(b)):
        return False
    rest_a, rest_b = a[n:], b[n:]
    endings = (rest_a in NAME_ENDINGS and rest_b in FORM_ENDINGS) or (
        rest_b in NAME_ENDINGS and rest_a in FORM_ENDINGS
    )
    return endings and frozenset((a, b)) not in LOOKALIKES


def said(low: str, words: frozenset[str] | set[str], cfg: Config) -> bool:
    """Whether a folded name, or a form of it (China, Chinese), is among ``words``."""
    if low in words:
        return True
    prefix, share = cfg.verify_kindred_prefix, cfg.verify_kindred_share
    return any(_kindred(low, h, prefix, share) for h in words)


def said_in_quote(name: NameAt, ctx: NameCtx) -> bool:
    """A name the quote itself says, in some form ("Chinese" for the quote's "China")."""
    return said(name.low, ctx.in_quote, ctx.reading.cfg)


def said_around(name: NameAt, ctx: NameCtx) -> bool:
    """A name the quote's passage, section heading or report (title, publisher, authors)
    says, in some form: "outside China" is often implied."""
    return said(name.low, ctx.said.words, ctx.reading.cfg)

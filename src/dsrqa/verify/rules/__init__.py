"""The language rules of verify, one to a module. Each module's docstring states its rule;
its word lists are in ``lexicon.py``, its numbers in ``Config`` (``verify_*``) and its
tests in ``tests/verify/rules/``.

Each family has one signature and an ordered registry that the stages run:

- ``names.SAID_ALWAYS`` / ``names.SAID_UNLESS_DROPPED``: ``(NameAt, NameCtx) -> bool``
- ``names.GAPS``: ``(text, NameCtx) -> list[str]``
- ``names.WINDOW``, ``figures.WINDOW``: ``(Aligned, Reading) -> list[Mismatch]``
- ``polarity.POLARITY``: ``(TextWords, ReportWords, Config) -> str``

``RULES`` lists every rule by name, with its family and module, for finding one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import edits, figures, names, polarity
from .edits import written_edits
from .figures.confirmed import confirmed
from .figures.gaps import figure_gaps
from .figures.kinds import kin
from .figures.nearest import nearest
from .figures.rivals import rival
from .figures.shared import share_figure
from .figures.window import window_figures
from .names.acronyms import acronym_spelled_out, stands_for
from .names.dropped import dropped_names
from .names.fuller_forms import completes_a_name
from .names.initials import initials_of_a_name, words_of_an_acronym
from .names.kindred import kindred, said_around, said_in_quote
from .names.metonyms import capital_for_country
from .names.reordered import reordered_names
from .names.swaps import name_swaps
from .names.unsaid import unsaid_names
from .names.words import is_name
from .polarity.opposites import opposites
from .polarity.reversing import reversing


@dataclass(frozen=True)
class Rule:
    """A rule: its name, family and function (its module's docstring states it)."""

    name: str
    family: str
    check: Callable[..., Any]

    @property
    def module(self) -> str:
        return self.check.__module__

    @property
    def doc(self) -> str:
        """The rule in a sentence or two: its module's docstring."""
        return (sys.modules[self.module].__doc__ or "").strip()


_ALL = [
    Rule("is_name", "names", is_name),
    Rule("kindred", "names", kindred),
    Rule("said_in_quote", "names", said_in_quote),
    Rule("said_around", "names", said_around),
    Rule("capital_for_country", "names", capital_for_country),
    Rule("initials_of_a_name", "names", initials_of_a_name),
    Rule("words_of_an_acronym", "names", words_of_an_acronym),
    Rule("acronym_spelled_out", "names", acronym_spelled_out),
    Rule("stands_for", "names", stands_for),
    Rule("completes_a_name", "names", completes_a_name),
    Rule("dropped_names", "names", dropped_names),
    Rule("reordered_names", "names", reordered_names),
    Rule("unsaid_names", "names", unsaid_names),
    Rule("name_swaps", "names", name_swaps),
    Rule("kin", "figures", kin),
    Rule("confirmed", "figures", confirmed),
    Rule("rival", "figures", rival),
    Rule("nearest", "figures", nearest),
    Rule("share_figure", "figures", share_figure),
    Rule("figure_gaps", "figures", figure_gaps),
    Rule("window_figures", "figures", window_figures),
    Rule("opposites", "polarity", opposites),
    Rule("reversing", "polarity", reversing),
    Rule("written_edits", "edits", written_edits),
]
RULES: dict[str, Rule] = {r.name: r for r in _ALL}

__all__ = ["RULES", "Rule", "edits", "figures", "names", "polarity"]

"""Check a quote or a claim against the reports: ``verbatim``, ``close``, ``supported``
or ``not_found`` (see the README's "Checking a quote or a claim").

The package, in the order a text goes through it:

    pipeline.py    the ``Verifier``: builds the tables, runs the three stages in order
    verbatim.py    stage 1: the text word for word in a report (streams.py: its cleaned
                   text as one run of words, and its raw file as a reader copies it)
    close.py       stage 2: a window of a unit within a word or two
    support.py     the candidates nearest in meaning, and how much of the text each says
    meaning.py     stage 3: ``supported`` or ``not_found``, and why (``Finding``)
    rules/         the language rules, one to a module, each with its registry:
      names/       whether the report side says every name of the text, and no other
      figures/     whether it gives every figure, and which one a wrong one is set against
      polarity/    whether the text says the opposite
      edits.py     word edits counted as written
    lexicon.py     every word list and small table the rules use
    tables.py      the corpus tables read once per loaded index (units.py)
    extras.py      the candidates beside the sentences, found and embedded by the build
    candidates.py  what each candidate by meaning says, worked out on first use
    words.py       tokens, folding and repair of a pasted text; a text's figures
    citing.py      citations of report text
    results.py     ``Verification``, ``Match``, ``Mismatch``, ``DiffOp``

The numbers the rules tune by are ``Config`` fields (``verify_*``).
"""

from __future__ import annotations

from .pipeline import Verifier
from .results import VERDICTS, DiffOp, Match, Mismatch, Verification
from .words import clean_text, fold, repair, same_word, tokens

__all__ = [
    "VERDICTS",
    "DiffOp",
    "Match",
    "Mismatch",
    "Verification",
    "Verifier",
    "clean_text",
    "fold",
    "repair",
    "same_word",
    "tokens",
]

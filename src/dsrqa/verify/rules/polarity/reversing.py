"""Rule: a reversing word ("not", "no", "never", "didn't", "failed", "lost", "rejected",
"turned down", "less", ...: ``lexicon.NEGATORS``, ``REVERSING``) that reaches the words
a text shares with its sentence on one side only says the opposite. Two close together
undo each other ("did not lose"); "not only" reverses nothing, and "not X but Y" only X."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....text import is_content_word, stem
from ...lexicon import CLAUSE_BREAKS, CONTRASTS, NEGATORS, NOT_REVERSING, REVERSING, TURN
from .context import Reach, ReportWords, TextWords

if TYPE_CHECKING:
    from ....config import Config


def negated(words: list[str], cfg: Config) -> list[Reach]:
    """For each content word of a run of words (split as the tokenizer does): whether
    the nearest run of reversing words that reaches it in its clause reverses it (an odd
    run) or not (an even run, "did not lose"), and that run's first word. Reversing words
    ``verify_reversing_run`` words apart or less form a run; farther apart, each reverses a
    predicate of its own ("offered no explanation of why they rejected it" is negative
    throughout). A reversing word reaches ``verify_reach`` words either way. "rather
    than" and "instead of" reach the words after them, to a comma or the clause's end;
    the "not" of "not X but Y" reaches only X; "not only" and "not surprisingly" reach
    nothing."""
    clause, clauses = 0, []
    for w in words:
        clause += w in CLAUSE_BREAKS
        clauses.append(clause)
    far, look = cfg.verify_reach, cfg.verify_contrast_words
    reach = {k: r for k in range(len(words)) if (r := reach_of(words, k, far, look))}
    runs: list[list[int]] = []
    for k in reach:
        if (
            runs
            and k - runs[-1][-1] <= cfg.verify_reversing_run
            and clauses[k] == clauses[runs[-1][-1]]
        ):
            runs[-1].append(k)
        else:
            runs.append([k])
    out = []
    for k, w in enumerate(words):
        if not is_content_word(w):
            continue
        near = [
            (min(abs(k - c) for c in run), run)
            for run in runs
            if any(k in reach[c] and k != c and clauses[c] == clauses[k] for c in run)
        ]
        run = min(near)[1] if near else []
        out.append(Reach(len(run) % 2 == 1, words[run[0]] if run else ""))
    return out


def reach_of(words: list[str], k: int, far: int, look: int) -> range:
    """The positions a reversing word at ``k`` reaches (empty for any other word): ``far``
    words either way; a "but" within ``look`` words after "not" ends its reach."""
    w, after = words[k], words[k + 1 : k + 1 + look]
    around = range(max(0, k - far), min(len(words), k + far + 1))
    if w in NEGATORS:
        if after[:1] and after[0] in NOT_REVERSING:
            return range(0)
        end = next((n for n, x in enumerate(after) if x in CLAUSE_BREAKS), len(after))
        if w == "not" and "but" in after[:end]:  # "not X but Y" says Y
            return range(k + 1, k + 1 + after.index("but"))
        return around
    if after and (w, after[0]) in CONTRASTS:  # X rather than Y
        rest = words[k + 2 : k + 2 + 2 * far]
        return range(k + 2, k + 2 + next((n for n, x in enumerate(rest) if x == ","), len(rest)))
    if w == "t" and k >= 2 and words[k - 1] in "'’" and words[k - 2].endswith("n"):
        return around  # didn't, doesn't, isn't
    if REVERSING.fullmatch(w) or (w == "down" and k > 0 and words[k - 1] in TURN):
        return around
    return range(0)


def reversing(text: TextWords, report: ReportWords, cfg: Config) -> str:
    """Why the text says the opposite of the candidate, or "": words of the text
    matched to the candidate's (the same stem, or within ``verify_word_cosine`` in
    context) stand by a reversing word on one side only ("won its bid" against "lost
    its bid", "did not lose" against "lost", "gave an explanation" against "offered no
    explanation"), in more places than both sides reverse them. Words of like meaning
    in context are often opposites ("completed" and "attempted"); neither the similarity
    of two sentences nor the words they share can see this."""
    import numpy as np

    names = text.words
    keep = [i for i, w in enumerate(names) if is_content_word(w)]
    sims = np.einsum("ij,kj->ik", text.vectors[keep], np.vstack(report.vectors))
    at_stem: dict[str, list[int]] = {}
    for i, k in enumerate(keep):
        at_stem.setdefault(stem(names[k]), []).append(i)
    for k, t in enumerate(report.stems):
        sims[at_stem.get(t, []), k] = 1.0
    agree, differ = 0, []
    best = sims.argmax(axis=1).tolist()
    for i in np.flatnonzero(sims.max(axis=1) >= cfg.verify_word_cosine).tolist():
        (a, cue_a), (b, cue_b) = text.reach[i], report.reach[best[i]]
        if a != b:
            differ.append(("text", cue_a) if a else ("report", cue_b))
        elif a or b:
            agree += 1
    if len(differ) < 2 or len(differ) <= agree:
        return ""
    who, word = differ[0]
    other = "report" if who == "text" else "text"
    return f"the {who} says {word!r} where the {other} does not"

"""The candidates nearest a text in meaning, and how much of the text each says: the
cosine of their vectors (with the text's acronyms written as the candidate writes them),
and the share of the text's content words the candidate holds, as written and then
counting words said in other words (near in context)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from ..text import content_terms, stem
from .rules.names.acronyms import abbreviations, spelled_like, stands_for

if TYPE_CHECKING:
    from ..config import Config
    from .candidates import Candidates

InContext = tuple[list[str], Any]  # a text's words (as the tokenizer splits) and vectors


class Candidate(NamedTuple):
    """A candidate (one sentence or two, or rows of a table) and how near it is."""

    cosine: float
    coverage: float  # share of the text's content words it says, as written
    said: float  # the same, counting words said in other words
    sids: tuple[int, ...]
    score: float  # cosine + verify_coverage_weight * coverage: the ranking


def nearest(
    cands: Candidates, cfg: Config, text: str, qvec: Any, in_context: InContext
) -> list[Candidate]:
    """The ``verify_support_sentences`` candidates nearest in meaning, each alone and
    with the sentences it pairs with, best first, each group once."""
    import numpy as np

    sims = cands.tables.vectors @ qvec
    top = [int(s) for s in np.argsort(-sims, kind="stable")[: cfg.verify_support_sentences]]
    terms = {t for t in content_terms(text) if not t[0].isdigit()}  # figures: see gaps
    mine = abbreviations(text, cfg.verify_acronym_words)
    stood_for: dict[int, set[str]] = {}  # the text's words a candidate's acronyms spell
    cosine = respelled_cosines(cands, cfg, text, top, sims)
    rows = []
    for sid in top:
        for g in _groups(cands, sid):
            have: set[str] = set()
            for s in g:
                have |= cands.tables.sentence_terms[s]
                if s not in stood_for:  # "artificial intelligence" for "AI"
                    theirs = cands.acronyms(s, cfg)
                    stood_for[s] = {
                        t for a in mine if any(stands_for(a, b) for b in theirs) for t in a.stems
                    }
                have |= stood_for[s]
            coverage = len(terms & have) / len(terms) if terms else 0.0
            said = coverage
            if (  # near enough in meaning, but short of the text's words as written
                cosine[sid] >= cfg.verify_support_cosine
                and coverage < cfg.verify_support_coverage
                and cfg.verify_word_cosine < 1.0
                and terms
            ):
                said = reworded_coverage(cands, cfg, in_context, terms, have, g)
            score = cosine[sid] + cfg.verify_coverage_weight * coverage
            rows.append(Candidate(cosine[sid], coverage, said, tuple(g), score))
    seen: set[tuple[int, ...]] = set()
    out = []
    for cand in sorted(rows, key=lambda c: (-c.score, c.sids)):
        if cand.sids not in seen:
            seen.add(cand.sids)
            out.append(cand)
    return out


def _groups(cands: Candidates, sid: int) -> list[list[int]]:
    """A candidate alone, with the rows sharing its first cell, with the other column of
    its table beside it, and with the sentence before or after it in its report."""
    sentences = cands.index.sentences
    groups = [[sid]]
    if sid in cands.tables.same_row_head:
        groups.append(cands.tables.same_row_head[sid])
    table = (extra := cands.extra(sid)) and extra.table
    for other in (sid - 1, sid + 1) if table else ():
        near = cands.extra(other) if other < len(cands) else None
        if near is not None and near.table == table:  # two columns of one table
            groups.append(sorted([sid, other]))
    for other in () if cands.stands_alone(sid) else (sid - 1, sid + 1):
        if (
            0 <= other < len(sentences)
            and sentences[other].report_id == sentences[sid].report_id
            and not cands.stands_alone(other)
        ):
            groups.append(sorted([sid, other]))
    return groups


def reworded_coverage(
    cands: Candidates,
    cfg: Config,
    in_context: InContext,
    terms: set[str],
    have: set[str],
    sids: list[int],
) -> float:
    """The share of the text's content words the candidate says, in its words or in
    other words: a word counts when one of the candidate's is within
    ``verify_word_cosine`` of it in context ("prohibited" and "banned" 0.75, "nations"
    and "countries" 0.83). A paraphrase that changes most words shares few of them
    exactly; matching words alone, or single-word vectors, cannot see that."""
    import numpy as np

    names, vecs = in_context
    left = [i for i, w in enumerate(names) if (t := stem(w)) in terms and t not in have]
    theirs = [cands.tables.word_vectors[sid] for sid in sids]
    if not left or not any(len(v) for v in theirs):
        return len(terms & have) / len(terms)
    # einsum, not BLAS: OpenBLAS threads left spinning after a product this small
    # slow the next model run (onnxruntime wants both cores) by half
    best = np.einsum("ij,kj->ik", vecs[left], np.vstack(theirs)).max(axis=1)
    also = {stem(names[i]) for i, b in zip(left, best, strict=True) if b >= cfg.verify_word_cosine}
    return len(terms & (have | also)) / len(terms)


def respelled_cosines(
    cands: Candidates, cfg: Config, text: str, sids: list[int], sims: Any
) -> dict[int, float]:
    """Similarity to each candidate, with the text's acronyms and the words they stand
    for written as the candidate writes them: "DCCP" and its words in full mean the
    same, but their vectors differ (0.70 against 0.87). Only candidates under the support
    bar, and only the nearest ``verify_respelled`` spellings: each costs an embedding
    (about 7 ms)."""
    longest = cfg.verify_acronym_words
    below = [sid for sid in sids if sims[sid] < cfg.verify_support_cosine]
    variants = {sid: spelled_like(text, cands.checked(sid), longest) for sid in below}
    fresh = list(dict.fromkeys(v for v in variants.values() if v != text))
    fresh = fresh[: cfg.verify_respelled]  # the nearest candidates' spellings
    embedded: Any = cands.index.embedder.embed(fresh) if fresh else []
    vectors = dict(zip(fresh, embedded, strict=True))
    return {
        sid: max(
            float(sims[sid]),
            float(cands.tables.vectors[sid] @ vectors[v])
            if (v := variants.get(sid)) in vectors
            else -1.0,
        )
        for sid in sids
    }

"""The candidates by meaning: the index's sentences (ids ``0..n-1``), then the extras
(blocks of lines, table columns, sentences of rows). What each says and where it stands,
the names around it, and its citation; its figures, acronyms, words' polarity and names
are worked out on first use, or all at once by ``warm``, and kept."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..quantities import Quantity
from ..text import is_content_word, stem
from .citing import cite
from .extras import Extra
from .results import Match
from .rules.names.acronyms import Abbrev, abbreviations
from .rules.names.context import SaidNames
from .rules.names.said import said_names
from .rules.polarity import Polarity, ReportWords, negated
from .words import figures

if TYPE_CHECKING:
    from ..config import Config
    from ..index import Index
    from .tables import Tables


class Candidates:
    """The candidates of one index, with what verify works out about each."""

    def __init__(self, index: Index, tables: Tables) -> None:
        self.index = index
        self.tables = tables
        self.sentences = len(index.sentences)  # ids from here on are extras
        self.figures_at: dict[int, tuple[Quantity, ...]] = {}
        self.acronyms_at: dict[int, tuple[Abbrev, ...]] = {}
        self.polarity_at: dict[int, Polarity] = {}
        self.names_at: dict[int, SaidNames] = {}

    def __len__(self) -> int:
        return len(self.tables.vectors)

    def extra(self, sid: int) -> Extra | None:
        """The block of lines or table column a candidate id past the sentences stands for."""
        n = self.sentences
        return self.tables.extras[sid - n] if sid >= n else None

    def text(self, sid: int) -> str:
        """What a candidate says, as quoted."""
        extra = self.extra(sid)
        return self.index.sentences[sid].text if extra is None else extra.text

    def checked(self, sid: int) -> str:
        """What a candidate says, to check a text against: a table row with its table's
        title and column names ("Top 5 Chinese internet companies: Baidu"), as embedded."""
        extra = self.extra(sid)
        return self.index.sentences[sid].embed_text if extra is None else extra.text

    def stands_alone(self, sid: int) -> bool:
        """An extra, a timeline entry or a table row: no prose around it, no pairing."""
        if self.extra(sid) is not None:
            return True
        return self.index.passages[self.tables.passage_of[sid]].kind in ("timeline", "table_row")

    def context(self, sid: int) -> str:
        """Where names a sentence leaves implicit are said: its section's heading, the
        report's title, publisher and authors ("Malaysia" for a row of the timeline of
        deals in Malaysia), and the prose it stands in (a heading's or a table header's:
        its section's). A timeline entry or a table row stands alone (no prose, no pairing
        with the next entry): the next entry's company is not this one's."""
        extra = self.extra(sid)
        if extra is not None:  # a heading's, table header's or column's prose: its section's
            rid, section = extra.report, extra.section
            prose = self.tables.section_text.get((rid, section), "")
        else:
            passage = self.index.passages[self.tables.passage_of[sid]]
            rid, section = passage.report_id, passage.section
            prose = "" if self.stands_alone(sid) else passage.text
        report = self.index.catalog.get(rid)
        return " ".join([section, report.title, report.publisher, *report.authors, prose])

    def names_around(self, sid: int) -> SaidNames:
        """The names a candidate's passage, section and report say (see ``context``)."""
        if sid not in self.names_at:
            self.names_at[sid] = said_names(self.context(sid))
        return self.names_at[sid]

    def figures(self, sid: int) -> tuple[Quantity, ...]:
        if sid not in self.figures_at:
            self.figures_at[sid] = figures(self.checked(sid))
        return self.figures_at[sid]

    def acronyms(self, sid: int, cfg: Config) -> tuple[Abbrev, ...]:
        if sid not in self.acronyms_at:
            self.acronyms_at[sid] = abbreviations(self.checked(sid), cfg.verify_acronym_words)
        return self.acronyms_at[sid]

    def polarity(self, sid: int, cfg: Config) -> Polarity:
        """A candidate's words (split as the model's tokenizer does, lower case), whether
        a reversing word reaches each content word, and their stems; kept once worked out."""
        if sid not in self.polarity_at:
            tok = self.index.embedder.tokenizer
            text = tok.normalizer.normalize_str(self.checked(sid))
            words = [w for w, _ in tok.pre_tokenizer.pre_tokenize_str(text)]
            stems = [stem(w) for w in words if is_content_word(w)]
            self.polarity_at[sid] = Polarity(words, negated(words, cfg), stems)
        return self.polarity_at[sid]

    def report_words(self, sids: list[int] | tuple[int, ...], cfg: Config) -> ReportWords:
        """The words of one candidate or two, as the polarity rules read them: a long
        one's content words are cut where its word vectors end."""
        said: set[str] = set()  # all the candidate's words: "before" is no content word
        reach, stems, vectors = [], [], []
        for sid in sids:
            words, negs, their_stems = self.polarity(sid, cfg)
            n = min(len(self.tables.word_vectors[sid]), len(their_stems))
            said.update(words)
            reach += negs[:n]
            stems += their_stems[:n]
            vectors.append(self.tables.word_vectors[sid][:n])
        return ReportWords(said, reach, stems, vectors)

    def sentence_figures(self, sids: list[int] | tuple[int, ...]) -> tuple[Quantity, ...]:
        """Figures of candidates joined by spaces, as checked (a table row with its column
        names), from each one's own: a pair of sentences is not read again."""
        out: list[Quantity] = []
        offset = 0
        for sid in sids:
            out += [
                dataclasses.replace(q, start=q.start + offset, end=q.end + offset)
                for q in self.figures(sid)
            ]
            offset += len(self.checked(sid)) + 1
        return tuple(out)

    def match(self, sids: list[int] | tuple[int, ...], score: float) -> Match:
        """The citation of one candidate or two adjacent ones."""
        head, tail = self.extra(sids[0]), self.extra(sids[-1])
        quote = " ".join(self.text(s) for s in sids)
        if head is not None and tail is not None:
            doc = self.index.document(head.report)
            chars = (head.char_start, tail.char_end)
            lines = (doc.line_of(head.char_start), doc.line_of(tail.char_end - 1))
            return Match(cite(self.index, head.report, head.section, chars, lines, quote), score)
        first, last = self.index.sentences[sids[0]], self.index.sentences[sids[-1]]
        section = self.index.passages[self.tables.passage_of[first.id]].section
        chars, lines = (first.char_start, last.char_end), (first.line_start, last.line_end)
        return Match(cite(self.index, first.report_id, section, chars, lines, quote), score)

    def warm(self, cfg: Config) -> None:
        """Work out every candidate's figures, acronyms, reversing words and names now."""
        for sid in range(len(self)):
            self.figures(sid)
            self.acronyms(sid, cfg)
            self.polarity(sid, cfg)
            self.names_around(sid)

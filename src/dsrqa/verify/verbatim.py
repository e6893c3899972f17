"""Stage 1, ``verbatim``: the text's words are a run of a report's words, in the cleaned
text as the index splits it into sentences (across paragraph breaks, headings and
sections), or else in the raw file as a reader copies it (see ``streams.py``). An ellipsis
splits the text into parts that must match in that order, each starting in the paragraph
where the one before it ends or in the next. Every place it occurs is listed."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..types import Verdict
from .citing import span_match
from .results import Match, Verification
from .streams import words
from .words import ELLIPSIS, repair, same_word, tokens

if TYPE_CHECKING:
    from ..config import Config
    from ..index import Index
    from .streams import Stream, Streams
    from .tables import Tables


ANCHORS = 64  # the rarest of a text's first words is rare enough to start from


class Place(NamedTuple):
    """Where a text occurs word for word: words ``start..end`` of one stream."""

    stream: int
    start: int
    end: int


class Verbatim:
    """The verbatim stage over one index's tables."""

    def __init__(self, index: Index, tables: Tables) -> None:
        self.index = index
        self.tables = tables

    def matches(self, text: str) -> list[Match]:
        """Every place of the text (as written, then repaired) in the cleaned text, or
        else in the raw files; none when it is in neither."""
        for streams in (self.tables.cleaned, self.tables.files):
            for variant in dict.fromkeys([text, repair(text)]):
                found = places(streams, variant)
                if found:
                    return [
                        span_match(
                            self.index, self.tables, streams.streams[p.stream], p.start, p.end, 1.0
                        )
                        for p in found
                    ]
        return []

    def check(self, cfg: Config, text: str, id: str | None) -> Verification | None:
        """``verbatim`` with every place, or None."""
        found = self.matches(text)
        if not found:
            return None
        return Verification(
            text,
            Verdict.VERBATIM,
            tuple(found[: cfg.verify_max_matches]),
            (),
            f"found word for word in {len(found)} place(s)",
            id,
        )


def places(streams: Streams, text: str) -> list[Place]:
    """Where all ellipsis-separated parts match in order, in one stream. A part after an
    ellipsis starts in the paragraph where the one before it ends, or in the next one."""
    parts = [[t.norm for t in words(tokens(p))] for p in ELLIPSIS.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return []
    found = []
    for si, pos in _starts(streams, parts[0]):
        stream = streams.streams[si]
        end: int | None = pos + len(parts[0]) if _matches(stream, parts[0], pos) else None
        for part in parts[1:]:
            if end is None:
                break
            end = _next_part(stream, part, end)
        if end is not None:
            found.append(Place(si, pos, end))
    return found


def _starts(streams: Streams, head: list[str]) -> list[tuple[int, int]]:
    """Where the first part may start: back from each place of its rarest word (fewest
    places to try), or, when every word of it lost a ligature, anywhere."""
    anchors = [i for i, w in enumerate(head[:ANCHORS]) if "\ufffd" not in w]
    if not anchors:
        return [(si, pos) for si, s in enumerate(streams.streams) for pos in range(len(s.norms))]
    at = min(anchors, key=lambda i: len(streams.first.get(head[i], [])))
    return [(si, pos - at) for si, pos in streams.first.get(head[at], []) if pos >= at]


def _matches(stream: Stream, part: list[str], pos: int) -> bool:
    """Whether ``part`` is the stream's words from ``pos`` on."""
    norms = stream.norms
    if pos + len(part) > len(norms):
        return False
    return all(same_word(word, norms[pos + k]) for k, word in enumerate(part))


def _next_part(stream: Stream, part: list[str], since: int) -> int | None:
    """Where ``part`` ends when it starts at or after word ``since``, in the paragraph of
    the word before it or the next one; None when it does not."""
    last = stream.part[since - 1] + 1
    for at in range(since, len(stream.norms)):
        if stream.part[at] > last:
            break
        if _matches(stream, part, at):
            return at + len(part)
    return None

"""The gold question sets and the verify cases as files: JSON lines read by line number,
and evidence quotes resolved to character spans of the raw reports, so a gold set does
not depend on how the index cuts passages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import Catalog
from .errors import BadInputError

SPLITS = ("dev", "test")


@dataclass(frozen=True)
class Evidence:
    report: str
    quote: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    kind: str
    answerable: bool
    answer: str
    split: str
    evidence: tuple[Evidence, ...] = field(default=())


class NormalizedRaw:
    """A raw report folded for quote matching, with a map back to raw offsets.

    Folding: ``\\$`` -> ``$``, a word hyphenated across a line break is joined, curly
    quotes and dashes become straight ones, and every run of white space is one space.
    """

    FOLD = str.maketrans(
        {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"}
    )

    def __init__(self, raw: str) -> None:
        chars: list[str] = []
        offs: list[int] = []
        i, n = 0, len(raw)
        while i < n:
            ch = raw[i]
            if ch == "\\" and i + 1 < n and raw[i + 1] == "$":
                i += 1
                continue
            if ch == "-" and chars and chars[-1].isalpha():
                m = re.match(r"-[ \t]*\n\s*(?=[a-z])", raw[i:])
                if m:
                    i += m.end()
                    continue
            if ch.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offs.append(i)
                i += 1
                continue
            chars.append(ch.translate(self.FOLD))
            offs.append(i)
            i += 1
        self.text = "".join(chars)
        self.offs = offs

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        needle = self.fold(quote)
        spans = []
        start = self.text.find(needle)
        while needle and start >= 0:
            end = start + len(needle)
            spans.append((self.offs[start], self.offs[end - 1] + 1))
            start = self.text.find(needle, start + 1)
        return spans

    @classmethod
    def fold(cls, text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("\\$", "$").translate(cls.FOLD)).strip()


def jsonl_objects(path: Path, what: str) -> list[tuple[int, Any]]:
    """The JSON objects of a JSON-lines file with their line numbers; blank lines skipped,
    a byte-order mark allowed. A file that cannot be read, or a line that is not a JSON
    object (or is nested too deeply, or holds a number of over 100 digits), is refused
    by line number, as ``dsrqa.batch`` refuses a batch line."""
    from .batch import bounded_int, json_kind

    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"cannot read {what} {path}: {exc}") from None
    out = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_int=bounded_int)
        except RecursionError:
            raise BadInputError(f"{path}:{number} is JSON nested too deeply to read") from None
        except ValueError as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise BadInputError(f"{path}:{number} is not valid JSON: {reason}") from None
        if not isinstance(value, dict):
            raise BadInputError(f"{path}:{number} is {json_kind(value)}; expected an object")
        out.append((number, value))
    return out


def load_gold(path: Path, catalog: Catalog, splits: tuple[str, ...] = SPLITS) -> list[GoldQuestion]:
    """Read a question set (``eval/gold.jsonl``, ``eval/readers.jsonl``; with
    ``splits=("train",)`` the training questions, which carry no split) and resolve every
    quote; refuses quotes that do not resolve."""
    raws = {r.id: NormalizedRaw(r.read_raw()) for r in catalog.reports}
    out = []
    for number, item in jsonl_objects(path, "gold set"):
        evidence = []
        for ev in item.get("evidence", []):
            if ev["report"] not in raws:
                raise BadInputError(f"{path}:{number}: unknown report {ev['report']!r}")
            spans = raws[ev["report"]].find_all(ev["quote"])
            occurrence = ev.get("occurrence")
            if not spans:
                raise BadInputError(
                    f"{path}:{number} ({item['id']}): quote not found in "
                    f"{ev['report']}: {ev['quote'][:60]!r}"
                )
            if len(spans) > 1 and occurrence is None:
                raise BadInputError(
                    f"{path}:{number} ({item['id']}): quote occurs {len(spans)} "
                    'times; add "occurrence": N'
                )
            span = spans[(occurrence or 1) - 1]
            evidence.append(Evidence(ev["report"], ev["quote"], span[0], span[1]))
        split = item.get("split", "train")
        if split not in splits:
            raise BadInputError(f"{path}:{number}: split must be one of {', '.join(splits)}")
        out.append(
            GoldQuestion(
                id=item["id"],
                question=item["question"],
                kind=item["kind"],
                answerable=bool(item["answerable"]),
                answer=item.get("answer", ""),
                split=split,
                evidence=tuple(evidence),
            )
        )
    return out


def covers(report: str, start: int, end: int, evidence: Iterable[Evidence]) -> bool:
    """THE relevance rule: a span is relevant when, in the same report, it holds at least
    half of some evidence span (or the evidence holds at least half of it, for a span
    shorter than the evidence, e.g. one sentence of a two-sentence quote)."""
    for ev in evidence:
        if ev.report != report:
            continue
        overlap = min(end, ev.char_end) - max(start, ev.char_start)
        if overlap <= 0:
            continue
        if overlap >= 0.5 * (ev.char_end - ev.char_start) or overlap >= 0.5 * (end - start):
            return True
    return False

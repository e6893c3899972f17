"""Cleaned text that keeps, for every character, its offset in the raw file."""

from __future__ import annotations

import re
from collections.abc import Callable


class Mapped:
    """A string that remembers, for each character, its offset in the raw file.

    Every edit goes through ``sub`` or concatenation so the map can never drift from
    the text. Characters the cleaner adds (a space for a joined line, ``ff`` for a lost
    ligature) take the raw offset of what they replace.
    """

    __slots__ = ("text", "offs")

    def __init__(self, text: str, offs: list[int]) -> None:
        if len(text) != len(offs):
            raise ValueError("text and offsets differ in length")
        self.text = text
        self.offs = offs

    @classmethod
    def from_raw(cls, raw: str, start: int, end: int) -> Mapped:
        return cls(raw[start:end], list(range(start, end)))

    @classmethod
    def synthetic(cls, text: str, offset: int) -> Mapped:
        return cls(text, [offset] * len(text))

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.offs + other.offs)

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offs[start:end])

    def strip(self) -> Mapped:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> Mapped:
        """Regex replace; a replacement found inside the match keeps that part's offsets."""
        pieces: list[Mapped] = []
        pos = 0
        for m in pattern.finditer(self.text):
            pieces.append(self.slice(pos, m.start()))
            new = repl(m)
            inner = m.group(0).find(new) if new else -1
            if new and inner >= 0:
                pieces.append(self.slice(m.start() + inner, m.start() + inner + len(new)))
            elif new:
                pieces.append(Mapped.synthetic(new, self.offs[m.start()]))
            pos = m.end()
        if not pieces:
            return self
        pieces.append(self.slice(pos, len(self.text)))
        out = pieces[0]
        for piece in pieces[1:]:
            out = out + piece
        return out

"""Batch input, one item a line: what ``ask --jsonl`` and ``verify --jsonl`` read.

A line is plain text (the question or the text itself) or a JSON object with ``id`` and
the command's key (``question`` or ``text``). Every line, whatever its bytes, becomes
one ``BatchLine``: a request (its text and id) or an error naming the line, never an
exception, so a batch always gets one output line per input line, in order.

Refused, each for its own line: bytes that are not UTF-8; a line longer than
``MAX_LINE_BYTES``; a blank line; JSON that is not an object (an array, a number, a
string, ``null``, ``true``/``false``); a line starting with ``{`` that is not JSON;
JSON nested too deeply to read; an integer of more than ``MAX_DIGITS`` digits; an id
that is not a string or a finite number; a missing or non-string text; a lone surrogate
(``\\ud800``: not a character) in the id or the text. A UTF-8 byte-order mark at the
start of a line is dropped (editors on Windows write one on the first line). The id is
echoed as given: a string stays a string, a number a number.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

MAX_LINE_BYTES = 1 << 20  # far above any question or text accepted (a few thousand chars)
MAX_DIGITS = 100  # longer integers are refused (Python refuses past 4300 digits anyway)
BOM = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\ud800-\udfff]")
_KINDS = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}

ItemId = str | int | float | None


@dataclass(frozen=True)
class BatchLine:
    """One input line read: a request (``text`` set) or an error (``error`` set)."""

    number: int  # 1-based line number
    id: ItemId  # as the line gave it (None when absent, or refused)
    text: str | None
    error: str | None = None

    @property
    def id_text(self) -> str | None:
        """The id as the library's results carry it (text)."""
        return None if self.id is None else str(self.id)

    def error_object(self) -> dict[str, Any]:
        """The output line of a refused line: ``{"id", "line", "error"}``."""
        return {"id": self.id, "line": self.number, "error": self.error}


class _Refused(Exception):
    def __init__(self, message: str, item_id: ItemId = None) -> None:
        super().__init__(message)
        self.item_id = item_id


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate of ``text`` as ``U+D800``, or None when it is all text."""
    found = _SURROGATE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def parse_line(raw: bytes, number: int, key: str) -> BatchLine:
    """One line of a batch (with or without its line ending) as a request or an error."""
    try:
        item_id, text = _parse(raw, number, key)
    except _Refused as exc:
        return BatchLine(number, exc.item_id, None, str(exc))
    return BatchLine(number, item_id, text)


def _parse(raw: bytes, number: int, key: str) -> tuple[ItemId, str]:
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    try:
        line = raw.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise _Refused(
            f"line {number} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte "
            f"{exc.start + 1}); write the batch in UTF-8"
        ) from None
    expected = f'plain text, or a JSON object with "id" and "{key}"'
    if not line:
        raise _Refused(f"line {number} is empty; expected {expected}")
    try:
        value = json.loads(line, parse_int=bounded_int)
    except RecursionError:
        raise _Refused(f"line {number} is JSON nested too deeply to read") from None
    except ValueError as exc:  # not JSON (JSONDecodeError), or an over-long integer
        if line.startswith("{"):
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise _Refused(f"line {number} is not valid JSON: {reason}") from None
        return None, _text(line, number, "line")  # plain text
    if not isinstance(value, dict):
        raise _Refused(f"line {number} is {json_kind(value)}; expected {expected}")
    item_id = _id(value.get("id"), number)
    if key not in value:
        raise _Refused(f'line {number}: expected an object with "{key}"', item_id)
    text = value[key]
    if not isinstance(text, str):
        raise _Refused(
            f'line {number}: "{key}" must be a string, got {_KINDS[type(text)]}', item_id
        )
    if not text.strip():
        raise _Refused(f'line {number}: "{key}" is empty', item_id)
    return item_id, _text(text.strip(), number, f'"{key}"', item_id)


def json_kind(value: Any) -> str:
    """``a JSON array``, ``a JSON string``, ``JSON null``, … for a message."""
    return "JSON null" if value is None else "a JSON " + _KINDS[type(value)].split()[1]


def bounded_int(digits: str) -> int:
    """A JSON integer, refused past ``MAX_DIGITS`` digits (``json.loads``' ``parse_int``)."""
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(digits.lstrip('-'))} digits (at most {MAX_DIGITS})")
    return int(digits)


def _id(value: Any, number: int) -> ItemId:
    """The id as given, when it is a string or a finite number; else the line is refused."""
    if value is None:
        return None
    if isinstance(value, str):
        if lone_surrogate(value):
            raise _Refused(_surrogate_message(number, "the id", value), value)
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value):
            return value
        shown = "NaN" if math.isnan(value) else ("-" if value < 0 else "") + "Infinity"
        raise _Refused(f"line {number}: the id must be a string or a finite number, got {shown}")
    raise _Refused(f"line {number}: the id must be a string or a number, got {_KINDS[type(value)]}")


def _text(text: str, number: int, what: str, item_id: ItemId = None) -> str:
    if lone_surrogate(text):
        raise _Refused(_surrogate_message(number, what, text), item_id)
    return text


def _surrogate_message(number: int, what: str, text: str) -> str:
    return (
        f"line {number}: {what} holds a lone surrogate ({lone_surrogate(text)}), which is "
        "not a character; write the character itself, or both halves of its pair"
    )


def read_batch(stream: IO[bytes], key: str) -> Iterator[BatchLine]:
    """Every line of ``stream`` (bytes), read in order, as requests or errors. A line
    longer than ``MAX_LINE_BYTES`` is refused without being held in memory."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(MAX_LINE_BYTES)
            message = f"line {number} has more than {MAX_LINE_BYTES} bytes; nothing read"
            yield BatchLine(number, None, None, message)
            continue
        yield parse_line(raw, number, key)


def dump_json(value: Any) -> str:
    """``value`` as one line of valid JSON that encodes to UTF-8: characters as
    themselves, unless a string holds a lone surrogate; then every non-ASCII character is
    escaped (``\\ud800``), which JSON allows and which reads back as given. A NaN or
    infinite number, which JSON cannot hold, is written as ``null``."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        value = _finite(value)
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return json.dumps(value, allow_nan=False) if lone_surrogate(text) else text


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value

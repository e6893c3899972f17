"""The batch reader of ``ask --jsonl`` and ``verify --jsonl`` (``dsrqa.batch``): every
line of input becomes a request or an error, never an exception, and every output line
is valid UTF-8 JSON."""

from __future__ import annotations

import io
import json
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dsrqa.batch import MAX_LINE_BYTES, BatchLine, dump_json, parse_line, read_batch

BOM = b"\xef\xbb\xbf"
# any code point, lone surrogates included
ANY_CHAR = st.characters() | st.characters(categories=["Cs"])
# JSON values of every kind
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR, max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "question", "text", "x"]), inner, max_size=3)
    ),
    max_leaves=4,
)
IDS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.text(ANY_CHAR, max_size=5)
    | st.lists(st.integers(), max_size=2)
)


def encoded(value: Any, ascii_only: bool) -> bytes:
    """``value`` as JSON bytes; a lone surrogate is written as its escape, as JSON allows."""
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def lines() -> st.SearchStrategy[bytes]:
    """Any bytes, any JSON value, objects with odd ids and questions, with or without a
    byte-order mark, CR LF, or deep nesting."""
    objects = st.builds(
        lambda i, q, a: encoded({"id": i, "question": q}, a),
        IDS,
        JSON_VALUES,
        st.booleans(),
    )
    values = st.builds(encoded, JSON_VALUES, st.booleans())
    nested = st.builds(
        lambda n, c: c * n + c.translate(bytes.maketrans(b"[{", b"]}")) * n,
        st.integers(1, 5000),
        st.sampled_from([b"[", b"{"]),
    )
    base = st.binary(max_size=80) | objects | values | nested | st.text().map(str.encode)
    return st.builds(
        lambda b, pre, post: pre + b + post,
        base,
        st.sampled_from([b"", BOM, b" ", BOM + b"\t"]),
        st.sampled_from([b"", b"\n", b"\r\n", b" \n"]),
    )


def check(item: BatchLine, number: int) -> None:
    """A request (text and a usable id) or an error naming the line, never both; both
    dump to UTF-8 JSON that reads back with the same id."""
    assert isinstance(item, BatchLine) and item.number == number
    assert (item.text is None) != (item.error is None)
    assert item.id is None or type(item.id) in (str, int, float)
    if isinstance(item.id, float):
        assert math.isfinite(item.id)
    if item.text is not None:
        assert item.text.strip() == item.text and item.text
        assert item.text.encode("utf-8")  # no lone surrogate: real text
    else:
        assert f"line {number}" in str(item.error)
        dumped = dump_json(item.error_object())
        back = json.loads(dumped.encode("utf-8"))
        assert back["error"] == item.error and back["line"] == number
        assert back["id"] == item.id


@settings(max_examples=10_000, deadline=None)
@given(lines(), st.integers(1, 10**6))
def test_any_line_is_a_request_or_an_error_never_an_exception(raw: bytes, number: int) -> None:
    for key in ("question", "text"):
        check(parse_line(raw, number, key), number)


@settings(max_examples=2_000, deadline=None)
@given(
    st.none() | st.text(max_size=30) | st.integers() | st.floats(allow_nan=False),
    st.text(min_size=1, max_size=50).filter(str.strip),
    st.booleans(),
    st.booleans(),
)
def test_an_object_line_echoes_its_id_as_given(
    item_id: Any, question: str, ascii_only: bool, bom: bool
) -> None:
    raw = (BOM if bom else b"") + encoded({"id": item_id, "question": question}, ascii_only)
    item = parse_line(raw, 1, "question")
    if isinstance(item_id, float) and not math.isfinite(item_id):
        assert item.error is not None and "finite" in item.error and item.id is None
    elif item.error is None:
        assert item.id == item_id and type(item.id) is type(item_id)
        assert item.text == question.strip()
    else:  # only a question with nothing but control characters or white space
        assert item.id == item_id


@pytest.mark.parametrize(
    ("raw", "item_id", "message"),
    [
        (b'{"id": "a", "question": "q"}', "a", None),
        (BOM + b'{"id": "a", "question": "q"}', "a", None),
        (b'{"id": 7, "question": "q"}', 7, None),
        (b'{"id": 2.5, "question": "q"}', 2.5, None),
        (b'{"id": null, "question": "q"}', None, None),
        (b"plain question?", None, None),
        (BOM + b"plain question?\r\n", None, None),
        (b'"Made in China 2025" is what?', None, None),
        (b"[DSR] what is it?", None, None),
        (b'{"id": "\\ud800", "question": "q"}', "\ud800", "lone surrogate"),
        (b'{"id": "s", "question": "a \\udc00 b"}', "s", "lone surrogate"),
        (b'{"id": "d", "question": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None, "deep"),
        (b"[" * 100_000 + b"]" * 100_000, None, "deep"),
        (b'["What is City Brain?"]', None, "a JSON array"),
        (b"42", None, "a JSON number"),
        (b'"What is City Brain?"', None, "a JSON string"),
        (b"null", None, "JSON null"),
        (b"true", None, "a JSON boolean"),
        (b'{"id": true, "question": "q"}', None, "string or a number"),
        (b'{"id": [1], "question": "q"}', None, "string or a number"),
        (b'{"id": {"a": 1}, "question": "q"}', None, "string or a number"),
        (b'{"id": 1e400, "question": "q"}', None, "finite"),
        (b'{"id": NaN, "question": "q"}', None, "NaN"),
        (b'{"id": -Infinity, "question": "q"}', None, "Infinity"),
        (b'{"id": ' + b"9" * 5000 + b', "question": "q"}', None, "digits"),
        (b'{"id": "q", "question": ["a"]}', "q", "must be a string"),
        (b'{"id": "q", "question": null}', "q", "must be a string"),
        (b'{"id": "q"}', "q", '"question"'),
        (b'{"id": "q", "text": "a text"}', "q", '"question"'),
        (b"{broken json", None, "not valid JSON"),
        (b"\xff\xfe invalid utf-8", None, "not valid UTF-8"),
        (b"\xff\xfe{\x00}\x00", None, "not valid UTF-8"),
        (b"", None, "empty"),
        (b"  \t \r\n", None, "empty"),
        (BOM, None, "empty"),
    ],
)
def test_each_kind_of_line(raw: bytes, item_id: Any, message: str | None) -> None:
    item = parse_line(raw, 3, "question")
    check(item, 3)
    assert item.id == item_id
    if message is None:
        assert item.error is None
    else:
        assert item.error is not None and message in item.error, item.error


def test_the_key_is_the_commands_own() -> None:
    assert parse_line(b'{"id": 1, "text": "quote"}', 1, "text").text == "quote"
    assert '"text"' in str(parse_line(b'{"id": 1, "question": "q"}', 1, "text").error)


def test_read_batch_gives_one_item_per_line_in_order() -> None:
    data = b"\n".join(
        [
            BOM + b'{"id": "a", "question": "one"}',
            b"",
            b"x" * (MAX_LINE_BYTES + 10),
            b"\xff",
            b'{"id": "e", "question": "five"}',
            b"six",
        ]
    )  # no newline at the end: the last line still counts
    items = list(read_batch(io.BytesIO(data), "question"))
    assert [i.number for i in items] == [1, 2, 3, 4, 5, 6]
    assert [i.id for i in items] == ["a", None, None, None, "e", None]
    assert [i.text for i in items] == ["one", None, None, None, "five", "six"]
    assert "more than" in str(items[2].error)


def test_an_exactly_full_line_is_read_whole() -> None:
    body = b'"' + b"x" * (MAX_LINE_BYTES - 2) + b'"'  # a JSON string: refused as such
    items = list(read_batch(io.BytesIO(body + b"\nnext\n"), "question"))
    assert [i.text for i in items] == [None, "next"]
    assert "a JSON string" in str(items[0].error)


@pytest.mark.parametrize(
    "value",
    [{"id": "\ud800", "error": "x"}, {"id": "a", "text": "é\udcff"}, {"id": "ok", "t": "é"}],
)
def test_dump_json_is_always_valid_utf8(value: dict[str, Any]) -> None:
    text = dump_json(value)
    assert json.loads(text.encode("utf-8")) == value
    assert "\n" not in text


def test_dump_json_writes_a_number_json_cannot_hold_as_null() -> None:
    value = {"score": float("nan"), "passages": [{"dense": float("-inf")}], "k": 1.5}
    assert json.loads(dump_json(value)) == {"score": None, "passages": [{"dense": None}], "k": 1.5}


# --------------------------------------------- the evaluation sets: the same line rules
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[1]\n", ":1 is a JSON array; expected an object"),
        (b'{"a": 1}\n"text"\n', ":2 is a JSON string"),
        (b"[" * 100_000 + b"]" * 100_000 + b"\n", ":1 is JSON nested too deeply"),
        (b'{"a": ' + b"9" * 5000 + b"}\n", ":1 is not valid JSON"),
        (b"{broken\n", ":1 is not valid JSON"),
        (b"\xff\n", "cannot read"),
    ],
)
def test_an_evaluation_set_refuses_a_bad_line_by_its_number(
    tmp_path: Any, body: bytes, message: str
) -> None:
    from dsrqa.errors import BadInputError
    from dsrqa.gold import jsonl_objects

    path = tmp_path / "set.jsonl"
    path.write_bytes(body)
    with pytest.raises(BadInputError, match=re.escape(message)):
        jsonl_objects(path, "gold set")


def test_an_evaluation_set_may_start_with_a_byte_order_mark(tmp_path: Any) -> None:
    from dsrqa.gold import jsonl_objects

    path = tmp_path / "set.jsonl"
    path.write_bytes(BOM + b'{"id": "a"}\n\n{"id": "b"}\n')
    assert jsonl_objects(path, "gold set") == [(1, {"id": "a"}), (3, {"id": "b"})]

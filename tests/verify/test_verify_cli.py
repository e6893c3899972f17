"""dsrqa verify on the command line."""

from __future__ import annotations

import json

import pytest

from dsrqa.verify import VERDICTS

from ..test_cli import assert_clean_error, run
from .helpers import WRAPPED


@pytest.mark.integration
def test_cli_verify_json_and_jsonl_with_a_bad_line_in_the_middle(built_index) -> None:
    one = run("verify", WRAPPED, "--json", index=built_index)
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["verdict"] == "verbatim"
    lines = b'{"id": "a", "text": "tech giants"}\n{not json\n{"id": "b"}\nplain text line\n'
    many = run("verify", "--jsonl", stdin=lines, index=built_index)
    out = [json.loads(x) for x in many.stdout.decode().splitlines()]
    assert many.returncode == 2, "a bad line makes the exit code say so"
    assert out[0]["id"] == "a" and out[0]["verdict"] == "verbatim"
    assert [o.get("line") for o in out[1:3]] == [2, 3] and all("error" in o for o in out[1:3])
    assert out[3]["verdict"] in VERDICTS


@pytest.mark.integration
def test_cli_verify_refuses_an_empty_text_in_one_line(built_index) -> None:
    assert_clean_error(run("verify", "  ", index=built_index), 2, "empty")
    assert_clean_error(run("verify", index=built_index), 2, "no text given")

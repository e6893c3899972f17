"""The Verifier as a whole (verify/pipeline.py): warm-up, the host's garbage collector,
JSON, threads, and any text."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsrqa.errors import BadInputError
from dsrqa.verify import VERDICTS, Verifier

from .helpers import ON_CORPUS, WRAPPED


@pytest.mark.integration
def test_warm_works_out_every_candidates_figures_and_names_before_any_text(qa) -> None:
    v = qa.verifier()
    before = v.verify("Alibaba had 22 data centers outside China in 2018.").to_dict()
    assert v.warm() is v
    c = v.candidates
    assert len(c.figures_at) == len(c.names_at) == len(c.polarity_at) == len(c) > 0
    assert v.verify("Alibaba had 22 data centers outside China in 2018.").to_dict() == before


@pytest.mark.integration
def test_the_verifier_leaves_the_host_process_garbage_collector_alone(qa) -> None:
    import gc

    # gc.freeze() changes the whole process: the CLI and the app may call it, not the library
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    Verifier(qa.index).warm()
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)


@pytest.mark.integration
def test_verification_json_has_the_documented_schema(qa) -> None:
    data = json.loads(json.dumps(qa.verify(WRAPPED, id="q1").to_dict()))
    assert set(data) >= {"id", "text", "verdict", "matches", "mismatches"}
    assert data["id"] == "q1" and data["verdict"] in VERDICTS
    assert set(data["matches"][0]) >= {
        "report",
        "section",
        "file",
        "line_start",
        "line_end",
        "quote",
        "score",
    }


@pytest.mark.integration
def test_threads_verifying_at_once_get_the_same_results_as_one_thread(qa) -> None:
    texts = [WRAPPED, "Huawei built 300 data centres in Kenya in 2015.", "tech giants"] * 20
    alone = [qa.verify(t).to_dict() for t in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda t: qa.verify(t).to_dict(), texts))
    assert together == alone


@pytest.mark.integration
@ON_CORPUS
@given(text=st.text(max_size=400))
def test_any_text_gets_a_verdict_or_a_bad_input_error(qa, text: str) -> None:
    try:
        v = qa.verify(text)
    except BadInputError:
        return
    assert v.verdict in VERDICTS
    assert v.verdict != "verbatim" or not v.mismatches

"""The learned answer path: candidates, ranker, calibrated confidence and abstention."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dsrqa.errors import BadInputError
from dsrqa.ranking import FEATURES, LinearModel
from dsrqa.types import Abstention


def test_a_linear_model_round_trips_through_json_and_refuses_unknown_features() -> None:
    model = LinearModel(("sentence_cos", "coverage"), (0.5, 0.2), (0.1, 0.3), (2.0, -1.0), 0.25)
    again = LinearModel.from_dict(json.loads(json.dumps(model.to_dict())), set(FEATURES))
    x = np.array([[0.6, 0.5], [0.4, 0.0]])
    assert np.allclose(again.score(x), model.score(x))
    assert np.allclose(model.probability(x), 1 / (1 + np.exp(-model.score(x))))
    with pytest.raises(ValueError, match="unknown features"):
        LinearModel.from_dict({**model.to_dict(), "features": ["magic", "coverage"]}, set(FEATURES))
    with pytest.raises(ValueError, match="one finite value"):
        LinearModel.from_dict({**model.to_dict(), "scale": [0.0, 1.0]}, set(FEATURES))


def test_expected_calibration_error_is_zero_when_confidence_is_the_hit_rate() -> None:
    from dsrqa.fit import expected_calibration_error

    prob = np.array([0.25] * 4 + [0.75] * 4)
    right = np.array([1, 0, 0, 0, 1, 1, 1, 0])
    assert expected_calibration_error(prob, right) == pytest.approx(0.0)
    assert expected_calibration_error(np.ones(4), np.zeros(4)) == pytest.approx(1.0)


def test_unknown_ranker_or_abstention_setting_is_refused() -> None:
    from dsrqa.config import Config

    with pytest.raises(BadInputError, match="ranker must be one of"):
        Config().with_overrides(["ranker=magic"])
    assert Config().with_overrides(["encoder_finetune=false"]).encoder_finetune is False


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    [
        "How many intersections got smart traffic lights from Alibaba's City Brain?",
        "Who won the 2018 FIFA World Cup?",
        "What is the Digital Silk Road?",
        "asdf qwerty zxcv",
    ],
)
def test_confidence_is_a_probability_and_abstention_follows_it(qa, question: str) -> None:
    result = qa.ask(question)
    assert 0.0 <= result.confidence <= 1.0
    threshold = qa.index.calibration.threshold
    assert result.abstained == (result.confidence < threshold)
    assert result.abstention is (Abstention.LOW_SCORE if result.abstained else Abstention.ANSWERED)


@pytest.mark.integration
def test_off_topic_questions_abstain_with_a_reason_that_holds(qa) -> None:
    cup = qa.ask("Who won the 2018 FIFA World Cup?")
    assert cup.abstained and "no passage of the reports names" in cup.reason
    for name in cup.reason.split("names ", 1)[1].split(";")[0].split(", "):
        assert name.lower() not in " ".join(p.index_text for p in qa.index.passages).lower()
    noise = qa.ask("a\x01b\x1b[2Jc")
    assert noise.abstained and noise.answer is None


@pytest.mark.integration
def test_an_unknown_retrieval_mode_is_refused(qa) -> None:
    with pytest.raises(BadInputError, match="unknown retrieval mode"):
        qa.ask("What is City Brain?", mode="magic")


@pytest.mark.integration
def test_the_learned_ranker_answers_a_paraphrase_the_hand_weights_miss(qa) -> None:
    from dataclasses import replace

    from dsrqa.qa import QA

    question = "What made Beijing crack down on its big tech firms?"
    learned = qa.ask(question).candidate
    assert learned is not None and "crackdown" in learned.text
    hand = QA(replace(qa.index, config=replace(qa.config, ranker="hand"))).ask(question).candidate
    assert hand is not None and "crackdown" not in hand.text


@pytest.mark.integration
@pytest.mark.xfail(
    strict=True,
    reason="known miss: the capital question names nothing the "
    "reports lack, and its best sentence scores over the threshold",
)
def test_a_question_in_another_domain_abstains(qa) -> None:
    assert qa.ask("What is the capital of France?").abstained


@pytest.mark.integration
def test_two_sentence_answer_units_are_the_reports_text_at_their_cited_lines(qa) -> None:
    """An answer may be two neighbouring sentences of a paragraph: cited together, from
    the first one's first line to the second one's last, and verbatim there."""
    store = qa.index.sentences
    assert len(store.pairs) > 100
    for a, b in store.pairs[:: len(store.pairs) // 12]:
        first, second = store[int(a)], store[int(b)]
        assert first.report_id == second.report_id and int(b) == int(a) + 1
        check = qa.verify(f"{first.text} {second.text}")
        assert check.verdict == "verbatim"
        cited = check.matches[0].citation
        assert (cited.line_start, cited.line_end) == (first.line_start, second.line_end)


@pytest.mark.integration
def test_every_answer_is_verbatim_inside_the_lines_it_cites(qa) -> None:
    from pathlib import Path

    from dsrqa.gold import load_gold

    gold = Path(__file__).resolve().parents[1] / "eval" / "gold.jsonl"
    questions = [q for q in load_gold(gold, qa.index.catalog) if q.split == "dev"][:30]
    for q in questions:
        answer = qa.ask(q.question).candidate
        assert answer is not None
        check = qa.verify(answer.text)
        assert check.verdict == "verbatim", q.question
        cited = check.matches[0].citation
        assert answer.citation.line_start <= cited.line_start
        assert cited.line_end <= answer.citation.line_end
        assert answer.span in answer.text


@pytest.mark.integration
@pytest.mark.xfail(
    strict=True,
    reason="known miss: the answer is the third sentence of the paragraph; the lead-in "
    "sentence about Huawei's 5G MOUs ranks first, and a pair reaches one sentence on",
)
def test_an_answer_that_runs_on_into_a_later_sentence_is_found(qa) -> None:
    answer = qa.ask("Which vendor did Malaysia choose for its 5G network?").candidate
    assert answer is not None and "Ericsson" in answer.text


@pytest.mark.integration
def test_two_sentence_candidates_can_be_switched_off_for_ablation(qa) -> None:
    from dataclasses import replace

    from dsrqa.answer import question_kind
    from dsrqa.ranking import candidates
    from dsrqa.retrieval import retrieve

    question = "How did governments differ in the way they dropped Huawei from 5G?"
    qvec = qa.index.encoder.embed([question])[0]
    found = retrieve(qa.index, question, qvec)
    idf = qa.index.bm25.idf()
    kind = question_kind(question)
    with_pairs = candidates(qa.index, question, kind, qvec, found, idf)
    assert with_pairs.pair.any() and not with_pairs.pair.all()
    off = replace(qa.index, config=replace(qa.config, answer_pairs=False))
    without = candidates(off, question, kind, qvec, found, idf)
    assert not without.pair.any()
    assert set(without.sentence_ids) == set(with_pairs.sentence_ids[~with_pairs.pair])

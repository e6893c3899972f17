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

"""The polarity rules (verify/rules/polarity/) on the real corpus: a claim that says the
opposite of its sentence."""

from __future__ import annotations

import pytest


@pytest.mark.integration
@pytest.mark.parametrize(
    ("claim", "said"),
    [
        (
            "Malaysia's political leaders gave a formal explanation of why they rejected Huawei.",
            "'no'",
        ),
        (
            "Some nations never barred Huawei, while others quietly drifted away from the firm.",
            "'never'",
        ),
        ("Alibaba today ranks among the smallest e-commerce firms in the world.", "'largest'"),
    ],
)
def test_a_claim_that_says_the_opposite_of_its_sentence_is_not_found(qa, claim, said) -> None:
    v = qa.verify(claim)
    assert v.verdict == "not_found" and said in v.reason and "opposite" in v.reason
    assert v.matches, "the sentence it reverses is cited"


@pytest.mark.integration
def test_a_negative_sentence_said_negatively_in_other_words_stays_supported(qa) -> None:
    # the report: "offered no formal explanation as to why they rejected Huawei"
    v = qa.verify(
        "Malaysian political leaders gave no official reason for why they spurned Huawei."
    )
    assert v.verdict == "supported"

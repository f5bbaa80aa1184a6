"""R4: a double may never exceed what the performer originally agreed to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.consent import (
    Answer,
    ContentItem,
    DoubleItem,
    DoubleKind,
    Item,
    NudityItem,
    SceneConsent,
    act,
    edit,
    give,
    receive,
    withdraw,
)
from closedset.rules.doubles import double_violations

BACK_FULL = NudityItem("back", "fully_visible")
BACK_PARTIAL = NudityItem("back", "partially_visible")
KISS = give("luis", act("kiss", "neck", mouth="closed"))
BODY_BACK = DoubleItem(DoubleKind.BODY, BACK_FULL)
DIGITAL_BACK = DoubleItem(DoubleKind.DIGITAL, BACK_FULL)


def ana(answers: dict[Item, Answer]) -> SceneConsent:
    return SceneConsent("ana", "s1", answers=answers)


ORIGINAL = ana({BACK_FULL: Answer.YES, BODY_BACK: Answer.YES, KISS: Answer.YES})


def codes(original: SceneConsent, doubles: list[DoubleItem], **kwargs: object) -> list[str]:
    return [p.code for p in double_violations(original, doubles, **kwargs)]  # type: ignore[arg-type]


def test_a_double_within_the_original_agreement_is_accepted() -> None:
    assert double_violations(ORIGINAL, [BODY_BACK]) == []


def test_after_a_withdrawal_the_double_is_measured_against_the_original() -> None:
    current = withdraw(ORIGINAL)
    assert current.answers[BACK_FULL] is Answer.NO
    assert double_violations(ORIGINAL, [BODY_BACK], current=current) == []


def test_a_double_may_not_do_what_the_performer_never_agreed_to() -> None:
    problems = double_violations(ORIGINAL, [DoubleItem(DoubleKind.BODY, BACK_PARTIAL)])
    assert [(p.rule, p.code) for p in problems] == [("R4", "double_exceeds_original")]
    assert problems[0].message.startswith("R4: a double may not exceed")


@pytest.mark.parametrize("answer", [Answer.NO, Answer.DISCUSS, None])
def test_content_not_agreed_in_the_original_is_refused(answer: Answer | None) -> None:
    original = edit(ORIGINAL, {BACK_FULL: answer})
    assert codes(original, [BODY_BACK]) == ["double_exceeds_original"]


def test_the_kind_of_double_must_have_been_agreed() -> None:
    assert codes(ORIGINAL, [DIGITAL_BACK]) == ["double_not_agreed"]


def test_a_double_permission_withdrawn_by_name_refuses_the_double() -> None:
    current = withdraw(ORIGINAL, [BODY_BACK])
    assert codes(ORIGINAL, [BODY_BACK], current=current) == ["double_withdrawn"]


def test_a_minors_original_cannot_open_a_double_for_nudity() -> None:
    assert codes(ORIGINAL, [BODY_BACK], age=17) == ["minor_content"]
    kiss_double = DoubleItem(DoubleKind.BODY, KISS)
    original = edit(ORIGINAL, {kiss_double: Answer.YES})
    assert codes(original, [kiss_double], age=17) == ["guardian_cosignature_required"]


def test_a_double_outside_the_vocabulary_is_refused() -> None:
    odd = DoubleItem(DoubleKind.BODY, NudityItem("back", "blurred"))
    assert codes(ORIGINAL, [odd], age=17) == ["invalid_double"]


def test_the_current_consent_must_be_the_same_performers_and_scene() -> None:
    with pytest.raises(ValueError):
        double_violations(ORIGINAL, [BODY_BACK], current=SceneConsent("luis", "s1"))
    with pytest.raises(ValueError):
        double_violations(ORIGINAL, [BODY_BACK], current=SceneConsent("ana", "s2"))


CONTENT: list[ContentItem] = [
    BACK_FULL,
    BACK_PARTIAL,
    KISS,
    receive("luis", act("caress", "face")),
]
DOUBLES = [DoubleItem(kind, item) for kind in DoubleKind for item in CONTENT]
ANSWERS = st.dictionaries(st.sampled_from([*CONTENT, *DOUBLES]), st.sampled_from(Answer))


@settings(max_examples=300, deadline=None)
@given(ANSWERS, st.lists(st.sampled_from(DOUBLES), max_size=4))
def test_a_double_never_exceeds_the_original(
    answers: dict[Item, Answer], doubles: list[DoubleItem]
) -> None:
    original = ana(answers)
    refused = {p.item for p in double_violations(original, doubles)}
    for double in doubles:
        within = answers.get(double.covers) is Answer.YES and answers.get(double) is Answer.YES
        assert (double not in refused) is within

"""R10: no nudity or sexual content for a performer under 18; a guardian co-signs kiss and touch."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.choreography import Beat, Status, validate
from closedset.rules.consent import (
    Answer,
    ContactItem,
    Direction,
    DoubleItem,
    DoubleKind,
    Item,
    ModestyItem,
    NudityItem,
    SceneConsent,
    SoloItem,
    Standing,
    act,
    barred_for_minors,
    edit,
    give,
    needs_guardian,
    receive,
    standing,
    validate_consent,
    withdraw,
)
from closedset.rules.container import container
from closedset.rules.minors import (
    ADULT_AGE,
    age_on,
    barred_act,
    barred_exposure,
    barred_modesty,
    is_minor,
)

SETTINGS = settings(max_examples=200, deadline=None)
KISS = act("kiss", "lips", mouth="closed")
HOLD = act("hold_embrace", "shoulders")


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2009, 6, 15), date(2026, 6, 14), 16),
        (date(2009, 6, 15), date(2026, 6, 15), 17),
        (date(2008, 6, 15), date(2026, 6, 15), 18),
        (date(2008, 6, 15), date(2026, 6, 14), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 17),  # a leap-day birthday counts from 1 March
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2024, 2, 29), 16),
        (date(2026, 1, 1), date(2026, 1, 1), 0),
    ],
)
def test_age_on(born: date, day: date, age: int) -> None:
    assert age_on(born, day) == age


def test_a_day_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        age_on(date(2020, 1, 2), date(2020, 1, 1))


@pytest.mark.parametrize(("age", "minor"), [(None, False), (0, True), (17, True), (18, False)])
def test_is_minor(age: int | None, minor: bool) -> None:
    assert ADULT_AGE == 18
    assert is_minor(age) is minor


@pytest.mark.parametrize(
    ("item", "barred", "guardian"),
    [
        (give("luis", KISS), False, True),
        (receive("luis", HOLD), False, True),
        (give("luis", act("straddle", clothing="clothed")), False, True),
        (give("luis", act("straddle", clothing="unclothed")), True, False),
        (give("luis", act("body_press", clothing="unclothed")), True, False),
        (give("luis", act("caress", "genitals")), True, False),
        (receive("luis", act("simulated_thrusting")), True, False),
        (SoloItem(act("simulated_masturbation")), True, False),
        (SoloItem(act("caress", "face")), False, True),
        (NudityItem("back", "implied_covered"), True, False),
        (NudityItem("back", "fully_visible"), True, False),
        (NudityItem("back", "not_shown"), False, False),
        (ModestyItem("pasties"), True, False),
        (ModestyItem("g_string"), True, False),
        (ModestyItem("underwear_or_swimsuit"), False, False),
        (DoubleItem(DoubleKind.BODY, NudityItem("back", "fully_visible")), True, False),
        (DoubleItem(DoubleKind.BODY, give("luis", KISS)), False, True),
    ],
)
def test_what_r10_bars_and_what_needs_a_guardian(item: Item, barred: bool, guardian: bool) -> None:
    assert barred_for_minors(item) is barred
    assert needs_guardian(item) is guardian


def test_vocabulary_level_predicates() -> None:
    assert barred_act("simulated_oral_sex", None)
    assert barred_act("lie_on_top", None, {"clothing": "unclothed"})
    assert not barred_act("lie_on_top", None, {"clothing": "clothed"})
    assert barred_exposure("partially_visible")
    assert not barred_exposure("not_shown")
    assert barred_modesty("pasties")
    assert not barred_modesty("underwear_or_swimsuit")


def minor(answers: dict[Item, Answer], **kwargs: object) -> SceneConsent:
    return SceneConsent("maya", "s1", answers=answers, **kwargs)  # type: ignore[arg-type]


def problems(consent: SceneConsent, age: int | None = 17) -> list[tuple[str, str]]:
    found = validate_consent(consent, partners={"maya", "luis"}, age=age)
    return [(p.rule, p.code) for p in found]


@pytest.mark.parametrize("answer", [Answer.YES, Answer.DISCUSS])
def test_a_minors_nudity_answer_other_than_no_is_refused(answer: Answer) -> None:
    consent = minor({NudityItem("back", "fully_visible"): answer})
    assert problems(consent) == [("R10", "minor_content")]
    message = validate_consent(consent, partners=set(), age=17)[0].message
    assert message.startswith("R10: ")
    assert problems(consent, age=18) == []
    assert problems(consent, age=None) == []


def test_a_minors_no_is_always_accepted() -> None:
    consent = minor(
        {
            NudityItem("back", "fully_visible"): Answer.NO,
            receive("luis", act("simulated_thrusting")): Answer.NO,
            give("luis", KISS): Answer.NO,
        }
    )
    assert problems(consent) == []


def test_a_minors_kiss_needs_a_named_guardians_cosignature() -> None:
    consent = minor({give("luis", KISS): Answer.YES, receive("luis", KISS): Answer.DISCUSS})
    assert problems(consent) == [("R10", "guardian_cosignature_required")]
    assert problems(minor(dict(consent.answers), guardian_name="Rosa Díaz")) == [
        ("R10", "guardian_cosignature_required")
    ]
    assert problems(minor(dict(consent.answers), guardian_signed=True)) == [
        ("R10", "guardian_cosignature_required")
    ]
    signed = minor(dict(consent.answers), guardian_name="Rosa Díaz", guardian_signed=True)
    assert problems(signed) == []
    assert standing(signed, give("luis", KISS), age=17) is Standing.AGREED
    assert standing(consent, give("luis", KISS), age=17) is Standing.GUARDIAN_NEEDED


def test_a_new_yes_needs_a_new_cosignature_but_a_withdrawal_does_not() -> None:
    signed = minor(
        {give("luis", KISS): Answer.YES, give("luis", HOLD): Answer.YES},
        guardian_name="Rosa Díaz",
        guardian_signed=True,
    )
    assert problems(withdraw(signed, [give("luis", HOLD)])) == []
    added = edit(signed, {receive("luis", HOLD): Answer.YES})
    assert ("R10", "guardian_cosignature_required") in problems(added)


def test_underwear_or_swimsuit_is_open_to_a_minor() -> None:
    assert problems(minor({ModestyItem("underwear_or_swimsuit"): Answer.YES})) == []
    assert problems(minor({ModestyItem("g_string"): Answer.YES})) == [("R10", "minor_content")]


# --- property: a minor never reaches an agreed nudity or sexual-content answer ----------------

ACTS = [
    KISS,
    HOLD,
    act("body_press", clothing="unclothed"),
    act("body_press", clothing="clothed"),
    act("simulated_thrusting"),
    act("simulated_oral_sex"),
    act("caress", "genitals"),
    act("straddle", clothing="unclothed"),
]
MINOR_ITEMS: list[Item] = [
    *(ContactItem(d, "luis", a) for d in Direction for a in ACTS),
    *(
        NudityItem(p, v)
        for p in ("back", "genitals_frontal")
        for v in ("implied_covered", "fully_visible")
    ),
    ModestyItem("pasties"),
    ModestyItem("g_string"),
    SoloItem(act("simulated_masturbation")),
    DoubleItem(DoubleKind.DIGITAL, NudityItem("back", "fully_visible")),
]
BARRED = [item for item in MINOR_ITEMS if barred_for_minors(item)]
ANSWERS = st.dictionaries(st.sampled_from(MINOR_ITEMS), st.sampled_from(Answer))


def everyone_agrees(minor_answers: dict[Item, Answer], signed: bool) -> dict[str, SceneConsent]:
    adult: dict[Item, Answer] = {}
    for item in MINOR_ITEMS:
        if isinstance(item, ContactItem):
            other = Direction.RECEIVE if item.direction is Direction.GIVE else Direction.GIVE
            adult[ContactItem(other, "maya", item.act)] = Answer.YES
            adult[ContactItem(item.direction, "maya", item.act)] = Answer.YES
    return {
        "maya": minor(minor_answers, guardian_name="Rosa Díaz", guardian_signed=signed),
        "luis": SceneConsent("luis", "s1", answers=adult),
    }


@SETTINGS
@given(ANSWERS, st.booleans(), st.integers(0, 17))
def test_a_minor_never_reaches_agreed_nudity_or_sexual_content(
    answers: dict[Item, Answer], signed: bool, age: int
) -> None:
    consents = everyone_agrees(answers, signed)
    cast = {"maya": age, "luis": 30}
    refused = {p.item for p in validate_consent(consents["maya"], partners=cast, age=age)}
    box = container(consents, cast)
    for item in BARRED:
        assert standing(consents["maya"], item, age=age) is Standing.BARRED
        if answers.get(item, Answer.NO) is not Answer.NO:
            assert item in refused
    for shown in box.exposure.get("maya", frozenset()):
        assert not barred_for_minors(shown)
    for (doer, receiver), acts in box.contact.items():
        if "maya" in (doer, receiver):
            assert all(not barred_act(a.action, a.area, a.parameters) for a in acts)
    beats = [Beat(i, ("luis",), a, "maya") for i, a in enumerate(ACTS)]
    beats += [Beat(i + 100, ("maya",), a, "luis") for i, a in enumerate(ACTS)]
    for beat, result in zip(beats, validate(beats, consents, cast), strict=True):
        assert beat.act is not None
        if barred_act(beat.act.action, beat.act.area, beat.act.parameters):
            assert result.status is Status.PROHIBITED
            assert any(r.rule == "R10" for r in result.reasons)
    dress = [
        Beat(200, ("maya",), None, dress={"maya": frozenset({item})})
        for item in BARRED
        if isinstance(item, NudityItem | ModestyItem)
    ]
    assert all(r.status is Status.PROHIBITED for r in validate(dress, consents, cast))

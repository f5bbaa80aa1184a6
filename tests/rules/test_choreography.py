"""Beats checked against everyone's consent; what the coordinator and the director see."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.choreography import (
    Beat,
    BeatResult,
    ChoreographyPolicy,
    DirectorStatus,
    ReasonCode,
    Status,
    beat_from_json,
    beat_problems,
    beat_to_json,
    describe_beat,
    for_director,
    reason_text,
    requirements,
    validate,
)
from closedset.rules.consent import (
    Act,
    Answer,
    ContactItem,
    Direction,
    Exposure,
    Item,
    ModestyItem,
    NudityItem,
    SceneConsent,
    SoloItem,
    act,
    edit,
    give,
    receive,
    withdraw,
)
from closedset.rules.vocabulary import possible_genital_contact

KISS = act("kiss", "lips", mouth="closed")
KISS_TONGUE = act("kiss", "lips", mouth="tongue")
NECK = act("kiss", "neck", mouth="closed")
HOLD = act("hold_embrace", "hips")
PRESS = act("body_press", clothing="unclothed")
THRUST = act("simulated_thrusting")
CAST: dict[str, int | None] = {"ana": 31, "luis": 34, "maya": None}
NAMES = {"ana": "Ana", "luis": "Luis", "maya": "Maya"}
BACK = NudityItem("back", "fully_visible")
GENITALS = NudityItem("genitals_frontal", "partially_visible")


def consent(performer: str, answers: dict[Item, Answer]) -> SceneConsent:
    return SceneConsent(performer, "s1", answers=answers)


def yes(*items: Item) -> dict[Item, Answer]:
    return dict.fromkeys(items, Answer.YES)


def kiss_agreed() -> dict[str, SceneConsent]:
    return {
        "ana": consent("ana", yes(give("luis", KISS), receive("luis", KISS), BACK)),
        "luis": consent("luis", yes(give("ana", KISS), receive("ana", KISS), give("ana", HOLD))),
    }


def one(beat: Beat, consents: dict[str, SceneConsent], **kwargs: object) -> BeatResult:
    [result] = validate([beat], consents, CAST, **kwargs)  # type: ignore[arg-type]
    return result


def reasons(result: BeatResult) -> list[tuple[str, ReasonCode, str | None]]:
    return [(r.rule, r.code, r.performer) for r in result.reasons]


# --- statuses -------------------------------------------------------------------------------


def test_a_beat_everyone_agreed_to_is_ok() -> None:
    result = one(Beat(1, ("ana",), KISS, "luis"), kiss_agreed())
    assert result.status is Status.OK
    assert result.reasons == ()


def test_a_mutual_kiss_is_the_same_beat_from_either_side() -> None:
    assert one(Beat(1, ("luis",), KISS, "ana"), kiss_agreed()).status is Status.OK


def test_a_discuss_makes_the_beat_pending() -> None:
    consents = kiss_agreed()
    consents["luis"] = edit(consents["luis"], {receive("ana", KISS): Answer.DISCUSS})
    result = one(Beat(1, ("ana",), KISS, "luis"), consents)
    assert result.status is Status.PENDING
    assert reasons(result) == [("R3", ReasonCode.DISCUSS, "luis")]


@pytest.mark.parametrize(
    ("answer", "code"), [(Answer.NO, ReasonCode.NO), (None, ReasonCode.NOT_ANSWERED)]
)
def test_a_no_or_no_answer_puts_the_beat_outside(answer: Answer | None, code: ReasonCode) -> None:
    consents = kiss_agreed()
    consents["luis"] = edit(consents["luis"], {receive("ana", KISS): answer})
    result = one(Beat(1, ("ana",), KISS, "luis"), consents)
    assert result.status is Status.OUTSIDE
    assert reasons(result) == [("R3", code, "luis")]


def test_outside_outranks_pending() -> None:
    consents = kiss_agreed()
    consents["luis"] = edit(
        consents["luis"], {receive("ana", KISS): Answer.DISCUSS, give("ana", KISS): Answer.NO}
    )
    assert one(Beat(1, ("ana",), KISS, "luis"), consents).status is Status.OUTSIDE


def test_a_different_parameter_is_outside() -> None:
    assert one(Beat(1, ("ana",), KISS_TONGUE, "luis"), kiss_agreed()).status is Status.OUTSIDE


def test_a_one_way_contact_needs_one_direction() -> None:
    consents = kiss_agreed()
    assert one(Beat(1, ("luis",), HOLD, "ana"), consents).status is Status.OUTSIDE
    consents["ana"] = edit(consents["ana"], {receive("luis", HOLD): Answer.YES})
    assert one(Beat(1, ("luis",), HOLD, "ana"), consents).status is Status.OK
    assert one(Beat(1, ("ana",), HOLD, "luis"), consents).status is Status.OUTSIDE


def test_a_performer_without_consent_has_agreed_to_nothing() -> None:
    result = one(Beat(1, ("ana",), NECK, "maya"), kiss_agreed())
    assert result.status is Status.OUTSIDE
    assert ("R3", ReasonCode.NOT_ANSWERED, "maya") in reasons(result)


def test_every_doer_needs_their_own_agreement() -> None:
    consents = kiss_agreed()
    consents["ana"] = edit(consents["ana"], {receive("luis", HOLD): Answer.YES})
    consents["maya"] = consent("maya", yes(give("ana", HOLD)))
    beat = Beat(1, ("luis", "maya"), HOLD, "ana")
    result = one(beat, consents)
    assert result.status is Status.OUTSIDE
    assert reasons(result) == [("R3", ReasonCode.NOT_ANSWERED, "ana")]


def test_state_of_dress_needs_each_performers_agreement() -> None:
    consents = kiss_agreed()
    shown = Beat(1, ("ana",), None, dress={"ana": frozenset({BACK})})
    assert one(shown, consents).status is Status.OK
    more = Beat(
        2, ("ana",), None, dress={"ana": frozenset({NudityItem("back", "partially_visible")})}
    )
    assert one(more, consents).status is Status.OUTSIDE
    hidden = Beat(3, ("ana",), None, dress={"luis": frozenset({NudityItem("back", "not_shown")})})
    assert one(hidden, consents).status is Status.OK


def test_a_solo_act_needs_a_solo_answer() -> None:
    beat = Beat(1, ("ana",), act("caress", "abdomen"))
    assert one(beat, kiss_agreed()).status is Status.OUTSIDE
    consents = {"ana": consent("ana", yes(SoloItem(act("caress", "abdomen"))))}
    assert one(beat, consents).status is Status.OK


# --- prohibited: R5 and R10 -------------------------------------------------------------------


def thrust_agreed() -> dict[str, SceneConsent]:
    return {
        "ana": consent(
            "ana", yes(give("luis", THRUST), give("luis", PRESS), receive("luis", PRESS))
        ),
        "luis": consent(
            "luis", yes(receive("ana", THRUST), give("ana", PRESS), receive("ana", PRESS))
        ),
    }


@pytest.mark.parametrize(
    ("what", "barriers", "status"),
    [
        (THRUST, frozenset(), Status.PROHIBITED),
        (THRUST, frozenset({"robe", "knee_pads"}), Status.PROHIBITED),
        (THRUST, frozenset({"barrier_pad"}), Status.OK),
        (THRUST, frozenset({"modesty_pouch"}), Status.OK),
        (PRESS, frozenset(), Status.PROHIBITED),
        (PRESS, frozenset({"g_string"}), Status.OK),
    ],
)
def test_possible_genital_contact_needs_a_named_physical_barrier(
    what: Act, barriers: frozenset[str], status: Status
) -> None:
    result = one(Beat(1, ("ana",), what, "luis", barriers), thrust_agreed())
    assert result.status is status
    if status is Status.PROHIBITED:
        assert reasons(result) == [("R5", ReasonCode.NO_BARRIER, None)]


def test_r5_does_not_depend_on_anyones_answers() -> None:
    result = one(Beat(1, ("ana",), act("caress", "genitals"), "luis"), {})
    assert result.status is Status.PROHIBITED
    assert ("R5", ReasonCode.NO_BARRIER, None) in reasons(result)


def test_clothed_contact_needs_no_barrier() -> None:
    clothed = act("body_press", clothing="clothed")
    consents = {
        "ana": consent("ana", yes(give("luis", clothed), receive("luis", clothed))),
        "luis": consent("luis", yes(give("ana", clothed), receive("ana", clothed))),
    }
    assert one(Beat(1, ("ana",), clothed, "luis"), consents).status is Status.OK


def test_a_production_may_require_genital_coverage_at_all_times() -> None:
    policy = ChoreographyPolicy(genital_coverage=True)
    consents = {"ana": consent("ana", yes(GENITALS))}
    shown = Beat(1, ("ana",), None, dress={"ana": frozenset({GENITALS})})
    assert one(shown, consents).status is Status.OK
    result = one(shown, consents, policy=policy)
    assert result.status is Status.PROHIBITED
    assert reasons(result) == [("R5", ReasonCode.GENITAL_COVERAGE, None)]
    covered = Beat(
        1,
        ("ana",),
        barriers=frozenset({"genital_prosthetic"}),
        dress={"ana": frozenset({GENITALS})},
    )
    assert one(covered, consents, policy=policy).status is Status.OK
    padded = Beat(2, ("ana",), THRUST, "luis", frozenset({"barrier_pad"}))
    assert one(padded, thrust_agreed(), policy=policy).status is Status.PROHIBITED
    assert one(padded, thrust_agreed()).status is Status.OK


def test_a_minor_in_nudity_or_sexual_content_is_prohibited() -> None:
    cast = {"ana": 31, "noa": 16}
    beats = [
        Beat(1, ("noa",), None, dress={"noa": frozenset({BACK})}),
        Beat(2, ("ana",), THRUST, "noa", frozenset({"barrier_pad"})),
        Beat(3, ("noa",), None, dress={"noa": frozenset({ModestyItem("pasties")})}),
    ]
    for result in validate(beats, {}, cast):
        assert result.status is Status.PROHIBITED
        assert [r.rule for r in result.reasons if r.status is Status.PROHIBITED] == ["R10"]
    swimsuit = Beat(
        4, ("noa",), None, dress={"noa": frozenset({ModestyItem("underwear_or_swimsuit")})}
    )
    assert validate([swimsuit], {}, cast)[0].status is Status.OUTSIDE  # needs a yes, not barred


def test_a_minors_kiss_needs_the_guardians_cosignature() -> None:
    cast = {"ana": 31, "noa": 17}
    noa = SceneConsent("noa", "s1", answers=yes(receive("ana", NECK)), guardian_name="Rosa Díaz")
    consents = {"ana": consent("ana", yes(give("noa", NECK))), "noa": noa}
    beat = Beat(1, ("ana",), NECK, "noa")
    [result] = validate([beat], consents, cast)
    assert result.status is Status.OUTSIDE
    assert reasons(result) == [("R10", ReasonCode.GUARDIAN_NEEDED, "noa")]
    consents["noa"] = SceneConsent(
        "noa", "s1", answers=noa.answers, guardian_name="Rosa Díaz", guardian_signed=True
    )
    assert validate([beat], consents, cast)[0].status is Status.OK


# --- malformed beats ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("beat", "code"),
    [
        (Beat(1, ()), "no_doer"),
        (Beat(1, ("ana",), HOLD, "noor"), "not_in_cast"),
        (Beat(1, ("ana",), HOLD, "ana"), "self_partner"),
        (Beat(1, ("ana",), None, "luis"), "no_act"),
        (Beat(1, ("ana",), act("hug", "hips"), "luis"), "invalid_act"),
        (Beat(1, ("ana",), act("kiss", "lips"), "luis"), "invalid_act"),
        (Beat(1, ("ana",), act("grip", "hands")), "invalid_act"),
        (Beat(1, ("ana",), HOLD, "luis", frozenset({"towel"})), "unknown_code"),
        (Beat(1, ("ana",), None, dress={"ana": frozenset({NudityItem("x", "y")})}), "unknown_code"),
        (Beat(1, ("ana",), None, dress={"noor": frozenset({BACK})}), "not_in_cast"),
    ],
)
def test_malformed_beats(beat: Beat, code: str) -> None:
    problems = beat_problems(beat, CAST)
    assert code in [p.code for p in problems]
    assert all(p.rule == "R3" and p.message.startswith("R3: ") for p in problems)
    result = one(beat, kiss_agreed())
    assert result.status is Status.OUTSIDE
    assert all(r.code is ReasonCode.INVALID for r in result.reasons)


def test_doers_are_deduplicated_in_order() -> None:
    assert Beat(1, ("luis", "ana", "luis")).doers == ("luis", "ana")


# --- results and views ----------------------------------------------------------------------


def test_results_follow_the_beats_and_placeholders_are_marked() -> None:
    beats = [
        Beat(3, ("ana",), KISS, "luis", placeholder=True),
        Beat(1, ("ana",), KISS_TONGUE, "luis"),
    ]
    results = validate(beats, kiss_agreed(), CAST)
    assert [(r.order, r.status, r.placeholder) for r in results] == [
        (3, Status.OK, True),
        (1, Status.OUTSIDE, False),
    ]


def test_the_director_sees_statuses_and_rule_ids_only() -> None:
    consents = kiss_agreed()
    consents["luis"] = edit(consents["luis"], {receive("ana", KISS): Answer.DISCUSS})
    beats = [
        Beat(1, ("ana",), KISS, "luis"),
        Beat(2, ("luis",), HOLD, "ana"),
        Beat(3, ("ana",), THRUST, "luis"),
        Beat(4, ("ana",), None, dress={"ana": frozenset({BACK})}, placeholder=True),
    ]
    shown = for_director(validate(beats, consents, CAST))
    assert [(d.order, d.status, d.rules, d.placeholder) for d in shown] == [
        (1, DirectorStatus.OUTSIDE, (), False),
        (2, DirectorStatus.OUTSIDE, (), False),
        (3, DirectorStatus.PROHIBITED, ("R5",), False),
        (4, DirectorStatus.OK, (), True),
    ]
    assert [d.text for d in shown] == [
        "Outside the agreement",
        "Outside the agreement",
        "Prohibited: R5: possible genital contact needs a named physical barrier",
        "Within the agreement",
    ]


def test_rule_ids_are_in_numeric_order_for_the_director() -> None:
    cast = {"ana": 31, "noa": 16}
    [shown] = for_director(validate([Beat(1, ("ana",), THRUST, "noa")], {}, cast))
    assert shown.rules == ("R5", "R10")


def test_the_coordinator_reads_every_reason_in_full() -> None:
    consents = kiss_agreed()
    consents["luis"] = edit(
        consents["luis"], {receive("ana", KISS): Answer.DISCUSS, give("ana", KISS): Answer.NO}
    )
    beats = [
        Beat(1, ("ana",), KISS, "luis"),
        Beat(2, ("ana",), NECK, "maya"),
        Beat(3, ("ana",), THRUST, "luis"),
        Beat(4, ("ana",), act("hug", "hips"), "luis"),
    ]
    texts = [
        reason_text(r, NAMES) for result in validate(beats, consents, CAST) for r in result.reasons
    ]
    assert (
        "R3: Luis has this to discuss: Receive from Ana: kiss on the lips (closed mouth)" in texts
    )
    assert "R3: Luis answered no: Give to Ana: kiss on the lips (closed mouth)" in texts
    assert "R3: Maya has not answered: Receive from Ana: kiss on the neck (closed mouth)" in texts
    assert "R3: unknown contact action 'hug'" in texts
    assert any(
        t.startswith("R5: possible genital contact: name a physical barrier (") for t in texts
    )
    for text in texts:
        assert text.startswith(("R3: ", "R5: ", "R10: "))


def test_consents_must_be_keyed_by_their_performer() -> None:
    with pytest.raises(ValueError):
        validate([], {"ana": consent("luis", {})}, CAST)


def test_validation_is_pure() -> None:
    consents = kiss_agreed()
    beats = [Beat(1, ("ana",), KISS, "luis"), Beat(2, ("ana",), THRUST, "luis")]
    before = copy.deepcopy((beats, consents))
    first = validate(beats, consents, CAST)
    assert validate(beats, consents, CAST) == first
    assert (beats, consents) == before


# --- properties -----------------------------------------------------------------------------

PEOPLE = ["ana", "luis", "maya"]
ADULTS: dict[str, int | None] = {"ana": 31, "luis": 34, "maya": 40}
ACTS = [KISS, KISS_TONGUE, NECK, HOLD, PRESS, act("body_press", clothing="clothed"), THRUST]
MUTUAL = {KISS, KISS_TONGUE, PRESS, act("body_press", clothing="clothed")}
SOLO = [act("caress", "abdomen"), act("simulated_masturbation")]
EXPOSURES: list[Exposure] = [
    BACK,
    NudityItem("back", "partially_visible"),
    NudityItem("buttocks", "not_shown"),
    GENITALS,
    ModestyItem("g_string"),
]
BARRIER_SETS = st.sampled_from(
    [frozenset(), frozenset({"robe"}), frozenset({"barrier_pad"}), frozenset({"modesty_pouch"})]
)


@st.composite
def beats(draw: st.DrawFn) -> Beat:
    doers = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True))
    others = [p for p in PEOPLE if p not in doers]
    receiver = draw(st.one_of(st.none(), st.sampled_from(others)))
    what = draw(st.sampled_from(ACTS) if receiver else st.sampled_from([None, *SOLO]))
    dress = draw(
        st.dictionaries(
            st.sampled_from(PEOPLE),
            st.frozensets(st.sampled_from(EXPOSURES), max_size=2),
            max_size=2,
        )
    )
    return Beat(
        draw(st.integers(1, 40)),
        tuple(doers),
        what,
        receiver,
        draw(BARRIER_SETS),
        dress,
        placeholder=draw(st.booleans()),
    )


def expected_needs(beat: Beat) -> set[tuple[str, Item]]:
    """The specification, written out: exactly this, in both directions."""
    needs: set[tuple[str, Item]] = set()
    if beat.act is not None and beat.receiver is not None:
        r = beat.receiver
        for d in beat.doers:
            needs |= {(d, give(r, beat.act)), (r, receive(d, beat.act))}
            if beat.act in MUTUAL:
                needs |= {(r, give(d, beat.act)), (d, receive(r, beat.act))}
    elif beat.act is not None:
        needs |= {(d, SoloItem(beat.act)) for d in beat.doers}
    for performer, shown in beat.dress.items():
        for item in shown:
            if not (isinstance(item, NudityItem) and item.visibility == "not_shown"):
                needs.add((performer, item))
    return needs


def r5_applies(beat: Beat) -> bool:
    if beat.act is None:
        return False
    contact = possible_genital_contact(beat.act.action, beat.act.area, beat.act.parameters)
    return contact and not beat.barriers & {"barrier_pad", "modesty_pouch"}


def universe(performer: str) -> list[Item]:
    items: list[Item] = [
        ContactItem(d, p, a) for d in Direction for p in PEOPLE if p != performer for a in ACTS
    ]
    return items + [SoloItem(a) for a in SOLO] + list(EXPOSURES)


LEANING_YES = st.sampled_from([Answer.YES, Answer.YES, Answer.YES, Answer.NO, Answer.DISCUSS, None])
NOT_YES = st.sampled_from([Answer.NO, Answer.DISCUSS, None])


@st.composite
def consents(draw: st.DrawFn) -> dict[str, SceneConsent]:
    result = {}
    for performer in PEOPLE:
        items = universe(performer)
        answers = draw(st.lists(LEANING_YES, min_size=len(items), max_size=len(items)))
        chosen = {item: a for item, a in zip(items, answers, strict=True) if a is not None}
        result[performer] = consent(performer, chosen)
    return result


SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(st.lists(beats(), min_size=1, max_size=6), consents())
def test_a_beat_is_ok_only_if_everyone_agreed_to_exactly_that(
    plan: list[Beat], everyone: dict[str, SceneConsent]
) -> None:
    assert (requirements(plan[0]) and True) or True
    for beat, result in zip(plan, validate(plan, everyone, ADULTS), strict=True):
        needs = expected_needs(beat)
        assert set(requirements(beat)) == needs
        all_yes = all(everyone[p].answers.get(item) is Answer.YES for p, item in needs)
        assert (result.status is Status.OK) is (all_yes and not r5_applies(beat))
        if result.status is Status.PENDING:
            assert all(
                everyone[p].answers.get(item) in (Answer.YES, Answer.DISCUSS) for p, item in needs
            )
        assert result.placeholder is beat.placeholder


@SETTINGS
@given(beats(), st.data())
def test_withdrawing_anything_a_beat_relies_on_never_leaves_it_ok(
    beat: Beat, data: st.DataObject
) -> None:
    if r5_applies(beat):
        beat = Beat(
            beat.order, beat.doers, beat.act, beat.receiver, frozenset({"barrier_pad"}), beat.dress
        )
    needs = sorted(expected_needs(beat), key=repr)
    everyone = {p: consent(p, {}) for p in PEOPLE}
    for performer, item in needs:
        everyone[performer] = edit(everyone[performer], {item: Answer.YES})
    assert validate([beat], everyone, ADULTS)[0].status is Status.OK
    if not needs:
        return
    performer, item = data.draw(st.sampled_from(needs))
    how = data.draw(st.sampled_from(["one", "scene", "discuss", "clear"]))
    if how == "one":
        everyone[performer] = withdraw(everyone[performer], [item])
    elif how == "scene":
        everyone[performer] = withdraw(everyone[performer])
    else:
        everyone[performer] = edit(
            everyone[performer], {item: Answer.DISCUSS if how == "discuss" else None}
        )
    assert validate([beat], everyone, ADULTS)[0].status is not Status.OK


def blur(data: st.DataObject, everyone: dict[str, SceneConsent]) -> dict[str, SceneConsent]:
    """The same consents with each non-yes answer replaced by any non-yes answer."""
    out = {}
    for performer, c in everyone.items():
        items = universe(performer)
        others = data.draw(st.lists(NOT_YES, min_size=len(items), max_size=len(items)))
        answers: dict[Item, Answer] = {}
        for item, other in zip(items, others, strict=True):
            answer = Answer.YES if c.answers.get(item) is Answer.YES else other
            if answer is not None:
                answers[item] = answer
        out[performer] = consent(performer, answers)
    return out


@SETTINGS
@given(
    st.lists(beats(), min_size=1, max_size=6), consents(), st.data(), st.sampled_from([None, 15])
)
def test_the_director_cannot_tell_no_from_discuss_from_unanswered(
    plan: list[Beat], everyone: dict[str, SceneConsent], data: st.DataObject, age: int | None
) -> None:
    cast = {**ADULTS, "maya": age}
    other = blur(data, everyone)
    assert for_director(validate(plan, everyone, cast)) == for_director(validate(plan, other, cast))


@SETTINGS
@given(
    st.lists(beats(), min_size=1, max_size=6),
    consents(),
    st.lists(st.tuples(st.sampled_from(PEOPLE), st.integers(0, 10_000), NOT_YES | LEANING_YES)),
)
def test_no_sequence_of_edits_lets_a_no_appear_as_agreed(
    plan: list[Beat],
    everyone: dict[str, SceneConsent],
    edits: list[tuple[str, int, Answer | None]],
) -> None:
    for performer, index, answer in edits:
        items = universe(performer)
        everyone[performer] = edit(everyone[performer], {items[index % len(items)]: answer})
    for beat, result in zip(plan, validate(plan, everyone, ADULTS), strict=True):
        if any(everyone[p].answers.get(item) is Answer.NO for p, item in expected_needs(beat)):
            assert result.status in (Status.OUTSIDE, Status.PROHIBITED)
            assert any(r.code is ReasonCode.NO for r in result.reasons)


# --- JSON -----------------------------------------------------------------------------------


@given(beats())
def test_a_beat_reads_back_equal_from_its_json(beat: Beat) -> None:
    data = beat_to_json(beat)
    assert beat_from_json(copy.deepcopy(data)) == beat
    assert beat_to_json(beat_from_json(data)) == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "a beat is an object"),
        ({"doers": "ana"}, "'doers' must be a list"),
        ({"doers": ["ana"], "order": "1"}, "'order' must be a whole number"),
        ({"doers": ["ana"], "act": "kiss"}, "an act is an object"),
        ({"doers": ["ana"], "receiver": 3}, "'receiver'"),
        ({"doers": ["ana"], "barriers": "robe"}, "'barriers'"),
        ({"doers": ["ana"], "dress": {"ana": [{"kind": "garment", "garment": "robe"}]}}, "'dress'"),
        ({"doers": ["ana"], "camera_note": "x" * 501}, "'camera_note'"),
        ({"doers": ["ana"], "placeholder": "yes"}, "'placeholder'"),
    ],
)
def test_a_malformed_beat_is_refused_with_the_rule(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        beat_from_json(data)


def test_a_beat_reads_as_one_plain_sentence() -> None:
    beat = Beat(
        1,
        ("ana",),
        KISS,
        "luis",
        frozenset({"barrier_pad"}),
        {"ana": frozenset({BACK})},
        camera_note="two-shot",
        placeholder=True,
    )
    assert describe_beat(beat, NAMES) == (
        "(Placeholder) Ana to Luis: kiss on the lips (closed mouth). "
        "Ana: nudity: back, fully visible. barriers and garments: barrier pad / cushion. "
        "camera: two-shot."
    )
    assert describe_beat(Beat(2, ("maya",), act("caress", "face")), NAMES) == (
        "Maya, alone: caress of the face."
    )
    assert describe_beat(Beat(3, ("ana",)), NAMES) == "Ana: without contact."

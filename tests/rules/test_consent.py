"""One performer's consent for one scene: exact items, validation, edits, withdrawal, profiles."""

from __future__ import annotations

import copy
import inspect
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.consent import (
    Act,
    Answer,
    BoundaryProfile,
    ContactItem,
    Direction,
    DoubleItem,
    DoubleKind,
    FrozenMap,
    GarmentItem,
    Item,
    ModestyItem,
    NudityItem,
    SceneConsent,
    SoloItem,
    Standing,
    StillsItem,
    act,
    agreed,
    apply_profile,
    consent_from_json,
    consent_to_json,
    describe_item,
    edit,
    general,
    give,
    item_from_json,
    item_key,
    item_to_json,
    profile_answer,
    profile_conflicts,
    receive,
    standing,
    validate_consent,
    validate_profile,
    well_formed,
    withdraw,
)

SETTINGS = settings(max_examples=200, deadline=None)

KISS_CLOSED = act("kiss", "lips", mouth="closed")
KISS_TONGUE = act("kiss", "lips", mouth="tongue")
HOLD_HIPS = act("hold_embrace", "hips")
PARTNERS = {"ana", "luis", "maya"}


def consent(answers: dict[Item, Answer], **kwargs: object) -> SceneConsent:
    return SceneConsent(performer="ana", scene="s1", answers=answers, **kwargs)  # type: ignore[arg-type]


def codes(consent_: SceneConsent, age: int | None = 30) -> list[tuple[str, str]]:
    return [(p.rule, p.code) for p in validate_consent(consent_, partners=PARTNERS, age=age)]


# --- items are canonical --------------------------------------------------------------------


def test_parameters_are_canonical_however_they_are_given() -> None:
    a = Act("body_press", None, (("clothing", "clothed"),))
    b = Act("body_press", None, {"clothing": "clothed"})  # type: ignore[arg-type]
    c = act("body_press", clothing="clothed")
    assert a == b == c
    assert hash(a) == hash(b) == hash(c)
    assert a.parameters == (("clothing", "clothed"),)
    d = Act("x", None, (("b", "2"), ("a", "1")))
    assert d.parameters == (("a", "1"), ("b", "2"))


def test_a_parameter_given_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="R3"):
        Act("kiss", "lips", (("mouth", "closed"), ("mouth", "tongue")))


def test_directions_and_kinds_accept_their_codes() -> None:
    item = ContactItem("give", "luis", KISS_CLOSED)  # type: ignore[arg-type]
    assert item.direction is Direction.GIVE
    assert item == give("luis", KISS_CLOSED)
    assert DoubleItem("body", NudityItem("back", "fully_visible")).kind is DoubleKind.BODY  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ContactItem("take", "luis", KISS_CLOSED)  # type: ignore[arg-type]


def test_stills_items_are_all_the_same_question() -> None:
    assert StillsItem() == StillsItem()
    assert len({StillsItem(), StillsItem()}) == 1


# --- exact-match semantics (R3) -------------------------------------------------------------


def test_a_yes_to_a_closed_mouth_kiss_is_not_a_yes_to_a_kiss_with_tongue() -> None:
    c = consent({give("luis", KISS_CLOSED): Answer.YES})
    assert agreed(c, give("luis", KISS_CLOSED))
    assert not agreed(c, give("luis", KISS_TONGUE))
    assert not agreed(c, give("maya", KISS_CLOSED))  # another partner
    assert not agreed(c, receive("luis", KISS_CLOSED))  # the other direction


def test_fully_visible_does_not_imply_partially_visible() -> None:
    c = consent({NudityItem("buttocks", "fully_visible"): Answer.YES})
    assert agreed(c, NudityItem("buttocks", "fully_visible"))
    assert not agreed(c, NudityItem("buttocks", "partially_visible"))
    assert not agreed(c, NudityItem("buttocks", "implied_covered"))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (Answer.YES, Standing.AGREED),
        (Answer.NO, Standing.NO),
        (Answer.DISCUSS, Standing.DISCUSS),
        (None, Standing.UNANSWERED),
    ],
)
def test_standing_of_each_answer(answer: Answer | None, expected: Standing) -> None:
    item = give("luis", HOLD_HIPS)
    c = consent({} if answer is None else {item: answer})
    assert standing(c, item) is expected
    assert agreed(c, item) is (expected is Standing.AGREED)


def test_no_consent_at_all_is_unanswered() -> None:
    assert standing(None, give("luis", HOLD_HIPS)) is Standing.UNANSWERED


# --- the value ------------------------------------------------------------------------------


def test_a_scene_consent_is_immutable() -> None:
    source: dict[Item, Answer] = {give("luis", HOLD_HIPS): Answer.YES}
    c = consent(source)
    source[give("luis", KISS_CLOSED)] = Answer.YES
    assert len(c.answers) == 1
    with pytest.raises(TypeError):
        c.answers[give("luis", KISS_CLOSED)] = Answer.YES  # type: ignore[index]
    with pytest.raises(AttributeError):
        c.version = 2  # type: ignore[misc]


def test_answers_may_be_given_as_codes() -> None:
    c = consent({give("luis", HOLD_HIPS): "yes"})  # type: ignore[dict-item]
    assert c.answers[give("luis", HOLD_HIPS)] is Answer.YES
    with pytest.raises(ValueError):
        consent({give("luis", HOLD_HIPS): "maybe"})  # type: ignore[dict-item]


def test_only_items_can_be_answered() -> None:
    with pytest.raises(TypeError):
        consent({"kiss": Answer.YES})  # type: ignore[dict-item]


@pytest.mark.parametrize("version", [0, -1, True, 1.5])
def test_a_version_is_a_whole_number_from_one(version: object) -> None:
    with pytest.raises(ValueError):
        consent({}, version=version)


@pytest.mark.parametrize(
    ("name", "signed", "cosigned"),
    [
        ("Rosa Díaz", True, True),
        ("Rosa Díaz", False, False),
        ("  ", True, False),
        (None, True, False),
    ],
)
def test_cosigned_needs_a_name_and_a_signature(
    name: str | None, signed: bool, cosigned: bool
) -> None:
    assert consent({}, guardian_name=name, guardian_signed=signed).cosigned is cosigned


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (give("luis", act("hug", "hips")), [("R3", "invalid_act")]),
        (give("luis", act("caress", "elbow")), [("R3", "invalid_act")]),
        (give("luis", act("kiss", "lips")), [("R3", "invalid_act")]),  # mouth missing
        (give("luis", act("kiss", "lips", mouth="wet")), [("R3", "invalid_act")]),
        (give("luis", act("caress", "face", speed="slow")), [("R3", "invalid_act")]),
        (give("luis", act("kiss", mouth="closed")), [("R3", "invalid_act")]),  # area missing
        (give("luis", act("body_press", "hips", clothing="clothed")), [("R3", "invalid_act")]),
        (give("luis", act("straddle")), [("R3", "invalid_act")]),  # clothing missing
        (SoloItem(act("grip", "hands")), [("R3", "invalid_act")]),  # grip needs a partner
        (SoloItem(act("caress", "abdomen")), []),
        (SoloItem(act("simulated_masturbation")), []),
        (ContactItem(Direction.GIVE, None, HOLD_HIPS), [("R3", "partner_required")]),
        (give("ana", HOLD_HIPS), [("R3", "self_partner")]),
        (give("noor", HOLD_HIPS), [("R3", "partner_not_in_scene")]),
        (NudityItem("chest", "fully_visible"), [("R3", "unknown_code")]),
        (NudityItem("back", "blurred"), [("R3", "unknown_code")]),
        (ModestyItem("bikini"), [("R3", "unknown_code")]),
        (GarmentItem("towel"), [("R3", "unknown_code")]),
        (DoubleItem(DoubleKind.BODY, GarmentItem("robe")), [("R4", "double_content")]),  # type: ignore[arg-type]
        (DoubleItem(DoubleKind.BODY, give("noor", HOLD_HIPS)), [("R3", "partner_not_in_scene")]),
        (DoubleItem(DoubleKind.DIGITAL, NudityItem("back", "fully_visible")), []),
        (give("luis", KISS_CLOSED), []),
        (receive("maya", act("straddle", clothing="clothed")), []),
        (StillsItem(), []),
    ],
)
def test_validate_consent(item: Item, expected: list[tuple[str, str]]) -> None:
    assert codes(consent({item: Answer.YES})) == expected


def test_every_problem_message_starts_with_its_rule() -> None:
    bad = consent(
        {
            give("noor", act("hug", "elbow")): Answer.YES,
            give("ana", HOLD_HIPS): Answer.NO,
            NudityItem("x", "y"): Answer.DISCUSS,
            give("luis", KISS_CLOSED): Answer.YES,
            NudityItem("back", "fully_visible"): Answer.DISCUSS,
        }
    )
    problems = validate_consent(bad, partners=PARTNERS, age=16)
    assert problems
    for problem in problems:
        assert problem.message.startswith(f"{problem.rule}: ")


def test_well_formed() -> None:
    assert well_formed(give("luis", KISS_CLOSED))
    assert not well_formed(give("luis", act("kiss", "lips")))
    assert well_formed(StillsItem())
    assert not well_formed(DoubleItem(DoubleKind.BODY, NudityItem("back", "blurred")))


# --- edits and withdrawal (R4) --------------------------------------------------------------


def test_an_edit_makes_a_new_version() -> None:
    c = consent({give("luis", HOLD_HIPS): Answer.YES})
    changed = edit(c, {give("luis", KISS_CLOSED): Answer.DISCUSS})
    assert changed.version == 2
    assert changed.answers[give("luis", KISS_CLOSED)] is Answer.DISCUSS
    assert c.version == 1 and len(c.answers) == 1


def test_an_edit_that_changes_nothing_keeps_the_version() -> None:
    c = consent({give("luis", HOLD_HIPS): Answer.YES})
    assert edit(c, {give("luis", HOLD_HIPS): Answer.YES}) is c
    assert edit(c, {give("luis", KISS_CLOSED): None}) is c


def test_none_clears_an_answer() -> None:
    c = consent({give("luis", HOLD_HIPS): Answer.YES})
    assert give("luis", HOLD_HIPS) not in edit(c, {give("luis", HOLD_HIPS): None}).answers


def test_adding_a_yes_clears_the_guardian_cosignature_and_a_no_keeps_it() -> None:
    c = consent(
        {give("luis", HOLD_HIPS): Answer.YES, give("luis", KISS_CLOSED): Answer.YES},
        guardian_name="Rosa Díaz",
        guardian_signed=True,
    )
    assert edit(c, {give("luis", HOLD_HIPS): Answer.NO}).cosigned
    assert edit(c, {give("luis", act("caress", "face")): Answer.DISCUSS}).cosigned
    assert not edit(c, {give("luis", act("caress", "face")): Answer.YES}).cosigned
    assert withdraw(c).cosigned
    assert withdraw(c).guardian_name == "Rosa Díaz"


def test_withdrawal_never_asks_for_a_reason() -> None:
    assert list(inspect.signature(withdraw).parameters) == ["consent", "items"]


def test_withdrawing_the_scene() -> None:
    double = DoubleItem(DoubleKind.BODY, NudityItem("back", "fully_visible"))
    c = consent(
        {
            give("luis", HOLD_HIPS): Answer.YES,
            receive("luis", KISS_CLOSED): Answer.DISCUSS,
            NudityItem("back", "fully_visible"): Answer.YES,
            StillsItem(): Answer.YES,
            GarmentItem("robe"): Answer.YES,
            double: Answer.YES,
        }
    )
    out = withdraw(c)
    assert out.version == 2
    for item in (give("luis", HOLD_HIPS), receive("luis", KISS_CLOSED)):
        assert out.answers[item] is Answer.NO
    assert out.answers[NudityItem("back", "fully_visible")] is Answer.NO
    assert out.answers[StillsItem()] is Answer.NO
    assert out.answers[GarmentItem("robe")] is Answer.YES  # a need, not a permission
    assert out.answers[double] is Answer.YES  # R4: the double path stays open
    assert withdraw(out) is out


def test_withdrawing_some_items() -> None:
    c = consent({give("luis", HOLD_HIPS): Answer.YES, give("luis", KISS_CLOSED): Answer.YES})
    out = withdraw(c, [give("luis", KISS_CLOSED), give("maya", HOLD_HIPS)])
    assert out.answers[give("luis", HOLD_HIPS)] is Answer.YES
    assert out.answers[give("luis", KISS_CLOSED)] is Answer.NO
    assert out.answers[give("maya", HOLD_HIPS)] is Answer.NO  # an explicit no for the unanswered


# --- boundary profile -----------------------------------------------------------------------


def profile(answers: dict[Item, Answer]) -> BoundaryProfile:
    return BoundaryProfile("ana", answers)


def test_general_removes_the_partner() -> None:
    assert general(give("luis", KISS_CLOSED)) == ContactItem(Direction.GIVE, None, KISS_CLOSED)
    double = DoubleItem(DoubleKind.BODY, give("luis", KISS_CLOSED))
    assert general(double) == DoubleItem(
        DoubleKind.BODY, ContactItem(Direction.GIVE, None, KISS_CLOSED)
    )
    assert general(StillsItem()) == StillsItem()


def test_a_profile_prefills_no_and_discuss_but_never_yes() -> None:
    any_tongue = ContactItem(Direction.RECEIVE, None, KISS_TONGUE)
    any_closed = ContactItem(Direction.RECEIVE, None, KISS_CLOSED)
    p = profile(
        {
            any_tongue: Answer.NO,
            any_closed: Answer.YES,
            NudityItem("back", "fully_visible"): Answer.DISCUSS,
            GarmentItem("robe"): Answer.YES,
            StillsItem(): Answer.YES,
        }
    )
    c = consent({receive("luis", KISS_TONGUE): Answer.YES})
    out = apply_profile(p, c, partners={"ana", "luis", "maya"})
    assert out.version == 2
    assert out.answers[receive("luis", KISS_TONGUE)] is Answer.YES  # answered: untouched
    assert out.answers[receive("maya", KISS_TONGUE)] is Answer.NO
    assert receive("luis", KISS_CLOSED) not in out.answers  # a yes is not pre-filled
    assert StillsItem() not in out.answers
    assert out.answers[NudityItem("back", "fully_visible")] is Answer.DISCUSS
    assert out.answers[GarmentItem("robe")] is Answer.YES  # a need, not a permission
    assert ContactItem(Direction.RECEIVE, "ana", KISS_TONGUE) not in out.answers


def test_profile_conflicts_are_scene_yes_answers_against_a_profile_no() -> None:
    p = profile(
        {
            ContactItem(Direction.RECEIVE, None, KISS_TONGUE): Answer.NO,
            NudityItem("back", "fully_visible"): Answer.NO,
        }
    )
    c = consent(
        {
            receive("luis", KISS_TONGUE): Answer.YES,
            receive("maya", KISS_TONGUE): Answer.DISCUSS,
            NudityItem("back", "fully_visible"): Answer.YES,
        }
    )
    assert set(profile_conflicts(p, c)) == {
        receive("luis", KISS_TONGUE),
        NudityItem("back", "fully_visible"),
    }
    assert profile_answer(p, receive("maya", KISS_TONGUE)) is Answer.NO
    assert profile_answer(p, receive("maya", KISS_CLOSED)) is None


def test_a_profile_belongs_to_the_same_performer() -> None:
    with pytest.raises(ValueError):
        apply_profile(BoundaryProfile("luis"), consent({}), partners=PARTNERS)
    with pytest.raises(ValueError):
        profile_conflicts(BoundaryProfile("luis"), consent({}))


def test_a_profile_names_no_partner() -> None:
    p = profile({give("luis", HOLD_HIPS): Answer.NO, NudityItem("x", "fully_visible"): Answer.NO})
    assert [(x.rule, x.code) for x in validate_profile(p)] == [
        ("R3", "profile_partner"),
        ("R3", "unknown_code"),
    ]


# --- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "text"),
    [
        (give("luis", KISS_CLOSED), "Give to Luis: kiss on the lips (closed mouth)"),
        (receive("luis", HOLD_HIPS), "Receive from Luis: hold or embrace at the hips"),
        (
            receive("luis", act("straddle", clothing="unclothed")),
            "Receive from Luis: straddling (unclothed)",
        ),
        (SoloItem(act("simulated_masturbation")), "Alone: simulated masturbation"),
        (NudityItem("buttocks", "fully_visible"), "Nudity: buttocks, fully visible"),
        (ModestyItem("g_string"), "Modesty garment: G-string"),
        (GarmentItem("modesty_pouch"), "Garment or barrier: Modesty pouch"),
        (
            DoubleItem(DoubleKind.BODY, NudityItem("back", "partially_visible")),
            "Body double may perform: nudity: back, partially visible",
        ),
        (StillsItem(), "Stills of nudity or simulated sex"),
        (
            ContactItem(Direction.GIVE, None, HOLD_HIPS),
            "Give to any partner: hold or embrace at the hips",
        ),
    ],
)
def test_describe_item(item: Item, text: str) -> None:
    assert describe_item(item, {"luis": "Luis"}) == text


# --- JSON -----------------------------------------------------------------------------------

ACTS = st.sampled_from(
    [
        KISS_CLOSED,
        KISS_TONGUE,
        HOLD_HIPS,
        act("body_press", clothing="unclothed"),
        act("simulated_thrusting"),
        act("caress", "inner_thighs"),
    ]
)
CONTENT = st.one_of(
    st.builds(ContactItem, st.sampled_from(Direction), st.sampled_from(["luis", "maya"]), ACTS),
    st.builds(SoloItem, st.just(act("simulated_masturbation"))),
    st.builds(
        NudityItem,
        st.sampled_from(["back", "buttocks", "side"]),
        st.sampled_from(["not_shown", "fully_visible", "partially_visible"]),
    ),
    st.builds(ModestyItem, st.sampled_from(["pasties", "underwear_or_swimsuit"])),
)
ITEMS: st.SearchStrategy[Item] = st.one_of(
    CONTENT,
    st.builds(GarmentItem, st.sampled_from(["robe", "modesty_pouch"])),
    st.builds(DoubleItem, st.sampled_from(DoubleKind), CONTENT),
    st.just(StillsItem()),
)
CONSENTS = st.builds(
    SceneConsent,
    performer=st.just("ana"),
    scene=st.just("s1"),
    version=st.integers(1, 50),
    answers=st.dictionaries(ITEMS, st.sampled_from(Answer), max_size=12),
    guardian_name=st.one_of(st.none(), st.just("Zoë Łukasz 佐藤")),
    guardian_signed=st.booleans(),
)


@SETTINGS
@given(ITEMS, ITEMS)
def test_items_round_trip_through_json_and_keys_are_canonical(a: Item, b: Item) -> None:
    assert item_from_json(json.loads(json.dumps(item_to_json(a)))) == a
    assert (item_key(a) == item_key(b)) is (a == b)


@SETTINGS
@given(CONSENTS)
def test_consents_round_trip_through_json(c: SceneConsent) -> None:
    data = json.loads(json.dumps(consent_to_json(c)))
    assert consent_from_json(data) == c
    assert data["vocabulary"]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"kind": "hug"},
        {"kind": "contact", "direction": "take", "partner": "luis", "action": "caress"},
        {
            "kind": "contact",
            "direction": "give",
            "partner": "luis",
            "action": "hug",
            "area": "hips",
        },
        {
            "kind": "contact",
            "direction": "give",
            "partner": "luis",
            "action": "kiss",
            "area": "lips",
        },
        {
            "kind": "contact",
            "direction": "give",
            "partner": "luis",
            "action": "kiss",
            "area": "lips",
            "parameters": {"mouth": 3},
        },
        {"kind": "nudity", "part": "chest", "visibility": "fully_visible"},
        {"kind": "nudity", "part": "", "visibility": "fully_visible"},
        {"kind": "garment", "garment": "towel"},
        {"kind": "double", "double": "stunt", "covers": {"kind": "stills"}},
        {"kind": "double", "double": "body", "covers": {"kind": "stills"}},
    ],
)
def test_bad_items_raise_value_error_citing_a_rule(data: object) -> None:
    with pytest.raises(ValueError, match=r"^R\d+: "):
        item_from_json(data)


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"performer": "ana", "scene": "s1", "answers": {}},
        {"performer": "ana", "scene": "s1", "answers": [1]},
        {
            "performer": "ana",
            "scene": "s1",
            "answers": [{"item": {"kind": "stills"}, "answer": "maybe"}],
        },
        {
            "performer": "ana",
            "scene": "s1",
            "answers": [
                {"item": {"kind": "stills"}, "answer": "yes"},
                {"item": {"kind": "stills"}, "answer": "no"},
            ],
        },
        {"performer": "", "scene": "s1"},
        {"performer": "ana", "scene": "s1", "guardian_signed": "yes"},
        {"performer": "ana", "scene": "s1", "guardian_name": 7},
    ],
)
def test_bad_consents_raise_value_error(data: object) -> None:
    with pytest.raises(ValueError):
        consent_from_json(data)


def test_values_copy_pickle_and_hash() -> None:
    c = consent(
        {give("luis", KISS_CLOSED): Answer.YES, NudityItem("back", "fully_visible"): Answer.NO},
        guardian_name="Zoë Łukasz 佐藤",
    )
    assert pickle.loads(pickle.dumps(c)) == c  # noqa: S301 - our own data
    assert copy.deepcopy(c) == c
    assert hash(c) == hash(consent(dict(c.answers), guardian_name="Zoë Łukasz 佐藤"))
    assert c.answers == dict(c.answers)
    assert FrozenMap({1: 2}) == FrozenMap([(1, 2)]) != FrozenMap({1: 3})
    assert FrozenMap({1: 2}) != [(1, 2)]
    assert list(FrozenMap({"a": 1}).items()) == [("a", 1)]
    assert repr(FrozenMap({"a": 1})) == "FrozenMap({'a': 1})"
    profile_value = BoundaryProfile("ana", {StillsItem(): Answer.NO})
    assert pickle.loads(pickle.dumps(profile_value)) == profile_value  # noqa: S301

"""The container: what everyone agreed, exactly, in both directions; and its plain sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.consent import (
    Answer,
    ContactItem,
    Direction,
    DoubleItem,
    DoubleKind,
    GarmentItem,
    Item,
    ModestyItem,
    NudityItem,
    SceneConsent,
    SoloItem,
    StillsItem,
    act,
    edit,
    give,
    receive,
    withdraw,
)
from closedset.rules.container import Container, container, describe
from closedset.rules.vocabulary import reciprocal

KISS = act("kiss", "lips", mouth="closed")
KISS_TONGUE = act("kiss", "lips", mouth="tongue")
NECK = act("kiss", "neck", mouth="closed")
HOLD = act("hold_embrace", "hips")
PRESS = act("body_press", clothing="clothed")
CAST = {"ana": 31, "luis": 34, "maya": 29}
NAMES = {"ana": "Ana", "luis": "Luis", "maya": "Maya"}


def consent(performer: str, answers: dict[Item, Answer]) -> SceneConsent:
    return SceneConsent(performer, "s1", answers=answers)


def yes(*items: Item) -> dict[Item, Answer]:
    return dict.fromkeys(items, Answer.YES)


def test_contact_is_in_when_the_doer_gives_and_the_receiver_receives() -> None:
    box = container(
        {
            "ana": consent("ana", yes(receive("luis", HOLD))),
            "luis": consent("luis", yes(give("ana", HOLD))),
        },
        CAST,
    )
    assert box.contact == {("luis", "ana"): frozenset({HOLD})}
    assert box.allows("luis", "ana", HOLD)
    assert not box.allows("ana", "luis", HOLD)


@pytest.mark.parametrize("answer", [Answer.NO, Answer.DISCUSS, None])
def test_anything_but_yes_on_either_side_leaves_contact_out(answer: Answer | None) -> None:
    receiving: dict[Item, Answer] = {} if answer is None else {receive("luis", HOLD): answer}
    box = container(
        {"ana": consent("ana", receiving), "luis": consent("luis", yes(give("ana", HOLD)))}, CAST
    )
    assert box == Container()
    box = container({"ana": consent("ana", yes(receive("luis", HOLD)))}, CAST)
    assert box == Container()


def test_matching_is_exact() -> None:
    box = container(
        {
            "ana": consent("ana", yes(receive("luis", act("hold_embrace", "lower_back")))),
            "luis": consent("luis", yes(give("ana", HOLD))),
        },
        CAST,
    )
    assert box.contact == {}


def test_a_kiss_on_the_lips_needs_both_performers_both_ways() -> None:
    one_way = {
        "ana": consent("ana", yes(give("luis", KISS))),
        "luis": consent("luis", yes(receive("ana", KISS))),
    }
    assert container(one_way, CAST).contact == {}
    both = {
        "ana": consent("ana", yes(give("luis", KISS), receive("luis", KISS))),
        "luis": consent("luis", yes(give("ana", KISS), receive("ana", KISS))),
    }
    assert container(both, CAST).contact == {
        ("ana", "luis"): frozenset({KISS}),
        ("luis", "ana"): frozenset({KISS}),
    }


def test_a_kiss_on_the_neck_has_a_direction() -> None:
    box = container(
        {
            "ana": consent("ana", yes(give("luis", NECK))),
            "luis": consent("luis", yes(receive("ana", NECK))),
        },
        CAST,
    )
    assert box.contact == {("ana", "luis"): frozenset({NECK})}


def test_partners_outside_the_cast_are_ignored() -> None:
    box = container(
        {
            "ana": consent("ana", yes(receive("noor", HOLD))),
            "noor": consent("noor", yes(give("ana", HOLD))),
        },
        CAST,
    )
    assert box == Container()


def test_each_performers_nudity_garments_doubles_and_stills() -> None:
    ana = consent(
        "ana",
        {
            NudityItem("buttocks", "fully_visible"): Answer.YES,
            NudityItem("back", "not_shown"): Answer.YES,
            NudityItem("side", "partially_visible"): Answer.DISCUSS,
            ModestyItem("g_string"): Answer.YES,
            GarmentItem("robe"): Answer.YES,
            GarmentItem("modesty_patch"): Answer.YES,
            GarmentItem("pasties"): Answer.NO,
            DoubleItem(DoubleKind.BODY, NudityItem("buttocks", "fully_visible")): Answer.YES,
            DoubleItem(DoubleKind.BODY, NudityItem("side", "partially_visible")): Answer.YES,
            StillsItem(): Answer.YES,
            SoloItem(act("caress", "abdomen")): Answer.YES,
        },
    )
    box = container({"ana": ana}, CAST)
    assert box.exposure == {
        "ana": frozenset({NudityItem("buttocks", "fully_visible"), ModestyItem("g_string")})
    }
    assert box.garments == {"ana": frozenset({"robe", "modesty_patch"})}
    assert box.doubles == {
        "ana": frozenset({DoubleItem(DoubleKind.BODY, NudityItem("buttocks", "fully_visible"))})
    }
    assert box.stills == {"ana"}
    assert box.solo == {"ana": frozenset({act("caress", "abdomen")})}


def test_malformed_items_never_enter() -> None:
    bad = act("kiss", "lips")  # mouth missing
    box = container(
        {
            "ana": consent("ana", yes(receive("luis", bad), NudityItem("x", "fully_visible"))),
            "luis": consent("luis", yes(give("ana", bad))),
        },
        CAST,
    )
    assert box == Container()


def test_consents_are_keyed_by_their_performer_and_share_a_scene() -> None:
    with pytest.raises(ValueError):
        container({"ana": consent("luis", {})}, CAST)
    with pytest.raises(ValueError):
        container({"ana": consent("ana", {}), "luis": SceneConsent("luis", "s2")}, CAST)


def test_the_directors_brief_in_plain_sentences() -> None:
    ana = consent(
        "ana",
        {
            **yes(give("luis", KISS), receive("luis", KISS), receive("luis", HOLD)),
            **yes(NudityItem("buttocks", "fully_visible"), NudityItem("side", "implied_covered")),
            **yes(GarmentItem("robe"), GarmentItem("g_string"), StillsItem()),
            **yes(DoubleItem(DoubleKind.BODY, NudityItem("buttocks", "fully_visible"))),
            receive("luis", KISS_TONGUE): Answer.NO,
            NudityItem("breasts_chest", "fully_visible"): Answer.DISCUSS,
        },
    )
    luis = consent(
        "luis",
        {
            **yes(
                give("ana", KISS), receive("ana", KISS), give("ana", HOLD), give("ana", KISS_TONGUE)
            ),
            **yes(give("maya", PRESS), receive("maya", PRESS), GarmentItem("modesty_pouch")),
            **yes(SoloItem(act("simulated_masturbation"))),
        },
    )
    maya = consent("maya", yes(give("luis", PRESS), receive("luis", PRESS), give("luis", NECK)))
    box = container({"ana": ana, "luis": luis, "maya": maya}, CAST)
    assert describe(box, NAMES) == [
        "Ana and Luis may kiss on the lips (closed mouth).",
        "Luis may hold Ana's hips.",
        "Luis and Maya may press bodies (clothed).",
        "Nudity for Ana: buttocks (fully visible); side of the body (implied / covered).",
        "A body double may perform for Ana: nudity: buttocks, fully visible.",
        "Stills of nudity or simulated sex may be taken of Ana.",
        "Luis, alone, may simulate masturbation.",
        "Garments and barriers for Ana: robe, G-string.",
        "Garments and barriers for Luis: modesty pouch.",
    ]


def test_an_empty_container_says_nothing() -> None:
    assert describe(Container(), NAMES) == []


def test_sentences_cover_every_action() -> None:
    acts = [
        act("touch_hand", "forearms"),
        act("caress", "face"),
        act("grip", "upper_arms"),
        act("kiss", "hands", mouth="open_no_tongue"),
        act("lie_on_top", clothing="unclothed"),
        act("straddle", clothing="clothed"),
        act("simulated_thrusting"),
        act("simulated_oral_sex"),
        act("simulated_digital_penetration"),
        act("simulated_masturbation"),
    ]
    box = container(
        {
            "ana": consent("ana", yes(*(give("luis", a) for a in acts))),
            "luis": consent("luis", yes(*(receive("ana", a) for a in acts))),
        },
        CAST,
    )
    assert describe(box, NAMES) == [
        "Ana may touch Luis's forearms with the hand, caress Luis's face, grip Luis's upper arms, "
        "kiss Luis on the hands (open mouth without tongue), lie on top of Luis (unclothed), "
        "straddle Luis (clothed), simulate thrusting with Luis, simulate oral sex on Luis, "
        "simulate digital penetration of Luis and simulate masturbation of Luis."
    ]


# --- properties -----------------------------------------------------------------------------

PEOPLE = ["ana", "luis", "maya"]
ACTS = [KISS, KISS_TONGUE, NECK, HOLD, PRESS, act("simulated_thrusting")]
EXPOSURE: list[Item] = [
    NudityItem("back", "fully_visible"),
    NudityItem("back", "partially_visible"),
    ModestyItem("pasties"),
    GarmentItem("robe"),
    StillsItem(),
]


def items_of(performer: str) -> list[Item]:
    contact: list[Item] = [
        ContactItem(d, partner, a)
        for d in Direction
        for partner in PEOPLE
        if partner != performer
        for a in ACTS
    ]
    return contact + EXPOSURE


ANSWERS = st.sampled_from([Answer.YES, Answer.NO, Answer.DISCUSS, None])
NOT_YES = st.sampled_from([Answer.NO, Answer.DISCUSS, None])


@st.composite
def consents(draw: st.DrawFn) -> dict[str, SceneConsent]:
    result = {}
    for performer in PEOPLE:
        chosen = draw(st.dictionaries(st.sampled_from(items_of(performer)), ANSWERS))
        answers = {item: a for item, a in chosen.items() if a is not None}
        result[performer] = consent(performer, answers)
    return result


def blur(data: st.DataObject, everyone: dict[str, SceneConsent]) -> dict[str, SceneConsent]:
    """The same consents with each non-yes answer replaced by any non-yes answer."""
    out = {}
    for performer, c in everyone.items():
        items = items_of(performer)
        others = data.draw(st.lists(NOT_YES, min_size=len(items), max_size=len(items)))
        answers: dict[Item, Answer] = {}
        for item, other in zip(items, others, strict=True):
            answer = Answer.YES if c.answers.get(item) is Answer.YES else other
            if answer is not None:
                answers[item] = answer
        out[performer] = consent(performer, answers)
    return out


@settings(max_examples=200, deadline=None)
@given(consents())
def test_contact_is_exactly_what_both_sides_agreed(everyone: dict[str, SceneConsent]) -> None:
    box = container(everyone, CAST)

    def said_yes(performer: str, item: Item) -> bool:
        return everyone[performer].answers.get(item) is Answer.YES

    for doer in PEOPLE:
        for receiver in PEOPLE:
            if doer == receiver:
                continue
            for a in ACTS:
                expected = said_yes(doer, give(receiver, a)) and said_yes(
                    receiver, receive(doer, a)
                )
                if reciprocal(a.action, a.area):
                    expected = (
                        expected
                        and said_yes(receiver, give(doer, a))
                        and said_yes(doer, receive(receiver, a))
                    )
                assert box.allows(doer, receiver, a) is expected


@settings(max_examples=200, deadline=None)
@given(st.data(), consents())
def test_no_discuss_and_unanswered_look_the_same_in_the_container(
    data: st.DataObject, everyone: dict[str, SceneConsent]
) -> None:
    other = blur(data, everyone)
    assert container(everyone, CAST) == container(other, CAST)
    assert describe(container(everyone, CAST), NAMES) == describe(container(other, CAST), NAMES)


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.sampled_from(PEOPLE), st.integers(0, 10_000), ANSWERS),
        st.tuples(st.just("withdraw"), st.sampled_from(PEOPLE), st.integers(0, 10_000), st.none()),
        st.tuples(st.just("withdraw_all"), st.sampled_from(PEOPLE), st.just(0), st.none()),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(consents(), EDITS)
def test_no_sequence_of_edits_lets_a_no_appear_as_agreed(
    everyone: dict[str, SceneConsent], edits: list[tuple[str, str, int, Answer | None]]
) -> None:
    for kind, performer, index, answer in edits:
        items = items_of(performer)
        item = items[index % len(items)]
        current = everyone[performer]
        if kind == "edit":
            everyone[performer] = edit(current, {item: answer})
        elif kind == "withdraw":
            everyone[performer] = withdraw(current, [item])
        else:
            everyone[performer] = withdraw(current)
    box = container(everyone, CAST)
    for performer, c in everyone.items():
        for item, answer in c.answers.items():
            if answer is not Answer.NO:
                continue
            if isinstance(item, ContactItem):
                assert item.partner is not None
                pair = (
                    (performer, item.partner)
                    if item.direction is Direction.GIVE
                    else (item.partner, performer)
                )
                assert not box.allows(*pair, item.act)
            elif isinstance(item, NudityItem | ModestyItem):
                assert item not in box.exposure.get(performer, frozenset())
            elif isinstance(item, GarmentItem):
                assert item.garment not in box.garments.get(performer, frozenset())
            elif isinstance(item, StillsItem):
                assert performer not in box.stills

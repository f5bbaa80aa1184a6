"""The controlled vocabulary: stable codes, clinical labels, the R5 predicate, the JSON export."""

from __future__ import annotations

import json
import re

import pytest

from closedset.rules import vocabulary as v


def test_the_vocabulary_is_versioned() -> None:
    assert re.fullmatch(r"\d{4}\.\d+", v.VOCABULARY_VERSION)
    assert v.vocabulary_json()["version"] == v.VOCABULARY_VERSION


def test_body_areas_are_the_domain_list_in_order() -> None:
    assert list(v.BODY_AREAS) == [
        "head_hair", "face", "lips", "neck", "shoulders", "upper_arms", "forearms", "hands",
        "chest", "breasts", "nipples", "abdomen", "upper_back", "lower_back", "hips", "buttocks",
        "genitals", "inner_thighs", "outer_thighs", "knees", "lower_legs", "feet",
    ]  # fmt: skip
    assert v.body_area("breasts").label == "Breasts / pectorals"
    assert v.body_area("genitals").label == "Groin / genitals"


@pytest.mark.parametrize(
    ("code", "views"),
    [
        ("lips", {v.View.FRONT}),
        ("upper_back", {v.View.BACK}),
        ("buttocks", {v.View.BACK}),
        ("genitals", {v.View.FRONT}),
        ("hips", {v.View.FRONT, v.View.BACK}),
        ("head_hair", {v.View.FRONT, v.View.BACK}),
    ],
)
def test_each_body_area_is_on_the_front_the_back_or_both(code: str, views: set[v.View]) -> None:
    assert v.body_area(code).views == views


def test_every_area_appears_on_at_least_one_view() -> None:
    for area in v.BODY_AREAS.values():
        assert area.views and area.views <= {v.View.FRONT, v.View.BACK}


def test_contact_actions_and_their_parameters() -> None:
    assert list(v.CONTACT_ACTIONS) == [
        "touch_hand", "hold_embrace", "caress", "grip", "kiss", "body_press", "lie_on_top",
        "straddle", "simulated_thrusting", "simulated_oral_sex",
        "simulated_digital_penetration", "simulated_masturbation",
    ]  # fmt: skip
    kiss = v.contact_action("kiss")
    assert kiss.takes_area
    assert [(p.code, [c.code for c in p.choices]) for p in kiss.parameters] == [
        ("mouth", ["closed", "open_no_tongue", "tongue"])
    ]
    for code in ("body_press", "lie_on_top", "straddle"):
        action = v.contact_action(code)
        assert not action.takes_area
        assert [(p.code, [c.code for c in p.choices]) for p in action.parameters] == [
            ("clothing", ["clothed", "unclothed"])
        ]


def test_simulated_sex_acts_are_marked() -> None:
    marked = {code for code in v.CONTACT_ACTIONS if v.simulated_sex(code)}
    assert marked == {
        "simulated_thrusting",
        "simulated_oral_sex",
        "simulated_digital_penetration",
        "simulated_masturbation",
    }


def test_actions_that_take_a_body_area() -> None:
    takes = {code for code, action in v.CONTACT_ACTIONS.items() if action.takes_area}
    assert takes == {"touch_hand", "hold_embrace", "caress", "grip", "kiss"}


@pytest.mark.parametrize(
    ("action", "area", "parameters", "expected"),
    [
        ("simulated_thrusting", None, {}, True),
        ("simulated_oral_sex", None, {}, True),
        ("simulated_digital_penetration", None, {}, True),
        ("simulated_masturbation", None, {}, True),
        ("straddle", None, {"clothing": "unclothed"}, True),
        ("straddle", None, {"clothing": "clothed"}, False),
        ("lie_on_top", None, {"clothing": "unclothed"}, True),
        ("lie_on_top", None, {"clothing": "clothed"}, False),
        ("body_press", None, {"clothing": "unclothed"}, True),
        ("body_press", None, {"clothing": "clothed"}, False),
        ("body_press", None, {}, True),  # not stated as clothed: assume the contact is possible
        ("touch_hand", "genitals", {}, True),
        ("kiss", "genitals", {"mouth": "closed"}, True),
        ("caress", "inner_thighs", {}, False),
        ("kiss", "lips", {"mouth": "tongue"}, False),
        ("grip", "buttocks", {}, False),
    ],
)
def test_possible_genital_contact(
    action: str, area: str | None, parameters: dict[str, str], expected: bool
) -> None:
    assert v.possible_genital_contact(action, area, parameters) is expected
    assert v.possible_genital_contact(action, area, tuple(parameters.items())) is expected


def test_reciprocal_contact_is_lips_on_lips_and_body_against_body() -> None:
    assert v.reciprocal("kiss", "lips")
    assert v.reciprocal("body_press", None)
    assert not v.reciprocal("kiss", "neck")
    assert not v.reciprocal("hold_embrace", "hips")


@pytest.mark.parametrize(
    ("area", "placement"), [("lips", "lips"), ("neck", "neck"), ("hands", "body"), ("feet", "body")]
)
def test_kiss_placement_is_the_body_area(area: str, placement: str) -> None:
    assert v.kiss_placement(area) == placement


def test_nudity_parts_visibility_and_modesty_levels() -> None:
    assert list(v.NUDITY_PARTS) == ["breasts_chest", "buttocks", "genitals_frontal", "side", "back"]
    assert list(v.VISIBILITIES) == [
        "not_shown",
        "implied_covered",
        "partially_visible",
        "fully_visible",
    ]
    assert list(v.MODESTY_LEVELS) == ["pasties", "g_string", "underwear_or_swimsuit"]
    assert not v.needs_agreement("not_shown")
    assert v.needs_agreement("implied_covered")


def test_there_is_no_numbered_nudity_scale() -> None:
    nudity = v.vocabulary_json()["nudity"]
    assert isinstance(nudity, dict)
    for terms in nudity.values():
        for term in terms:
            assert set(term) == {"code", "label"}


def test_physical_barriers_for_r5() -> None:
    barriers = {code for code in v.GARMENTS if v.physical_barrier(code)}
    assert barriers == {
        "g_string",
        "strapless_thong",
        "flesh_tone_underwear",
        "modesty_patch",
        "modesty_pouch",
        "genital_prosthetic",
        "barrier_pad",
    }
    for code in ("robe", "pasties", "merkin", "knee_pads", "heating_pads", "lip_balm"):
        assert not v.physical_barrier(code)
    assert not v.covers_genitals("barrier_pad")  # it separates bodies; it covers nothing
    assert v.covers_genitals("modesty_pouch")


def test_garments_are_the_domain_list() -> None:
    assert list(v.GARMENTS) == [
        "robe", "pasties", "g_string", "strapless_thong", "flesh_tone_underwear",
        "modesty_patch", "modesty_pouch", "genital_prosthetic", "merkin", "barrier_pad",
        "knee_pads", "heating_pads", "breath_strips", "lip_balm",
    ]  # fmt: skip


def test_answers_doubles_and_stills() -> None:
    assert [a.value for a in v.Answer] == ["yes", "no", "discuss"]
    assert [k.value for k in v.DoubleKind] == ["body", "digital"]
    assert v.UNANSWERED_LABEL == "Not answered"
    assert v.STILLS_LABEL


@pytest.mark.parametrize(
    ("lookup", "code"),
    [
        (v.body_area, "elbow"),
        (v.contact_action, "hug"),
        (v.nudity_part, "chest"),
        (v.visibility, "blurred"),
        (v.modesty_level, "bikini"),
        (v.garment, "towel"),
    ],
)
def test_unknown_codes_raise_value_error_naming_the_code(lookup: object, code: str) -> None:
    assert callable(lookup)
    with pytest.raises(ValueError, match=repr(code)):
        lookup(code)


def test_an_unknown_parameter_value_raises() -> None:
    with pytest.raises(ValueError, match="'wet'"):
        v.MOUTH.choice("wet")


def test_codes_are_stable_snake_case_and_labels_are_plain() -> None:
    tables = (v.BODY_AREAS, v.CONTACT_ACTIONS, v.NUDITY_PARTS, v.VISIBILITIES, v.MODESTY_LEVELS)
    for table in (*tables, v.GARMENTS):
        for code, term in table.items():
            assert re.fullmatch(r"[a-z][a-z_]*", code)
            label = term.label
            assert label and label == label.strip() and label[0].isupper()


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        v.BODY_AREAS["elbow"] = v.BodyArea("elbow", "Elbow", frozenset())  # type: ignore[index]


def test_in_sentence() -> None:
    assert v.in_sentence("Upper back") == "upper back"
    assert v.in_sentence("G-string") == "G-string"
    assert v.body_area("breasts").phrase == "breasts / pectorals"


def test_the_export_is_json_and_complete() -> None:
    data = json.loads(json.dumps(v.vocabulary_json()))
    assert [a["code"] for a in data["body_areas"]] == list(v.BODY_AREAS)
    assert [a["code"] for a in data["contact_actions"]] == list(v.CONTACT_ACTIONS)
    assert [g["code"] for g in data["garments"]] == list(v.GARMENTS)
    assert [a["code"] for a in data["answers"]] == ["yes", "no", "discuss"]
    kiss = next(a for a in data["contact_actions"] if a["code"] == "kiss")
    assert kiss["parameters"][0]["code"] == "mouth"
    assert kiss["reciprocal_areas"] == ["lips"]
    assert data["kiss_placements"]["lips"] == ["lips"]
    assert "hands" in data["kiss_placements"]["body"]
    assert {g["code"] for g in data["garments"] if g["physical_barrier"]} == {
        code for code in v.GARMENTS if v.physical_barrier(code)
    }

"""The controlled vocabulary of consent: versioned data with stable codes and clinical labels.

Codes never change meaning once published; a new term gets a new code and the version moves
(`VOCABULARY_VERSION`). Labels are plain, clinical English, as in a rider. There is no numbered
nudity scale (DOMAIN.md: "do not invent one"): visibility levels are separate answers.

Tables (read-only mappings from code to term, in display order):
    BODY_AREAS, CONTACT_ACTIONS, NUDITY_PARTS, VISIBILITIES, MODESTY_LEVELS, GARMENTS,
    DOUBLE_KINDS, ANSWER_LABELS, DIRECTION_LABELS, STILLS_LABEL

Lookups raise ValueError naming the unknown code (the app answers 400):
    body_area(code) -> BodyArea            contact_action(code) -> ContactAction
    nudity_part(code) -> NudityPart        visibility(code) -> Visibility
    modesty_level(code) -> ModestyLevel    garment(code) -> Garment

Predicates:
    possible_genital_contact(action, area, parameters) -> bool   R5: a beat needs a barrier
    simulated_sex(action) -> bool
    reciprocal(action, area) -> bool       the contact is mutual by its nature (kiss on the lips,
                                           body-to-body press): a beat needs both directions
    kiss_placement(area) -> str            "lips" | "neck" | "body"
    in_sentence(label) -> str              a label inside a sentence ("upper back", "G-string")
    needs_agreement(visibility) -> bool    False only for "not_shown"
    physical_barrier(code) -> bool         R5: counts as the barrier a beat must name
    covers_genitals(code) -> bool          a garment that covers the genitals

Export:
    vocabulary_json() -> dict              everything above, JSON-able (GET /api/v1/vocabulary)

A contact action either takes a body area (touch, hold, caress, grip, kiss) or none (whole-body
and simulated acts). The kiss "placement" of DOMAIN.md is the body area itself: lips, neck, or any
other area ("body"); `kiss_placement` names it. Every parameter of an action must be given: a
consent answer and a beat match only when action, area and every parameter are equal (R3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol, TypeVar

VOCABULARY_VERSION = "2026.1"

Params = tuple[tuple[str, str], ...]
"""Contact parameters, canonical: (code, value) pairs sorted by code, each code once."""


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Upper back" -> "upper back"; "G-string" stays as it is."""
    if label[1:2].isupper() or label[1:2] == "-":
        return label
    return label[:1].lower() + label[1:]


class Answer(StrEnum):
    """A performer's answer to one item. No answer at all means "not answered": not agreed."""

    YES = "yes"
    NO = "no"
    DISCUSS = "discuss"


class Direction(StrEnum):
    """What a performer will do to a partner, and what they will receive from that partner."""

    GIVE = "give"
    RECEIVE = "receive"


class View(StrEnum):
    FRONT = "front"
    BACK = "back"


class DoubleKind(StrEnum):
    BODY = "body"
    DIGITAL = "digital"


class GenitalContact(StrEnum):
    """When a contact action may involve genital contact (R5)."""

    ALWAYS = "always"
    UNCLOTHED = "unclothed"  # when its `clothing` parameter is "unclothed"
    ON_GENITALS = "on_genitals"  # only when its body area is "genitals"


ANSWER_LABELS: Mapping[Answer, str] = MappingProxyType(
    {Answer.YES: "Yes", Answer.NO: "No", Answer.DISCUSS: "Let's discuss"}
)
UNANSWERED_LABEL = "Not answered"
DIRECTION_LABELS: Mapping[Direction, str] = MappingProxyType(
    {
        Direction.GIVE: "I will do to this partner",
        Direction.RECEIVE: "I will receive from this partner",
    }
)
DOUBLE_KINDS: Mapping[DoubleKind, str] = MappingProxyType(
    {DoubleKind.BODY: "Body double", DoubleKind.DIGITAL: "Digital double"}
)
STILLS_LABEL = "Stills of nudity or simulated sex"


@dataclass(frozen=True, slots=True)
class BodyArea:
    code: str
    label: str
    views: frozenset[View]

    @property
    def phrase(self) -> str:
        """The label inside a sentence ("Ana's upper back")."""
        return in_sentence(self.label)


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    label: str

    @property
    def phrase(self) -> str:
        return in_sentence(self.label)


@dataclass(frozen=True, slots=True)
class Parameter:
    code: str
    label: str
    choices: tuple[Choice, ...]

    def choice(self, code: str) -> Choice:
        for choice in self.choices:
            if choice.code == code:
                return choice
        raise ValueError(f"unknown value {code!r} for {self.code!r}")


@dataclass(frozen=True, slots=True)
class ContactAction:
    """A kind of physical contact or simulated act.

    `verb` phrases it for one doer and one receiver ({r}: receiver, {rs}: receiver's, {area});
    `solo_verb` for a performer alone (None: the action needs a partner); `pair_verb` for a
    mutual contact stated once for both ("Ana and Luis may kiss on the lips").
    """

    code: str
    label: str
    category: str  # breakdown category: kiss | intimate_touch | simulated_sex
    takes_area: bool
    parameters: tuple[Parameter, ...]
    genital_contact: GenitalContact
    noun: str
    verb: str
    solo_verb: str | None = None
    pair_verb: str | None = None

    @property
    def simulated_sex(self) -> bool:
        return self.category == "simulated_sex"

    @property
    def solo(self) -> bool:
        return self.solo_verb is not None


@dataclass(frozen=True, slots=True)
class NudityPart:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class Visibility:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class ModestyLevel:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class Garment:
    """A garment or barrier a performer needs; `physical_barrier` counts for R5."""

    code: str
    label: str
    physical_barrier: bool = False
    covers_genitals: bool = False


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_T = TypeVar("_T")
_C = TypeVar("_C", bound=_Coded)


def _table(terms: Iterable[_C]) -> Mapping[str, _C]:
    return MappingProxyType({term.code: term for term in terms})


_BOTH = frozenset({View.FRONT, View.BACK})
_FRONT = frozenset({View.FRONT})
_BACK = frozenset({View.BACK})

BODY_AREAS: Mapping[str, BodyArea] = _table(
    BodyArea(code, label, views)
    for code, label, views in (
        ("head_hair", "Head and hair", _BOTH),
        ("face", "Face", _FRONT),
        ("lips", "Lips", _FRONT),
        ("neck", "Neck", _BOTH),
        ("shoulders", "Shoulders", _BOTH),
        ("upper_arms", "Upper arms", _BOTH),
        ("forearms", "Forearms", _BOTH),
        ("hands", "Hands", _BOTH),
        ("chest", "Chest", _FRONT),
        ("breasts", "Breasts / pectorals", _FRONT),
        ("nipples", "Nipples", _FRONT),
        ("abdomen", "Abdomen", _FRONT),
        ("upper_back", "Upper back", _BACK),
        ("lower_back", "Lower back", _BACK),
        ("hips", "Hips", _BOTH),
        ("buttocks", "Buttocks", _BACK),
        ("genitals", "Groin / genitals", _FRONT),
        ("inner_thighs", "Inner thighs", _FRONT),
        ("outer_thighs", "Outer thighs", _BOTH),
        ("knees", "Knees", _FRONT),
        ("lower_legs", "Lower legs", _BOTH),
        ("feet", "Feet", _BOTH),
    )
)

MOUTH = Parameter(
    "mouth",
    "Mouth",
    (
        Choice("closed", "Closed mouth"),
        Choice("open_no_tongue", "Open mouth without tongue"),
        Choice("tongue", "Open mouth with tongue"),
    ),
)
CLOTHING = Parameter(
    "clothing", "Clothing", (Choice("clothed", "Clothed"), Choice("unclothed", "Unclothed"))
)

_TOUCH = "intimate_touch"
_SEX = "simulated_sex"
_ALWAYS = GenitalContact.ALWAYS
_UNCLOTHED = GenitalContact.UNCLOTHED
_AREA = GenitalContact.ON_GENITALS

CONTACT_ACTIONS: Mapping[str, ContactAction] = _table(
    (
        ContactAction(
            "touch_hand", "Touch with the hand", _TOUCH, True, (), _AREA,
            noun="touch with the hand on the {area}",
            verb="touch {rs} {area} with the hand",
            solo_verb="touch their own {area} with the hand",
        ),
        ContactAction(
            "hold_embrace", "Hold / embrace", _TOUCH, True, (), _AREA,
            noun="hold or embrace at the {area}", verb="hold {rs} {area}",
        ),
        ContactAction(
            "caress", "Caress", _TOUCH, True, (), _AREA,
            noun="caress of the {area}", verb="caress {rs} {area}",
            solo_verb="caress their own {area}",
        ),
        ContactAction(
            "grip", "Grip", _TOUCH, True, (), _AREA,
            noun="grip of the {area}", verb="grip {rs} {area}",
        ),
        ContactAction(
            "kiss", "Kiss", "kiss", True, (MOUTH,), _AREA,
            noun="kiss on the {area}", verb="kiss {r} on the {area}",
            pair_verb="kiss on the {area}",
        ),
        ContactAction(
            "body_press", "Body-to-body press", _TOUCH, False, (CLOTHING,), _UNCLOTHED,
            noun="body-to-body press", verb="press bodies with {r}", pair_verb="press bodies",
        ),
        ContactAction(
            "lie_on_top", "Lie on top", _TOUCH, False, (CLOTHING,), _UNCLOTHED,
            noun="lying on top", verb="lie on top of {r}",
        ),
        ContactAction(
            "straddle", "Straddle", _TOUCH, False, (CLOTHING,), _UNCLOTHED,
            noun="straddling", verb="straddle {r}",
        ),
        ContactAction(
            "simulated_thrusting", "Simulated thrusting", _SEX, False, (), _ALWAYS,
            noun="simulated thrusting", verb="simulate thrusting with {r}",
        ),
        ContactAction(
            "simulated_oral_sex", "Simulated oral sex", _SEX, False, (), _ALWAYS,
            noun="simulated oral sex", verb="simulate oral sex on {r}",
        ),
        ContactAction(
            "simulated_digital_penetration", "Simulated digital penetration", _SEX, False, (),
            _ALWAYS,
            noun="simulated digital penetration", verb="simulate digital penetration of {r}",
        ),
        ContactAction(
            "simulated_masturbation", "Simulated masturbation", _SEX, False, (), _ALWAYS,
            noun="simulated masturbation", verb="simulate masturbation of {r}",
            solo_verb="simulate masturbation",
        ),
    )
)  # fmt: skip

# Contact that is mutual by its nature: lips on lips, body against body. (action, area)
_RECIPROCAL = frozenset({("kiss", "lips"), ("body_press", None)})

NUDITY_PARTS: Mapping[str, NudityPart] = _table(
    NudityPart(code, label)
    for code, label in (
        ("breasts_chest", "Breasts / chest"),
        ("buttocks", "Buttocks"),
        ("genitals_frontal", "Genitals (frontal)"),
        ("side", "Side of the body"),
        ("back", "Back"),
    )
)
NOT_SHOWN = "not_shown"
VISIBILITIES: Mapping[str, Visibility] = _table(
    Visibility(code, label)
    for code, label in (
        (NOT_SHOWN, "Not shown"),
        ("implied_covered", "Implied / covered"),
        ("partially_visible", "Partially visible"),
        ("fully_visible", "Fully visible"),
    )
)
MODESTY_LEVELS: Mapping[str, ModestyLevel] = _table(
    ModestyLevel(code, label)
    for code, label in (
        ("pasties", "Pasties / nipple covers"),
        ("g_string", "G-string"),
        ("underwear_or_swimsuit", "Underwear or swimsuit"),
    )
)

# R5 "physical barrier": something that covers the genitals or separates two bodies. Pasties
# (nipples), a merkin (a hairpiece, worn over a patch), a robe (between takes) and comfort items
# are garments, not barriers.
GARMENTS: Mapping[str, Garment] = _table(
    (
        Garment("robe", "Robe"),
        Garment("pasties", "Pasties / nipple covers"),
        Garment("g_string", "G-string", physical_barrier=True, covers_genitals=True),
        Garment("strapless_thong", "Strapless thong", physical_barrier=True, covers_genitals=True),
        Garment(
            "flesh_tone_underwear", "Flesh-tone underwear", physical_barrier=True,
            covers_genitals=True,
        ),
        Garment("modesty_patch", "Modesty patch", physical_barrier=True, covers_genitals=True),
        Garment("modesty_pouch", "Modesty pouch", physical_barrier=True, covers_genitals=True),
        Garment(
            "genital_prosthetic", "Genital prosthetic", physical_barrier=True,
            covers_genitals=True,
        ),
        Garment("merkin", "Merkin"),
        Garment("barrier_pad", "Barrier pad / cushion", physical_barrier=True),
        Garment("knee_pads", "Knee pads"),
        Garment("heating_pads", "Heating pads"),
        Garment("breath_strips", "Breath strips / mouth spray"),
        Garment("lip_balm", "Lip balm"),
    )
)  # fmt: skip

AREA_ORDER: Mapping[str, int] = MappingProxyType({code: i for i, code in enumerate(BODY_AREAS)})
ACTION_ORDER: Mapping[str, int] = MappingProxyType(
    {code: i for i, code in enumerate(CONTACT_ACTIONS)}
)


def _lookup(table: Mapping[str, _T], code: str, what: str) -> _T:
    try:
        return table[code]
    except (KeyError, TypeError):
        raise ValueError(f"unknown {what} {code!r} (vocabulary {VOCABULARY_VERSION})") from None


def body_area(code: str) -> BodyArea:
    return _lookup(BODY_AREAS, code, "body area")


def contact_action(code: str) -> ContactAction:
    return _lookup(CONTACT_ACTIONS, code, "contact action")


def nudity_part(code: str) -> NudityPart:
    return _lookup(NUDITY_PARTS, code, "nudity part")


def visibility(code: str) -> Visibility:
    return _lookup(VISIBILITIES, code, "visibility")


def modesty_level(code: str) -> ModestyLevel:
    return _lookup(MODESTY_LEVELS, code, "modesty-garment level")


def garment(code: str) -> Garment:
    return _lookup(GARMENTS, code, "garment or barrier")


def simulated_sex(action: str) -> bool:
    return contact_action(action).simulated_sex


def possible_genital_contact(
    action: str, area: str | None, parameters: Params | Mapping[str, str] = ()
) -> bool:
    """R5: whether this contact may involve genital contact, so a beat must name a barrier.

    True for simulated thrusting, oral sex, digital penetration and masturbation (solo too),
    for any action on the groin/genitals, and for body press, lying on top and straddling
    unless they are stated as clothed. An unknown action raises ValueError.
    """
    kind = contact_action(action).genital_contact
    if kind is GenitalContact.ALWAYS or area == "genitals":
        return True
    if kind is GenitalContact.UNCLOTHED:
        values = dict(parameters)
        return values.get(CLOTHING.code) != "clothed"
    return False


def reciprocal(action: str, area: str | None) -> bool:
    """Contact that is mutual by nature: each side both gives and receives it (R3)."""
    return (action, area) in _RECIPROCAL


def kiss_placement(area: str) -> str:
    """DOMAIN.md's kiss placement for a body area: "lips", "neck" or "body"."""
    body_area(area)
    return area if area in ("lips", "neck") else "body"


def needs_agreement(visibility_code: str) -> bool:
    """Whether showing a part at this visibility needs a yes ("not shown" does not)."""
    visibility(visibility_code)
    return visibility_code != NOT_SHOWN


def physical_barrier(code: str) -> bool:
    return garment(code).physical_barrier


def covers_genitals(code: str) -> bool:
    return garment(code).covers_genitals


def _choices(parameter: Parameter) -> dict[str, object]:
    return {
        "code": parameter.code,
        "label": parameter.label,
        "choices": [{"code": c.code, "label": c.label} for c in parameter.choices],
    }


def vocabulary_json() -> dict[str, object]:
    """The whole vocabulary as JSON-able data, in display order."""
    placements: dict[str, list[str]] = {"lips": [], "neck": [], "body": []}
    for code in BODY_AREAS:
        placements[kiss_placement(code)].append(code)
    return {
        "version": VOCABULARY_VERSION,
        "answers": [{"code": a.value, "label": label} for a, label in ANSWER_LABELS.items()],
        "unanswered_label": UNANSWERED_LABEL,
        "directions": [{"code": d.value, "label": label} for d, label in DIRECTION_LABELS.items()],
        "body_areas": [
            {"code": a.code, "label": a.label, "views": sorted(v.value for v in a.views)}
            for a in BODY_AREAS.values()
        ],
        "contact_actions": [
            {
                "code": a.code,
                "label": a.label,
                "category": a.category,
                "takes_area": a.takes_area,
                "parameters": [_choices(p) for p in a.parameters],
                "simulated_sex": a.simulated_sex,
                "solo": a.solo,
                "genital_contact": a.genital_contact.value,
                "reciprocal_areas": [
                    area for action, area in sorted(_RECIPROCAL, key=str) if action == a.code
                ],
            }
            for a in CONTACT_ACTIONS.values()
        ],
        "kiss_placements": placements,
        "nudity": {
            "parts": [{"code": p.code, "label": p.label} for p in NUDITY_PARTS.values()],
            "visibilities": [{"code": v.code, "label": v.label} for v in VISIBILITIES.values()],
            "modesty_levels": [{"code": m.code, "label": m.label} for m in MODESTY_LEVELS.values()],
        },
        "garments": [
            {
                "code": g.code,
                "label": g.label,
                "physical_barrier": g.physical_barrier,
                "covers_genitals": g.covers_genitals,
            }
            for g in GARMENTS.values()
        ],
        "doubles": [{"code": k.value, "label": label} for k, label in DOUBLE_KINDS.items()],
        "stills": {"label": STILLS_LABEL},
    }

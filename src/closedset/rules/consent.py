"""The consent of one performer for one scene: specific, per partner, revocable (R3, R4, R10).

Items (frozen, hashable, canonical: two equal items are the same question):

    Act(action, area=None, parameters=())       what is done; `act("kiss", "lips", mouth="closed")`
    ContactItem(direction, partner, act)        give to / receive from one partner; partner None
                                                only in a boundary profile ("any partner")
    SoloItem(act)                               an act performed alone (self-touch, simulated
                                                masturbation)
    NudityItem(part, visibility)                a body part shown at one visibility
    ModestyItem(level)                          appearing in pasties, a G-string, underwear
    GarmentItem(garment)                        a garment or barrier the performer needs
    DoubleItem(kind, covers)                    a body or digital double may perform `covers`
    StillsItem()                                stills of nudity or simulated sex may be taken

    give(partner, act) / receive(partner, act) build contact items.

Each item has an `Answer` (yes, no, discuss); an item without an answer is "not answered" and is
never agreed. Matching is exact (R3): a yes to (kiss, lips, closed mouth) says nothing about
(kiss, lips, with tongue), and a yes to buttocks fully visible says nothing about partially
visible. There is no inference between items.

Values:

    SceneConsent(performer, scene, version=1, answers={}, guardian_name=None,
                 guardian_signed=False)
        Immutable and hashable; `answers` becomes a `FrozenMap` (read-only, picklable).
        `guardian_signed` means the named guardian co-signed *this* version (R10);
        `cosigned` is True when both are set.
    BoundaryProfile(performer, answers={})      general limits; contact items have partner None

Functions:

    validate_consent(consent, *, partners, age) -> list[Problem]
    validate_profile(profile) -> list[Problem]
    well_formed(item) -> bool                   known codes, complete parameters
    act_problems(act, *, solo=False) -> list[Problem]
    standing(consent, item, *, age=None) -> Standing      how one item stands for the checks
    agreed(consent, item, *, age=None) -> bool
    edit(consent, changes) -> SceneConsent      new version; a None answer clears the item
    withdraw(consent, items=None) -> SceneConsent
    apply_profile(profile, consent, *, partners) -> SceneConsent
    profile_conflicts(profile, consent) -> list[Item]
    profile_answer(profile, item) -> Answer | None
    general(item) -> Item                       the item with its partner removed
    needed_for_contact(doer, receiver, act) -> tuple[(performer, ContactItem), ...]
    barred_for_minors(item) -> bool / needs_guardian(item) -> bool
    describe_item(item, names=None) -> str      clinical text for riders and the coordinator
    act_noun(act) -> str                        "kiss on the lips (closed mouth)"
    item_to_json(item) / item_from_json(data) / item_key(item)
    consent_to_json(consent) / consent_from_json(data)

Every function that changes answers returns a new `SceneConsent` with `version + 1`, or the same
object when nothing changed. Any change that adds a yes clears `guardian_signed`: a guardian's
co-signature covers the version it signed, and a withdrawal only narrows that.

Problems name their rule: "R3" (an answer that is not specific: unknown code, missing parameter,
partner not in the scene, the performer as their own partner), "R4" (doubles), "R10" (minors).
"""

from __future__ import annotations

import json
from collections.abc import (
    Collection,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    ValuesView,
)
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise
from typing import Any, TypeVar

from closedset.rules.minors import barred_act, barred_exposure, barred_modesty, is_minor
from closedset.rules.vocabulary import (
    BODY_AREAS,
    CONTACT_ACTIONS,
    DOUBLE_KINDS,
    GARMENTS,
    MODESTY_LEVELS,
    NUDITY_PARTS,
    STILLS_LABEL,
    VISIBILITIES,
    VOCABULARY_VERSION,
    Answer,
    Direction,
    DoubleKind,
    Params,
    in_sentence,
    reciprocal,
)

__all__ = [
    "Act",
    "Answer",
    "BoundaryProfile",
    "ContactItem",
    "ContentItem",
    "Direction",
    "DoubleItem",
    "DoubleKind",
    "Exposure",
    "FrozenMap",
    "GarmentItem",
    "Item",
    "ModestyItem",
    "NudityItem",
    "Params",
    "Problem",
    "SceneConsent",
    "SoloItem",
    "Standing",
    "StillsItem",
    "act",
    "act_noun",
    "act_problems",
    "agreed",
    "apply_profile",
    "barred_for_minors",
    "consent_from_json",
    "consent_to_json",
    "describe_item",
    "edit",
    "general",
    "give",
    "item_from_json",
    "item_key",
    "item_to_json",
    "needed_for_contact",
    "needs_guardian",
    "profile_answer",
    "profile_conflicts",
    "profile_from_json",
    "profile_to_json",
    "receive",
    "standing",
    "validate_consent",
    "validate_profile",
    "well_formed",
    "withdraw",
]


_K = TypeVar("_K")
_V = TypeVar("_V")


class FrozenMap(Mapping[_K, _V]):
    """A read-only, hashable mapping that copies, pickles and compares like a dict."""

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[_K, _V] | Iterable[tuple[_K, _V]] = ()) -> None:
        self._data: dict[_K, _V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: _K) -> _V:
        return self._data[key]

    def get(self, key: _K, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def keys(self) -> KeysView[_K]:
        return self._data.keys()

    def values(self) -> ValuesView[_V]:
        return self._data.values()

    def items(self) -> ItemsView[_K, _V]:
        return self._data.items()

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMap[_K, _V]], tuple[dict[_K, _V]]]:
        return (type(self), (self._data,))


@dataclass(frozen=True, slots=True)
class Act:
    """An action, its body area (None where the action takes none) and all its parameters.

    `parameters` may be given as a mapping or as pairs in any order; it is stored sorted.
    """

    action: str
    area: str | None = None
    parameters: Params = ()

    def __post_init__(self) -> None:
        given: Any = self.parameters
        pairs = given.items() if isinstance(given, Mapping) else given
        canonical = tuple(sorted((code, value) for code, value in pairs))
        for (code, _), (following, _) in pairwise(canonical):
            if code == following:
                raise ValueError(f"R3: parameter {code!r} is given twice")
        if canonical != given:
            object.__setattr__(self, "parameters", canonical)


def act(action: str, area: str | None = None, **parameters: str) -> Act:
    return Act(action, area, tuple(parameters.items()))


@dataclass(frozen=True, slots=True)
class ContactItem:
    direction: Direction
    partner: str | None
    act: Act

    def __post_init__(self) -> None:
        if type(self.direction) is not Direction:
            object.__setattr__(self, "direction", Direction(self.direction))


@dataclass(frozen=True, slots=True)
class SoloItem:
    act: Act


@dataclass(frozen=True, slots=True)
class NudityItem:
    part: str
    visibility: str


@dataclass(frozen=True, slots=True)
class ModestyItem:
    level: str


@dataclass(frozen=True, slots=True)
class GarmentItem:
    garment: str


ContentItem = ContactItem | SoloItem | NudityItem | ModestyItem
Exposure = NudityItem | ModestyItem


@dataclass(frozen=True, slots=True)
class DoubleItem:
    kind: DoubleKind
    covers: ContentItem

    def __post_init__(self) -> None:
        if type(self.kind) is not DoubleKind:
            object.__setattr__(self, "kind", DoubleKind(self.kind))


@dataclass(frozen=True, slots=True)
class StillsItem:
    pass


Item = ContentItem | GarmentItem | DoubleItem | StillsItem
_ITEM_TYPES = (ContactItem, SoloItem, NudityItem, ModestyItem, GarmentItem, DoubleItem, StillsItem)
_CONTENT_TYPES = (ContactItem, SoloItem, NudityItem, ModestyItem)


def give(partner: str, what: Act) -> ContactItem:
    return ContactItem(Direction.GIVE, partner, what)


def receive(partner: str, what: Act) -> ContactItem:
    return ContactItem(Direction.RECEIVE, partner, what)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an answer or a request is refused. `message` starts with the rule id."""

    rule: str
    code: str
    message: str
    item: Item | None = None


def _frozen_answers(answers: Mapping[Item, Answer]) -> FrozenMap[Item, Answer]:
    normal: dict[Item, Answer] = {}
    for item, answer in answers.items():
        if not isinstance(item, _ITEM_TYPES):
            raise TypeError(f"not a consent item: {item!r}")
        normal[item] = answer if type(answer) is Answer else Answer(answer)
    return FrozenMap(normal)


@dataclass(frozen=True, slots=True)
class SceneConsent:
    """One performer's answers for one scene, at one version.

    The app stores every version (who, when) and, for a performer under 18, the guardian's name
    and whether the guardian co-signed this version.
    """

    performer: str
    scene: str
    version: int = 1
    answers: Mapping[Item, Answer] = field(default_factory=dict)
    guardian_name: str | None = None
    guardian_signed: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.version, bool) or not isinstance(self.version, int) or self.version < 1:
            raise ValueError("R4: a consent version is a whole number from 1")
        object.__setattr__(self, "answers", _frozen_answers(self.answers))

    @property
    def cosigned(self) -> bool:
        """R10: a named guardian co-signed this version."""
        return self.guardian_signed and bool(self.guardian_name and self.guardian_name.strip())


@dataclass(frozen=True, slots=True)
class BoundaryProfile:
    """A performer's general limits and openness; contact items name no partner."""

    performer: str
    answers: Mapping[Item, Answer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", _frozen_answers(self.answers))


class Standing(StrEnum):
    """How one item stands for the container and the choreography checks."""

    AGREED = "agreed"
    DISCUSS = "discuss"
    NO = "no"
    UNANSWERED = "unanswered"
    GUARDIAN_NEEDED = "guardian_needed"  # R10: a yes from a minor, not co-signed
    BARRED = "barred"  # R10: never for a minor, whatever the answer


# --- structure ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _act_faults(what: Act, solo: bool) -> tuple[str, ...]:
    action = CONTACT_ACTIONS.get(what.action)
    if action is None:
        return (f"unknown contact action {what.action!r}",)
    faults: list[str] = []
    if action.takes_area and what.area is None:
        faults.append(f"{what.action!r} needs a body area")
    elif not action.takes_area and what.area is not None:
        faults.append(f"{what.action!r} takes no body area")
    elif what.area is not None and what.area not in BODY_AREAS:
        faults.append(f"unknown body area {what.area!r}")
    given = dict(what.parameters)
    for parameter in action.parameters:
        value = given.pop(parameter.code, None)
        if value is None:
            faults.append(f"{what.action!r} needs its {parameter.code!r}")
        elif value not in {choice.code for choice in parameter.choices}:
            faults.append(f"unknown {parameter.code!r} value {value!r}")
    faults.extend(f"{what.action!r} has no parameter {code!r}" for code in sorted(given))
    if solo and not action.solo:
        faults.append(f"{what.action!r} needs a partner")
    return tuple(faults)


def _r3(code: str, message: str, item: Item | None) -> Problem:
    return Problem("R3", code, f"R3: {message}", item)


def act_problems(what: Act, *, solo: bool = False) -> list[Problem]:
    """What is wrong with an act (unknown codes, area, parameters); `solo`: with no partner."""
    return [_r3("invalid_act", fault, None) for fault in _act_faults(what, solo)]


def _structure(
    item: Item,
    *,
    performer: str | None,
    partners: Collection[str] | None,
    profile: bool,
    top: Item,
) -> list[Problem]:
    """Problems with an item's codes and partner; `top` is the item the answer belongs to."""
    if isinstance(item, ContactItem):
        problems = [_r3("invalid_act", fault, top) for fault in _act_faults(item.act, False)]
        if profile:
            if item.partner is not None:
                message = "a boundary profile is general: it names no partner"
                problems.append(_r3("profile_partner", message, top))
        elif item.partner is None:
            problems.append(_r3("partner_required", "a scene answer names its partner", top))
        elif item.partner == performer:
            problems.append(_r3("self_partner", "a performer is not their own partner", top))
        elif partners is not None and item.partner not in partners:
            problems.append(
                _r3("partner_not_in_scene", f"partner {item.partner!r} is not in this scene", top)
            )
        return problems
    if isinstance(item, SoloItem):
        return [_r3("invalid_act", fault, top) for fault in _act_faults(item.act, True)]
    if isinstance(item, NudityItem):
        problems = []
        if item.part not in NUDITY_PARTS:
            problems.append(_r3("unknown_code", f"unknown nudity part {item.part!r}", top))
        if item.visibility not in VISIBILITIES:
            problems.append(_r3("unknown_code", f"unknown visibility {item.visibility!r}", top))
        return problems
    if isinstance(item, ModestyItem):
        if item.level not in MODESTY_LEVELS:
            return [_r3("unknown_code", f"unknown modesty-garment level {item.level!r}", top)]
        return []
    if isinstance(item, GarmentItem):
        if item.garment not in GARMENTS:
            return [_r3("unknown_code", f"unknown garment or barrier {item.garment!r}", top)]
        return []
    if isinstance(item, DoubleItem):
        if not isinstance(item.covers, _CONTENT_TYPES):
            message = "R4: a double performs content only: contact, acts, nudity, modesty level"
            return [Problem("R4", "double_content", message, top)]
        return _structure(
            item.covers, performer=performer, partners=partners, profile=profile, top=top
        )
    return []


def well_formed(item: Item) -> bool:
    """Every code is in the vocabulary and every act has exactly its parameters (no partner
    checks)."""
    if isinstance(item, ContactItem):
        return not _act_faults(item.act, False)
    if isinstance(item, SoloItem):
        return not _act_faults(item.act, True)
    if isinstance(item, NudityItem):
        return item.part in NUDITY_PARTS and item.visibility in VISIBILITIES
    if isinstance(item, ModestyItem):
        return item.level in MODESTY_LEVELS
    if isinstance(item, GarmentItem):
        return item.garment in GARMENTS
    if isinstance(item, DoubleItem):
        return isinstance(item.covers, _CONTENT_TYPES) and well_formed(item.covers)
    return isinstance(item, StillsItem)


def barred_for_minors(item: Item) -> bool:
    """R10: content a performer under 18 may never agree to (the item must be well formed)."""
    if isinstance(item, ContactItem | SoloItem):
        return barred_act(item.act.action, item.act.area, item.act.parameters)
    if isinstance(item, NudityItem):
        return barred_exposure(item.visibility)
    if isinstance(item, ModestyItem):
        return barred_modesty(item.level)
    if isinstance(item, DoubleItem):
        return barred_for_minors(item.covers)
    return False


def needs_guardian(item: Item) -> bool:
    """R10: a kiss or intimate touch: a minor agrees only with a guardian's co-signature."""
    if isinstance(item, DoubleItem):
        return needs_guardian(item.covers)
    return isinstance(item, ContactItem | SoloItem) and not barred_for_minors(item)


def validate_consent(
    consent: SceneConsent, *, partners: Collection[str], age: int | None
) -> list[Problem]:
    """Everything wrong with a scene consent; an empty list means the app may store it.

    `partners` are the performer's scene partners (the cast of the scene); `age` is the
    performer's age (None when unknown). A minor's nudity or sexual-content answer other than
    "no" is refused (R10), and so is a minor's yes to a kiss or intimate touch without a named
    guardian's co-signature on this version.
    """
    problems: list[Problem] = []
    minor = is_minor(age)
    for item, answer in consent.answers.items():
        found = _structure(
            item, performer=consent.performer, partners=partners, profile=False, top=item
        )
        problems.extend(found)
        if found or not minor:
            continue
        if answer is not Answer.NO and barred_for_minors(item):
            problems.append(
                Problem(
                    "R10",
                    "minor_content",
                    "R10: a performer under 18 may not agree to nudity or sexual content; "
                    f"the only answer is no ({describe_item(item)})",
                    item,
                )
            )
        elif answer is Answer.YES and needs_guardian(item) and not consent.cosigned:
            problems.append(
                Problem(
                    "R10",
                    "guardian_cosignature_required",
                    "R10: a performer under 18 needs a named guardian's co-signature for "
                    f"{describe_item(item)}",
                    item,
                )
            )
    return problems


def validate_profile(profile: BoundaryProfile) -> list[Problem]:
    problems: list[Problem] = []
    for item in profile.answers:
        problems.extend(_structure(item, performer=None, partners=None, profile=True, top=item))
    return problems


# --- standing -----------------------------------------------------------------------------


def standing(consent: SceneConsent | None, item: Item, *, age: int | None = None) -> Standing:
    """Where `item` stands in `consent` (None: the performer has no consent yet).

    The item must be well formed (`well_formed`); `age` is the performer's age (None: unknown).
    """
    minor = is_minor(age)
    if minor and barred_for_minors(item):
        return Standing.BARRED
    answer = consent.answers.get(item) if consent is not None else None
    if answer is Answer.YES:
        if minor and consent is not None and not consent.cosigned and needs_guardian(item):
            return Standing.GUARDIAN_NEEDED
        return Standing.AGREED
    if answer is Answer.DISCUSS:
        return Standing.DISCUSS
    if answer is Answer.NO:
        return Standing.NO
    return Standing.UNANSWERED


def agreed(consent: SceneConsent | None, item: Item, *, age: int | None = None) -> bool:
    return standing(consent, item, age=age) is Standing.AGREED


def needed_for_contact(doer: str, receiver: str, what: Act) -> tuple[tuple[str, ContactItem], ...]:
    """The answers a contact needs: the doer gives it, the receiver receives it (R3).

    Contact that is mutual by nature (kiss on the lips, body press) needs both directions from
    both performers.
    """
    needed: tuple[tuple[str, ContactItem], ...] = (
        (doer, give(receiver, what)),
        (receiver, receive(doer, what)),
    )
    if reciprocal(what.action, what.area):
        needed += ((receiver, give(doer, what)), (doer, receive(receiver, what)))
    return needed


# --- changes ------------------------------------------------------------------------------


def edit(consent: SceneConsent, changes: Mapping[Item, Answer | None]) -> SceneConsent:
    """A new version with `changes` applied (None clears an answer to "not answered")."""
    answers = dict(consent.answers)
    adds_yes = False
    for item, new in changes.items():
        old = answers.get(item)
        if new is None:
            answers.pop(item, None)
            continue
        new_answer = Answer(new)
        if new_answer is Answer.YES and old is not Answer.YES:
            adds_yes = True
        answers[item] = new_answer
    if answers == dict(consent.answers):
        return consent
    return replace(
        consent,
        version=consent.version + 1,
        answers=answers,
        guardian_signed=consent.guardian_signed and not adds_yes,
    )


def withdraw(consent: SceneConsent, items: Iterable[Item] | None = None) -> SceneConsent:
    """R4: the given items, or the whole scene, become "no". No reason is asked or stored.

    Withdrawing the whole scene (`items=None`) turns every answered content item and the stills
    answer into "no". Garments a performer needs stay (a withdrawal does not remove protection),
    and so do double permissions: after a withdrawal a double is the production's only path
    (R4); the performer withdraws a double permission by naming it.
    """
    if items is None:
        chosen: Iterable[Item] = [
            item for item in consent.answers if not isinstance(item, GarmentItem | DoubleItem)
        ]
    else:
        chosen = items
    return edit(consent, dict.fromkeys(chosen, Answer.NO))


# --- boundary profile ---------------------------------------------------------------------


def general(item: Item) -> Item:
    """The item as a boundary profile states it: with no partner."""
    if isinstance(item, ContactItem) and item.partner is not None:
        return replace(item, partner=None)
    if isinstance(item, DoubleItem) and isinstance(item.covers, ContactItem):
        return replace(item, covers=replace(item.covers, partner=None))
    return item


def _for_partner(item: Item, partner: str) -> Item:
    if isinstance(item, ContactItem):
        return replace(item, partner=partner)
    if isinstance(item, DoubleItem) and isinstance(item.covers, ContactItem):
        return replace(item, covers=replace(item.covers, partner=partner))
    return item


def _names_partner(item: Item) -> bool:
    return isinstance(item, ContactItem) or (
        isinstance(item, DoubleItem) and isinstance(item.covers, ContactItem)
    )


def profile_answer(profile: BoundaryProfile, item: Item) -> Answer | None:
    """The profile's general answer to a scene item (a hint for the form, never an answer)."""
    return profile.answers.get(general(item))


def apply_profile(
    profile: BoundaryProfile, consent: SceneConsent, *, partners: Collection[str]
) -> SceneConsent:
    """Pre-fill unanswered scene items from the profile.

    A profile "no" or "discuss" pre-fills the same answer; a profile "yes" pre-fills nothing
    (permission given in one place is not permission in another, R3), except for garments and
    barriers, which are needs, not permissions. Answered items are never changed.
    """
    if profile.performer != consent.performer:
        raise ValueError("the profile belongs to another performer")
    fills: dict[Item, Answer | None] = {}
    others = [p for p in partners if p != consent.performer]
    for item, answer in profile.answers.items():
        if answer is Answer.YES and not isinstance(item, GarmentItem):
            continue
        targets = [_for_partner(item, p) for p in others] if _names_partner(item) else [item]
        for target in targets:
            if target not in consent.answers:
                fills[target] = answer
    return edit(consent, fills)


def profile_conflicts(profile: BoundaryProfile, consent: SceneConsent) -> list[Item]:
    """Scene yes answers that contradict a profile "no": each needs the performer's explicit
    confirmation before it is stored."""
    if profile.performer != consent.performer:
        raise ValueError("the profile belongs to another performer")
    conflicts = [
        item
        for item, answer in consent.answers.items()
        if answer is Answer.YES and profile.answers.get(general(item)) is Answer.NO
    ]
    return sorted(conflicts, key=item_key)


# --- text ---------------------------------------------------------------------------------


def _label(table: Mapping[str, Any], code: str) -> str:
    term = table.get(code)
    return str(term.label) if term is not None else code


def act_noun(what: Act) -> str:
    """ "kiss on the lips (closed mouth)"."""
    action = CONTACT_ACTIONS.get(what.action)
    if action is None:
        return what.action
    area = in_sentence(_label(BODY_AREAS, what.area)) if what.area is not None else ""
    return action.noun.format(area=area) + _params_text(what)


def _params_text(what: Act) -> str:
    action = CONTACT_ACTIONS.get(what.action)
    if action is None or not what.parameters:
        return ""
    given = dict(what.parameters)
    words = []
    for parameter in action.parameters:
        code = given.get(parameter.code)
        if code is not None:
            labels = {choice.code: choice.phrase for choice in parameter.choices}
            words.append(labels.get(code, code))
    return f" ({'; '.join(words)})" if words else ""


def describe_item(item: Item, names: Mapping[str, str] | None = None) -> str:
    """The item in clinical language: "Give to Luis: kiss on the lips (closed mouth)"."""
    names = names or {}
    if isinstance(item, ContactItem):
        who = "any partner" if item.partner is None else names.get(item.partner, item.partner)
        prefix = "Give to" if item.direction is Direction.GIVE else "Receive from"
        return f"{prefix} {who}: {act_noun(item.act)}"
    if isinstance(item, SoloItem):
        return f"Alone: {act_noun(item.act)}"
    if isinstance(item, NudityItem):
        part = in_sentence(_label(NUDITY_PARTS, item.part))
        return f"Nudity: {part}, {in_sentence(_label(VISIBILITIES, item.visibility))}"
    if isinstance(item, ModestyItem):
        return f"Modesty garment: {_label(MODESTY_LEVELS, item.level)}"
    if isinstance(item, GarmentItem):
        return f"Garment or barrier: {_label(GARMENTS, item.garment)}"
    if isinstance(item, DoubleItem):
        kind = DOUBLE_KINDS.get(item.kind, str(item.kind))
        return f"{kind} may perform: {in_sentence(describe_item(item.covers, names))}"
    return STILLS_LABEL


# --- JSON ---------------------------------------------------------------------------------


def _act_json(what: Act) -> dict[str, Any]:
    return {"action": what.action, "area": what.area, "parameters": dict(what.parameters)}


def item_to_json(item: Item) -> dict[str, Any]:
    """A JSON-able dict; `item_from_json` reads it back to an equal item."""
    if isinstance(item, ContactItem):
        return {
            "kind": "contact",
            "direction": item.direction.value,
            "partner": item.partner,
            **_act_json(item.act),
        }
    if isinstance(item, SoloItem):
        return {"kind": "solo", **_act_json(item.act)}
    if isinstance(item, NudityItem):
        return {"kind": "nudity", "part": item.part, "visibility": item.visibility}
    if isinstance(item, ModestyItem):
        return {"kind": "modesty", "level": item.level}
    if isinstance(item, GarmentItem):
        return {"kind": "garment", "garment": item.garment}
    if isinstance(item, DoubleItem):
        return {"kind": "double", "double": item.kind.value, "covers": item_to_json(item.covers)}
    return {"kind": "stills"}


def item_key(item: Item) -> str:
    """A canonical string for an item: equal items, equal keys (for sorting and hashing)."""
    return json.dumps(item_to_json(item), sort_keys=True, separators=(",", ":"))


def _text(data: Mapping[str, Any], key: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError(f"R3: {key!r} must be a non-empty string")
    return value


def _act_from(data: Mapping[str, Any]) -> Act:
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in parameters.items()
    ):
        raise ValueError("R3: 'parameters' must map parameter codes to value codes")
    return Act(_text(data, "action"), _text(data, "area", optional=True), tuple(parameters.items()))


def _item_from(data: Any) -> Item:
    if not isinstance(data, Mapping):
        raise ValueError("R3: an item is an object with a 'kind'")
    kind = data.get("kind")
    if kind == "contact":
        direction = _text(data, "direction")
        if direction not in {d.value for d in Direction}:
            raise ValueError(f"R3: unknown direction {direction!r}")
        partner = _text(data, "partner", optional=True)
        return ContactItem(Direction(direction), partner, _act_from(data))
    if kind == "solo":
        return SoloItem(_act_from(data))
    if kind == "nudity":
        return NudityItem(_text(data, "part"), _text(data, "visibility"))
    if kind == "modesty":
        return ModestyItem(_text(data, "level"))
    if kind == "garment":
        return GarmentItem(_text(data, "garment"))
    if kind == "double":
        double = _text(data, "double")
        if double not in {k.value for k in DoubleKind}:
            raise ValueError(f"R4: unknown kind of double {double!r}")
        covers = _item_from(data.get("covers"))
        if not isinstance(covers, _CONTENT_TYPES):
            raise ValueError("R4: a double performs content only: contact, acts, nudity")
        return DoubleItem(DoubleKind(double), covers)
    if kind == "stills":
        return StillsItem()
    raise ValueError(f"R3: unknown kind of item {kind!r}")


def act_to_json(what: Act) -> dict[str, Any]:
    """An act as JSON (action, area, parameters); `act_from_json` reads it back."""
    return _act_json(what)


def act_from_json(data: Any) -> Act:
    """Read an act's shape; ValueError naming the rule. Codes are checked by `act_problems`."""
    if not isinstance(data, Mapping):
        raise ValueError("R3: an act is an object with an 'action'")
    return _act_from(data)


def item_from_json(data: Any) -> Item:
    """Read an item; ValueError (naming the rule) for bad shape or an unknown code."""
    item = _item_from(data)
    problems = _structure(item, performer=None, partners=None, profile=True, top=item)
    problems = [p for p in problems if p.code != "profile_partner"]
    if problems:
        raise ValueError(problems[0].message)
    return item


def consent_to_json(consent: SceneConsent) -> dict[str, Any]:
    """A JSON-able dict, answers sorted canonically (stable for content hashes)."""
    answers = sorted(consent.answers.items(), key=lambda pair: item_key(pair[0]))
    return {
        "vocabulary": VOCABULARY_VERSION,
        "performer": consent.performer,
        "scene": consent.scene,
        "version": consent.version,
        "guardian_name": consent.guardian_name,
        "guardian_signed": consent.guardian_signed,
        "answers": [
            {"item": item_to_json(item), "answer": answer.value} for item, answer in answers
        ],
    }


def consent_from_json(data: Any) -> SceneConsent:
    """Read a consent; ValueError for bad shape, unknown codes or a repeated item."""
    if not isinstance(data, Mapping):
        raise ValueError("R3: a consent is an object")
    entries = data.get("answers", [])
    if not isinstance(entries, list):
        raise ValueError("R3: 'answers' is a list")
    answers: dict[Item, Answer] = {}
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise ValueError("R3: each answer is an object with 'item' and 'answer'")
        item = item_from_json(entry.get("item"))
        if item in answers:
            raise ValueError(f"R3: {describe_item(item)} is answered twice")
        value = entry.get("answer")
        if value not in {a.value for a in Answer}:
            raise ValueError(f"R3: unknown answer {value!r} (yes, no or discuss)")
        answers[item] = Answer(value)
    version = data.get("version", 1)
    guardian_name = data.get("guardian_name")
    guardian_signed = data.get("guardian_signed", False)
    if guardian_name is not None and not isinstance(guardian_name, str):
        raise ValueError("R10: 'guardian_name' is a string")
    if not isinstance(guardian_signed, bool):
        raise ValueError("R10: 'guardian_signed' is true or false")
    return SceneConsent(
        performer=_text(data, "performer"),
        scene=_text(data, "scene"),
        version=version,
        answers=answers,
        guardian_name=guardian_name,
        guardian_signed=guardian_signed,
    )


def profile_to_json(profile: BoundaryProfile) -> dict[str, Any]:
    """A boundary profile as JSON (answers sorted, like ``consent_to_json``)."""
    answers = sorted(profile.answers.items(), key=lambda pair: item_key(pair[0]))
    return {
        "vocabulary": VOCABULARY_VERSION,
        "performer": profile.performer,
        "answers": [
            {"item": item_to_json(item), "answer": answer.value} for item, answer in answers
        ],
    }


def profile_from_json(data: Any) -> BoundaryProfile:
    """Read a boundary profile; ValueError for bad shape or unknown codes."""
    if not isinstance(data, Mapping):
        raise ValueError("R3: a boundary profile is an object")
    consent = consent_from_json(
        {
            "answers": data.get("answers") or [],
            "performer": data.get("performer") or "-",
            "scene": "profile",
        }
    )
    return BoundaryProfile(performer=str(data.get("performer") or ""), answers=consent.answers)

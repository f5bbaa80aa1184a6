"""Choreography: each beat checked against every involved performer's consent (R3, R5, R10).

    Beat(order, doers, act=None, receiver=None, barriers=frozenset(), dress={},
         camera_note="", placeholder=False)
    validate(beats, consents, cast, policy=DEFAULT_POLICY) -> list[BeatResult]
    for_director(results) -> list[DirectorResult]
    beat_problems(beat, cast) -> list[Problem]       malformed beats (the app answers 400)
    requirements(beat) -> tuple[(performer, Item), ...]
    reason_text(reason, names=None) -> str
    describe_beat(beat, names) -> str               the beat in one plain sentence
    beat_to_json(beat) -> dict; beat_from_json(data) -> Beat   (ValueError naming the rule)

A beat is one moment: its doers perform `act` on `receiver` (or alone, when there is no
receiver; or nothing, when `act` is None and the beat is only a state of dress). `dress` gives
each involved performer's nudity and modesty-garment level in the beat. `barriers` names the
physical barriers and garments used. A placeholder beat (a stand-in for contact in early
rehearsal) is validated like any other and marked.

What a beat needs (`requirements`): for each doer, the contact items `needed_for_contact` lists
(the doer gives, the receiver receives; both ways for mutual contact), or the solo act; and for
each performer in `dress`, each item shown (not "not shown").

Each result has one status, the worst of its reasons:
- `prohibited`: R5, possible genital contact with no physical barrier named (and, when the
  production's policy requires genital coverage at all times, genital exposure or contact with
  no garment covering the genitals); or R10, a performer under 18 in nudity or sexual content.
  These depend only on the beat and the ages, never on anyone's answers.
- `outside`: something it needs is "no" or not answered, a minor's kiss or touch lacks the
  guardian's co-signature (R10), or the beat is malformed.
- `pending`: something it needs is still "discuss", and nothing is outside.
- `ok`: every involved performer agreed to exactly this, and no rule prohibits it.

Coordinators see the reasons (naming performers and their answers). Everyone else gets
`for_director`: `ok`, `outside` ("Outside the agreement") or `prohibited` with the rule ids
only. It is the same whether a missing answer is "no", "discuss" or not given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from closedset.rules.consent import (
    Act,
    Exposure,
    FrozenMap,
    Item,
    ModestyItem,
    NudityItem,
    Problem,
    SceneConsent,
    SoloItem,
    Standing,
    act_from_json,
    act_noun,
    act_problems,
    act_to_json,
    describe_item,
    item_from_json,
    item_to_json,
    needed_for_contact,
    standing,
    well_formed,
)
from closedset.rules.container import Cast, check_consents
from closedset.rules.vocabulary import (
    GARMENTS,
    NOT_SHOWN,
    in_sentence,
    possible_genital_contact,
)

_GENITAL_PART = "genitals_frontal"


@dataclass(frozen=True, slots=True)
class Beat:
    order: int
    doers: tuple[str, ...]
    act: Act | None = None
    receiver: str | None = None
    barriers: frozenset[str] = frozenset()
    dress: Mapping[str, frozenset[Exposure]] = field(default_factory=dict)
    camera_note: str = ""
    placeholder: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "doers", tuple(dict.fromkeys(self.doers)))
        object.__setattr__(self, "barriers", frozenset(self.barriers))
        object.__setattr__(
            self,
            "dress",
            FrozenMap({p: frozenset(items) for p, items in self.dress.items()}),
        )

    @property
    def involved(self) -> tuple[str, ...]:
        people = list(self.doers)
        if self.receiver is not None:
            people.append(self.receiver)
        people.extend(self.dress)
        return tuple(dict.fromkeys(people))


class Status(StrEnum):
    OK = "ok"
    PENDING = "pending"
    OUTSIDE = "outside"
    PROHIBITED = "prohibited"


_RANK = {Status.OK: 0, Status.PENDING: 1, Status.OUTSIDE: 2, Status.PROHIBITED: 3}


class ReasonCode(StrEnum):
    DISCUSS = "discuss"
    NO = "no"
    NOT_ANSWERED = "not_answered"
    GUARDIAN_NEEDED = "guardian_needed"
    MINOR = "minor"
    NO_BARRIER = "no_barrier"
    GENITAL_COVERAGE = "genital_coverage"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str
    code: ReasonCode
    status: Status
    performer: str | None = None
    item: Item | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class BeatResult:
    order: int
    status: Status
    reasons: tuple[Reason, ...]
    placeholder: bool = False


class DirectorStatus(StrEnum):
    OK = "ok"
    OUTSIDE = "outside"
    PROHIBITED = "prohibited"


DIRECTOR_LABELS: Mapping[DirectorStatus, str] = MappingProxyType(
    {
        DirectorStatus.OK: "Within the agreement",
        DirectorStatus.OUTSIDE: "Outside the agreement",
        DirectorStatus.PROHIBITED: "Prohibited",
    }
)
RULE_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "R5": "R5: possible genital contact needs a named physical barrier",
        "R10": "R10: no nudity or sexual content for a performer under 18",
    }
)


@dataclass(frozen=True, slots=True)
class DirectorResult:
    order: int
    status: DirectorStatus
    rules: tuple[str, ...]
    placeholder: bool = False

    @property
    def text(self) -> str:
        label = DIRECTOR_LABELS[self.status]
        if not self.rules:
            return label
        return f"{label}: " + "; ".join(RULE_TEXT[rule] for rule in self.rules)


@dataclass(frozen=True, slots=True)
class ChoreographyPolicy:
    """Production settings the checks read (DOMAIN.md: what no source settles).

    `genital_coverage`: genital coverage is required at all times, so a beat with genital
    exposure or possible genital contact must name a garment that covers the genitals.
    """

    genital_coverage: bool = False


DEFAULT_POLICY = ChoreographyPolicy()


def beat_problems(beat: Beat, cast: Cast) -> list[Problem]:
    """What makes a beat malformed: unknown codes, people outside the cast, a missing doer."""
    problems: list[Problem] = []

    def fault(code: str, message: str) -> None:
        problems.append(Problem("R3", code, f"R3: {message}"))

    if not beat.doers:
        fault("no_doer", "a beat names at least one performer")
    for performer in beat.involved:
        if performer not in cast:
            fault("not_in_cast", f"{performer!r} is not in this scene's cast")
    if beat.receiver is not None and beat.receiver in beat.doers:
        fault("self_partner", "a performer is not their own partner")
    if beat.act is None:
        if beat.receiver is not None:
            fault("no_act", "a beat with a receiver names the contact")
    else:
        problems.extend(act_problems(beat.act, solo=beat.receiver is None))
    for code in sorted(beat.barriers):
        if code not in GARMENTS:
            fault("unknown_code", f"unknown garment or barrier {code!r}")
    for performer, shown in beat.dress.items():
        for item in shown:
            if not isinstance(item, NudityItem | ModestyItem) or not well_formed(item):
                fault("unknown_code", f"unknown nudity or modesty item {item!r} for {performer!r}")
    return problems


def requirements(beat: Beat) -> tuple[tuple[str, Item], ...]:
    """Every (performer, item) the beat relies on; each must be agreed for the beat to be ok."""
    needed: list[tuple[str, Item]] = []
    if beat.act is not None:
        if beat.receiver is None:
            needed.extend((doer, SoloItem(beat.act)) for doer in beat.doers)
        else:
            for doer in beat.doers:
                needed.extend(needed_for_contact(doer, beat.receiver, beat.act))
    for performer, shown in beat.dress.items():
        needed.extend(
            (performer, item)
            for item in shown
            if not (isinstance(item, NudityItem) and item.visibility == NOT_SHOWN)
        )
    return tuple(dict.fromkeys(needed))


_FROM_STANDING = {
    Standing.DISCUSS: ("R3", ReasonCode.DISCUSS, Status.PENDING),
    Standing.NO: ("R3", ReasonCode.NO, Status.OUTSIDE),
    Standing.UNANSWERED: ("R3", ReasonCode.NOT_ANSWERED, Status.OUTSIDE),
    Standing.GUARDIAN_NEEDED: ("R10", ReasonCode.GUARDIAN_NEEDED, Status.OUTSIDE),
    Standing.BARRED: ("R10", ReasonCode.MINOR, Status.PROHIBITED),
}


def _barrier_reasons(beat: Beat, policy: ChoreographyPolicy) -> list[Reason]:
    reasons: list[Reason] = []
    what = beat.act
    contact = what is not None and possible_genital_contact(what.action, what.area, what.parameters)
    if contact and not any(GARMENTS[b].physical_barrier for b in beat.barriers):
        reasons.append(Reason("R5", ReasonCode.NO_BARRIER, Status.PROHIBITED))
    if policy.genital_coverage:
        exposed = any(
            isinstance(item, NudityItem)
            and item.part == _GENITAL_PART
            and item.visibility != NOT_SHOWN
            for shown in beat.dress.values()
            for item in shown
        )
        if (contact or exposed) and not any(GARMENTS[b].covers_genitals for b in beat.barriers):
            reasons.append(Reason("R5", ReasonCode.GENITAL_COVERAGE, Status.PROHIBITED))
    return reasons


def _validate_beat(
    beat: Beat, consents: Mapping[str, SceneConsent], cast: Cast, policy: ChoreographyPolicy
) -> BeatResult:
    problems = beat_problems(beat, cast)
    if problems:
        reasons = [
            Reason(p.rule, ReasonCode.INVALID, Status.OUTSIDE, detail=p.message) for p in problems
        ]
    else:
        reasons = _barrier_reasons(beat, policy)
        for performer, item in requirements(beat):
            found = standing(consents.get(performer), item, age=cast[performer])
            if found is not Standing.AGREED:
                rule, code, status = _FROM_STANDING[found]
                reasons.append(Reason(rule, code, status, performer, item))
    status = max((r.status for r in reasons), key=_RANK.__getitem__, default=Status.OK)
    return BeatResult(beat.order, status, tuple(reasons), beat.placeholder)


def validate(
    beats: Sequence[Beat],
    consents: Mapping[str, SceneConsent],
    cast: Cast,
    policy: ChoreographyPolicy = DEFAULT_POLICY,
) -> list[BeatResult]:
    """Each beat's status and reasons, in the order given.

    `consents`: each cast performer's current consent for the scene (missing: nothing agreed);
    `cast`: performer id -> age on the day (None when unknown).
    """
    check_consents(consents)
    return [_validate_beat(beat, consents, cast, policy) for beat in beats]


def _rule_number(rule: str) -> int:
    return int(rule[1:])


def for_director(results: Iterable[BeatResult]) -> list[DirectorResult]:
    """What anyone but the coordinator sees: no answers, no names, no reasons beyond R5/R10."""
    shown: list[DirectorResult] = []
    for result in results:
        if result.status is Status.PROHIBITED:
            rules = {r.rule for r in result.reasons if r.status is Status.PROHIBITED}
            status, cited = DirectorStatus.PROHIBITED, tuple(sorted(rules, key=_rule_number))
        elif result.status is Status.OK:
            status, cited = DirectorStatus.OK, ()
        else:
            status, cited = DirectorStatus.OUTSIDE, ()
        shown.append(DirectorResult(result.order, status, cited, result.placeholder))
    return shown


def reason_text(reason: Reason, names: Mapping[str, str] | None = None) -> str:
    """A reason in full, for the coordinator: it names the performer and their answer."""
    names = names or {}
    who = names.get(reason.performer, reason.performer) if reason.performer else ""
    item = describe_item(reason.item, names) if reason.item is not None else ""
    if reason.code is ReasonCode.DISCUSS:
        return f"R3: {who} has this to discuss: {item}"
    if reason.code is ReasonCode.NO:
        return f"R3: {who} answered no: {item}"
    if reason.code is ReasonCode.NOT_ANSWERED:
        return f"R3: {who} has not answered: {item}"
    if reason.code is ReasonCode.GUARDIAN_NEEDED:
        return f"R10: {who} is under 18; a named guardian must co-sign: {item}"
    if reason.code is ReasonCode.MINOR:
        return f"R10: {who} is under 18: no nudity or sexual content ({item})"
    if reason.code is ReasonCode.NO_BARRIER:
        barriers = ", ".join(in_sentence(g.label) for g in GARMENTS.values() if g.physical_barrier)
        return f"R5: possible genital contact: name a physical barrier ({barriers})"
    if reason.code is ReasonCode.GENITAL_COVERAGE:
        return (
            "R5: this production requires genital coverage at all times: name the garment "
            "that covers the genitals"
        )
    return reason.detail


# --- JSON ---------------------------------------------------------------------------------

MAX_CAMERA_NOTE = 500


def beat_to_json(beat: Beat) -> dict[str, Any]:
    """A JSON-able dict; `beat_from_json` reads it back to an equal beat."""
    return {
        "order": beat.order,
        "doers": list(beat.doers),
        "act": None if beat.act is None else act_to_json(beat.act),
        "receiver": beat.receiver,
        "barriers": sorted(beat.barriers),
        "dress": {
            performer: sorted(
                (item_to_json(item) for item in shown), key=lambda d: sorted(d.items())
            )
            for performer, shown in sorted(beat.dress.items())
        },
        "camera_note": beat.camera_note,
        "placeholder": beat.placeholder,
    }


def _ids(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"R3: {what!r} must be a list of performer ids")
    return tuple(value)


def beat_from_json(data: Any) -> Beat:
    """Read a beat. Shape errors raise ValueError; codes are checked by `beat_problems`."""
    if not isinstance(data, Mapping):
        raise ValueError("R3: a beat is an object")
    order = data.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        raise ValueError("R3: 'order' must be a whole number")
    raw_act = data.get("act")
    receiver = data.get("receiver")
    if receiver is not None and (not isinstance(receiver, str) or not receiver):
        raise ValueError("R3: 'receiver' must be a performer id or null")
    barriers = data.get("barriers") or []
    if not isinstance(barriers, list) or not all(isinstance(b, str) for b in barriers):
        raise ValueError("R3: 'barriers' must be a list of garment codes")
    raw_dress = data.get("dress") or {}
    if not isinstance(raw_dress, Mapping):
        raise ValueError("R3: 'dress' must map performer ids to nudity and modesty items")
    dress: dict[str, frozenset[Exposure]] = {}
    for performer, shown in raw_dress.items():
        if not isinstance(performer, str) or not isinstance(shown, list):
            raise ValueError("R3: 'dress' must map performer ids to lists of items")
        items = [item_from_json(entry) for entry in shown]
        exposure = [i for i in items if isinstance(i, NudityItem | ModestyItem)]
        if len(exposure) != len(items):
            raise ValueError("R3: 'dress' holds nudity and modesty-garment items only")
        dress[performer] = frozenset(exposure)
    note = data.get("camera_note") or ""
    if not isinstance(note, str) or len(note) > MAX_CAMERA_NOTE:
        raise ValueError(f"R3: 'camera_note' is text of at most {MAX_CAMERA_NOTE} characters")
    placeholder = data.get("placeholder", False)
    if not isinstance(placeholder, bool):
        raise ValueError("R3: 'placeholder' is true or false")
    return Beat(
        order=order,
        doers=_ids(data.get("doers"), "doers"),
        act=None if raw_act is None else act_from_json(raw_act),
        receiver=receiver,
        barriers=frozenset(barriers),
        dress=dress,
        camera_note=note,
        placeholder=placeholder,
    )


# --- sentences ----------------------------------------------------------------------------


def describe_beat(beat: Beat, names: Mapping[str, str] | None = None) -> str:
    """The beat in one clinical sentence: who does what to whom, dress, barriers, camera.

    It states the beat only; it says nothing about anyone's answers.
    """
    names = names or {}

    def name(performer: str) -> str:
        return names.get(performer, performer)

    doers = " and ".join(name(d) for d in beat.doers) or "No one"
    if beat.act is None:
        text = f"{doers}: without contact"
    elif beat.receiver is None:
        text = f"{doers}, alone: {act_noun(beat.act)}"
    else:
        text = f"{doers} to {name(beat.receiver)}: {act_noun(beat.act)}"
    parts = [text]
    for performer, shown in sorted(beat.dress.items(), key=lambda kv: name(kv[0])):
        listed = sorted(in_sentence(describe_item(item)) for item in shown)
        if listed:
            parts.append(f"{name(performer)}: {'; '.join(listed)}")
    if beat.barriers:
        labels = [in_sentence(g.label) for code, g in GARMENTS.items() if code in beat.barriers]
        parts.append(f"barriers and garments: {', '.join(labels)}")
    if beat.camera_note:
        parts.append(f"camera: {beat.camera_note.strip().rstrip('.')}")
    sentence = ". ".join(parts) + "."
    return f"(Placeholder) {sentence}" if beat.placeholder else sentence

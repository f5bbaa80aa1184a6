"""The container of a scene: what every cast performer has agreed to, and nothing else (issue 5).

    container(consents, cast) -> Container
    describe(container, names) -> list[str]      plain sentences for the director's brief

`consents` maps performer id to that performer's current `SceneConsent` for the scene; `cast`
maps each cast performer's id to their age on the day (None when unknown). A performer without a
consent has agreed to nothing.

- **contact[(doer, receiver)]**: the acts the doer agreed to give the receiver *and* the receiver
  agreed to receive from the doer, matching exactly (action, body area, every parameter). A
  contact mutual by nature (kiss on the lips, body press) is in only when both agreed both ways,
  and then it is under both ordered pairs.
- **solo[p]**: acts p agreed to perform alone.
- **exposure[p]**: nudity (part at a visibility) and modesty-garment levels p agreed to.
  "Not shown" needs no agreement and is not listed.
- **garments[p]**: garments and barriers p needs.
- **doubles[p]**: double permissions p gave, for content p currently agrees to.
- **stills**: performers who agreed to stills of nudity or simulated sex.

Only "yes" counts. "Discuss", "no" and "not answered" all leave an item out, the same way, so
the container and its sentences cannot tell them apart. For a performer under 18 nothing R10
bars is ever in, and a kiss or intimate touch only with the guardian's co-signature.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from closedset.rules.consent import (
    Act,
    Answer,
    ContactItem,
    DoubleItem,
    Exposure,
    FrozenMap,
    GarmentItem,
    ModestyItem,
    NudityItem,
    SceneConsent,
    SoloItem,
    StillsItem,
    agreed,
    describe_item,
    needed_for_contact,
    well_formed,
)
from closedset.rules.vocabulary import (
    ACTION_ORDER,
    AREA_ORDER,
    BODY_AREAS,
    CONTACT_ACTIONS,
    DOUBLE_KINDS,
    GARMENTS,
    MODESTY_LEVELS,
    NUDITY_PARTS,
    STILLS_LABEL,
    VISIBILITIES,
    Direction,
    in_sentence,
    needs_agreement,
    reciprocal,
)

Cast = Mapping[str, int | None]
"""Cast performer id -> age on the day (None when unknown; treated as an adult)."""


@dataclass(frozen=True, slots=True)
class Container:
    contact: Mapping[tuple[str, str], frozenset[Act]] = field(default_factory=FrozenMap)
    solo: Mapping[str, frozenset[Act]] = field(default_factory=FrozenMap)
    exposure: Mapping[str, frozenset[Exposure]] = field(default_factory=FrozenMap)
    garments: Mapping[str, frozenset[str]] = field(default_factory=FrozenMap)
    doubles: Mapping[str, frozenset[DoubleItem]] = field(default_factory=FrozenMap)
    stills: frozenset[str] = frozenset()

    def allows(self, doer: str, receiver: str, what: Act) -> bool:
        return what in self.contact.get((doer, receiver), frozenset())


def check_consents(consents: Mapping[str, SceneConsent]) -> None:
    """ValueError unless each consent is keyed by its performer and all are for one scene."""
    scenes = set()
    for performer, consent in consents.items():
        if consent.performer != performer:
            raise ValueError(f"the consent under {performer!r} belongs to {consent.performer!r}")
        scenes.add(consent.scene)
    if len(scenes) > 1:
        raise ValueError("the consents are for more than one scene")


def container(consents: Mapping[str, SceneConsent], cast: Cast) -> Container:
    check_consents(consents)
    contact: dict[tuple[str, str], set[Act]] = defaultdict(set)
    solo: dict[str, set[Act]] = defaultdict(set)
    exposure: dict[str, set[Exposure]] = defaultdict(set)
    garments: dict[str, set[str]] = defaultdict(set)
    doubles: dict[str, set[DoubleItem]] = defaultdict(set)
    stills: set[str] = set()
    for performer, age in cast.items():
        consent = consents.get(performer)
        if consent is None:
            continue
        for item, answer in consent.answers.items():
            if answer is not Answer.YES or not well_formed(item):
                continue
            if isinstance(item, ContactItem):
                partner = item.partner
                if (
                    item.direction is Direction.GIVE
                    and partner is not None
                    and partner in cast
                    and partner != performer
                    and all(
                        agreed(consents.get(who), needed, age=cast[who])
                        for who, needed in needed_for_contact(performer, partner, item.act)
                    )
                ):
                    contact[(performer, partner)].add(item.act)
                    if reciprocal(item.act.action, item.act.area):
                        contact[(partner, performer)].add(item.act)
            elif not agreed(consent, item, age=age):
                continue
            elif isinstance(item, SoloItem):
                solo[performer].add(item.act)
            elif isinstance(item, NudityItem):
                if needs_agreement(item.visibility):
                    exposure[performer].add(item)
            elif isinstance(item, ModestyItem):
                exposure[performer].add(item)
            elif isinstance(item, GarmentItem):
                garments[performer].add(item.garment)
            elif isinstance(item, DoubleItem):
                covers = item.covers
                in_scene = not isinstance(covers, ContactItem) or (
                    covers.partner in cast and covers.partner != performer
                )
                if in_scene and agreed(consent, covers, age=age):
                    doubles[performer].add(item)
            elif isinstance(item, StillsItem):
                stills.add(performer)
    return Container(
        contact=FrozenMap({k: frozenset(v) for k, v in contact.items()}),
        solo=FrozenMap({k: frozenset(v) for k, v in solo.items()}),
        exposure=FrozenMap({k: frozenset(v) for k, v in exposure.items()}),
        garments=FrozenMap({k: frozenset(v) for k, v in garments.items()}),
        doubles=FrozenMap({k: frozenset(v) for k, v in doubles.items()}),
        stills=frozenset(stills),
    )


# --- sentences ----------------------------------------------------------------------------


def _act_order(what: Act) -> tuple[int, int, tuple[tuple[str, str], ...]]:
    area = -1 if what.area is None else AREA_ORDER[what.area]
    return (ACTION_ORDER[what.action], area, what.parameters)


def _area(what: Act) -> str:
    return "" if what.area is None else BODY_AREAS[what.area].phrase


def _params(what: Act) -> str:
    action = CONTACT_ACTIONS[what.action]
    given = dict(what.parameters)
    words = [p.choice(given[p.code]).phrase for p in action.parameters if p.code in given]
    return f" ({'; '.join(words)})" if words else ""


def _join(phrases: list[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _verb(what: Act, receiver: str) -> str:
    action = CONTACT_ACTIONS[what.action]
    text = action.verb.format(r=receiver, rs=f"{receiver}'s", area=_area(what))
    return text + _params(what)


def _pair_verb(what: Act) -> str:
    action = CONTACT_ACTIONS[what.action]
    return (action.pair_verb or action.noun).format(area=_area(what)) + _params(what)


def _solo_verb(what: Act) -> str:
    action = CONTACT_ACTIONS[what.action]
    return (action.solo_verb or action.noun).format(area=_area(what)) + _params(what)


def _exposure_order(item: Exposure) -> tuple[int, int, int]:
    if isinstance(item, NudityItem):
        return (0, list(NUDITY_PARTS).index(item.part), list(VISIBILITIES).index(item.visibility))
    return (1, list(MODESTY_LEVELS).index(item.level), 0)


def _people(box: Container, names: Mapping[str, str]) -> list[str]:
    found: set[str] = set(box.solo) | set(box.exposure) | set(box.garments) | set(box.doubles)
    found |= box.stills
    for doer, receiver in box.contact:
        found.update((doer, receiver))
    ranked = {performer: i for i, performer in enumerate(names)}
    return sorted(found, key=lambda p: (ranked.get(p, len(ranked)), p))


def _sorted_acts(acts: Iterable[Act]) -> list[Act]:
    return sorted(acts, key=_act_order)


def describe(box: Container, names: Mapping[str, str]) -> list[str]:
    """The container as plain, clinical sentences, for the director's brief.

    Only what is in the container is mentioned; nothing is said about anything else.
    `names` maps performer ids to the names to print (and gives their order).
    """
    people = _people(box, names)

    def name(performer: str) -> str:
        return names.get(performer, performer)

    sentences: list[str] = []
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            ahead = box.contact.get((first, second), frozenset())
            back = box.contact.get((second, first), frozenset())
            mutual = {a for a in ahead & back if reciprocal(a.action, a.area)}
            if mutual:
                phrases = [_pair_verb(a) for a in _sorted_acts(mutual)]
                sentences.append(f"{name(first)} and {name(second)} may {_join(phrases)}.")
            for doer, receiver, acts in ((first, second, ahead), (second, first, back)):
                own = _sorted_acts(acts - mutual)
                if own:
                    phrases = [_verb(a, name(receiver)) for a in own]
                    sentences.append(f"{name(doer)} may {_join(phrases)}.")
    for performer in people:
        who = name(performer)
        alone = _sorted_acts(box.solo.get(performer, frozenset()))
        if alone:
            sentences.append(f"{who}, alone, may {_join([_solo_verb(a) for a in alone])}.")
        shown = sorted(box.exposure.get(performer, frozenset()), key=_exposure_order)
        nudity = [
            f"{in_sentence(NUDITY_PARTS[e.part].label)} "
            f"({in_sentence(VISIBILITIES[e.visibility].label)})"
            for e in shown
            if isinstance(e, NudityItem)
        ]
        if nudity:
            sentences.append(f"Nudity for {who}: {'; '.join(nudity)}.")
        levels = [MODESTY_LEVELS[e.level].label for e in shown if isinstance(e, ModestyItem)]
        if levels:
            sentences.append(f"{who} may appear in: {'; '.join(levels)}.")
        for kind, label in DOUBLE_KINDS.items():
            covered = sorted(
                describe_item(d.covers, names)
                for d in box.doubles.get(performer, frozenset())
                if d.kind is kind
            )
            if covered:
                text = "; ".join(in_sentence(c) for c in covered)
                sentences.append(f"A {in_sentence(label)} may perform for {who}: {text}.")
        if performer in box.stills:
            sentences.append(f"{STILLS_LABEL} may be taken of {who}.")
    for performer in people:
        needed = [
            in_sentence(GARMENTS[g].label) for g in GARMENTS if g in box.garments.get(performer, ())
        ]
        if needed:
            sentences.append(f"Garments and barriers for {name(performer)}: {', '.join(needed)}.")
    return sentences

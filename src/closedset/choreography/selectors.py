"""Reads of choreography.

- `approval_state`: whether a scene's choreography is approved (no private data, not audited,
  one query), for readiness boards.
- `choreography_for_coordinator`: beats with full validation, naming answers (audited).
- `brief_get` / `container_get`: what the director, producer, first AD and the scene's
  performers see: derived data only, never a "no", a "discuss", a note or a reason (audited).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from closedset.choreography.departments import BriefKind
from closedset.choreography.models import Approval, Choreography, Reconfirmation, VoidReason
from closedset.choreography.services import SceneInputs, beats_of, parse_beats, scene_inputs
from closedset.consent.models import Rider
from closedset.core import audit, crypto
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm
from closedset.productions.policies import Access
from closedset.rules import choreography as rules
from closedset.rules.consent import ModestyItem, NudityItem, act_noun
from closedset.rules.container import Container, container, describe
from closedset.rules.vocabulary import (
    GARMENTS,
    MODESTY_LEVELS,
    NOT_SHOWN,
    NUDITY_PARTS,
    STILLS_LABEL,
    VISIBILITIES,
    in_sentence,
)
from closedset.scripts.models import Category, FlagStatus, Scene

# --- approval state (no private data) -------------------------------------------------------


@dataclass(frozen=True)
class ApprovalState:
    """Where a scene's choreography approval stands; holds nothing private.

    `voided_reason` is in production terms only ("consent changed", "cast changed",
    "beats edited"), never whose or what. `reconfirm_pending` (R8): some performer has yet to
    re-confirm a shoot-day change.
    """

    has_choreography: bool = False
    version: int = 0
    approved: bool = False
    coordinator_approved: bool = False
    director_approved: bool = False
    voided: bool = False
    voided_reason: str = ""
    reconfirm_pending: bool = False

    @property
    def label(self) -> str:
        if not self.has_choreography:
            return "No choreography yet"
        if self.approved:
            return "Approved"
        if self.voided:
            return f"Needs re-approval: {self.voided_reason}"
        if self.coordinator_approved or self.director_approved:
            waiting = "director" if self.coordinator_approved else "intimacy coordinator"
            return f"Awaiting the {waiting}'s approval"
        return "Not approved"


def _state(choreography: Choreography | None, pending: bool = False) -> ApprovalState:
    if choreography is None or choreography.version == 0:  # intent notes only, no beats yet
        return ApprovalState()
    approval: Approval | None = choreography.approval
    live = (
        approval is not None
        and approval.voided_at is None
        and approval.version == choreography.version
        and approval.beats_hash == choreography.beats_hash
    )
    approved = live and approval is not None and approval.complete
    reason = VoidReason(choreography.voided_reason).label if choreography.voided_reason else ""
    return ApprovalState(
        has_choreography=True,
        version=choreography.version,
        approved=approved,
        coordinator_approved=live and approval is not None and approval.coordinator_at is not None,
        director_approved=live and approval is not None and approval.director_at is not None,
        voided=bool(reason) and not approved,
        voided_reason=reason if not approved else "",
        reconfirm_pending=pending,
    )


def approval_state(*, scene: Scene) -> ApprovalState:
    """The approval state of a scene's choreography (two queries at most; not audited)."""
    choreography = (
        Choreography.objects.select_related("approval").filter(lineage=scene.lineage).first()
    )
    pending = (
        choreography is not None
        and Reconfirmation.objects.filter(
            choreography=choreography, version=choreography.version, confirmed_at__isnull=True
        ).exists()
    )
    return _state(choreography, pending)


def approval_states(*, scenes: Iterable[Scene]) -> dict[Any, ApprovalState]:
    """`approval_state` for many scenes at once (two queries), keyed by scene id."""
    scenes = list(scenes)
    found = {
        c.lineage: c
        for c in Choreography.objects.select_related("approval").filter(
            lineage__in=[s.lineage for s in scenes]
        )
    }
    pending = {
        (r.choreography_id, r.version)
        for r in Reconfirmation.objects.filter(
            choreography__in=list(found.values()), confirmed_at__isnull=True
        )
    }
    states = {}
    for scene in scenes:
        choreography = found.get(scene.lineage)
        waiting = choreography is not None and (choreography.pk, choreography.version) in pending
        states[scene.pk] = _state(choreography, waiting)
    return states


def reconfirmation_pending(*, scene: Scene) -> list[str]:
    """R8: member ids of the performers who have yet to re-confirm the current version."""
    choreography = Choreography.objects.filter(lineage=scene.lineage).first()
    if choreography is None:
        return []
    return [
        str(member_id)
        for member_id in Reconfirmation.objects.filter(
            choreography=choreography, version=choreography.version, confirmed_at__isnull=True
        ).values_list("member_id", flat=True)
    ]


def my_reconfirmation(*, access: Access, scene: Scene) -> bool:
    """Whether the actor has a shoot-day change of this scene to re-confirm."""
    return str(access.membership.pk) in reconfirmation_pending(scene=scene)


# --- the coordinator's view -----------------------------------------------------------------


@dataclass(frozen=True)
class BeatRow:
    position: int
    id: str
    data: dict[str, Any]
    text: str
    status: str
    status_label: str
    reasons: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    placeholder: bool = False


_STATUS_LABELS = {
    rules.Status.OK: "Within the agreement",
    rules.Status.PENDING: "Pending: something is still to discuss",
    rules.Status.OUTSIDE: "Outside the agreement",
    rules.Status.PROHIBITED: "Prohibited",
}


@dataclass(frozen=True)
class ChoreographyView:
    scene: Scene
    version: int
    rows: list[BeatRow]
    names: dict[str, str]
    state: ApprovalState
    intent: str | None
    full: bool  # rows carry the coordinator's reasons
    intent_version: int = 0

    @property
    def approvable(self) -> bool:
        return bool(self.rows) and all(r.status == rules.Status.OK for r in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts


def _coordinator_rows(data: list[dict[str, Any]], inputs: SceneInputs) -> list[BeatRow]:
    beats = parse_beats(data)
    results = rules.validate(beats, inputs.consents, inputs.ages)
    names = inputs.names
    return [
        BeatRow(
            position=beat.order,
            id=str(entry.get("id", "")),
            data=entry,
            text=rules.describe_beat(beat, names),
            status=result.status.value,
            status_label=_STATUS_LABELS[result.status],
            reasons=[rules.reason_text(r, names) for r in result.reasons],
            rules=sorted({r.rule for r in result.reasons}),
            placeholder=beat.placeholder,
        )
        for entry, beat, result in zip(data, beats, results, strict=True)
    ]


def _director_rows(data: list[dict[str, Any]], inputs: SceneInputs) -> list[BeatRow]:
    beats = parse_beats(data)
    shown = rules.for_director(rules.validate(beats, inputs.consents, inputs.ages))
    names = inputs.names
    return [
        BeatRow(
            position=beat.order,
            id=str(entry.get("id", "")),
            data=entry,
            text=rules.describe_beat(beat, names),
            status=result.status.value,
            status_label=result.text,
            rules=list(result.rules),
            placeholder=beat.placeholder,
        )
        for entry, beat, result in zip(data, beats, shown, strict=True)
    ]


def _choreography(scene: Scene) -> Choreography | None:
    return Choreography.objects.select_related("approval").filter(lineage=scene.lineage).first()


def choreography_get(
    *, access: Access, scene: Scene, beats: list[dict[str, Any]] | None = None
) -> ChoreographyView:
    """The beats (stored, or ``beats`` when given, unsaved) with their validation.

    The coordinator (``Perm.CHOREOGRAPHY_EDIT``) gets every reason, naming performers and
    their answers: an audited read of answers. Everyone else gets statuses only
    (`for_director`): an audited brief view.
    """
    choreography = _choreography(scene)
    full = access.has(Perm.CHOREOGRAPHY_EDIT)
    with transaction.atomic():
        data = beats if beats is not None else beats_of(choreography)
        inputs = scene_inputs(scene)
        rows = _coordinator_rows(data, inputs) if full else _director_rows(data, inputs)
        intent = crypto.unseal(choreography, "intent") if choreography else None
        audit.record(
            AuditAction.CHOREOGRAPHY_READ if full else AuditAction.BRIEF_VIEWED,
            actor=access.membership.user,
            production=access.production,
            obj=choreography or scene,
            summary="beats validated" if full else "beats with statuses",
        )
    return ChoreographyView(
        scene=scene,
        version=choreography.version if choreography else 0,
        rows=rows,
        names=inputs.names,
        state=approval_state(scene=scene),
        intent=intent,
        full=full,
        intent_version=choreography.intent_version if choreography else 0,
    )


# --- the container and the brief (derived data only) ----------------------------------------


@dataclass(frozen=True)
class Pair:
    doer: str
    receiver: str
    acts: list[str]


@dataclass(frozen=True)
class PerformerNeeds:
    id: str
    name: str
    exposure: list[str]
    garments: list[str]
    solo: list[str]


@dataclass(frozen=True)
class ContainerView:
    names: dict[str, str]
    pairs: list[Pair]
    performers: list[PerformerNeeds]
    sentences: list[str]
    stills: list[str]

    def grid(self) -> list[tuple[str, list[tuple[str, list[str] | None]]]]:
        """Rows of (doer, [(receiver, acts or None on the diagonal)]) for every cast pair."""
        cells = {(p.doer, p.receiver): p.acts for p in self.pairs}
        return [
            (
                doer,
                [
                    (receiver, None if doer == receiver else cells.get((doer, receiver), []))
                    for receiver in self.names.values()
                ],
            )
            for doer in self.names.values()
        ]


def _exposure_text(item: NudityItem | ModestyItem) -> str:
    if isinstance(item, NudityItem):
        return f"{NUDITY_PARTS[item.part].label}: {VISIBILITIES[item.visibility].label.lower()}"
    return MODESTY_LEVELS[item.level].label


def _container_view(box: Container, inputs: SceneInputs) -> ContainerView:
    names = inputs.names
    pairs = [
        Pair(
            names.get(doer, doer),
            names.get(receiver, receiver),
            sorted(act_noun(a) for a in acts),
        )
        for (doer, receiver), acts in box.contact.items()
        if acts
    ]
    pairs.sort(key=lambda p: (p.doer, p.receiver))
    performers = [
        PerformerNeeds(
            id=mid,
            name=name,
            exposure=sorted(_exposure_text(e) for e in box.exposure.get(mid, frozenset())),
            garments=[g.label for code, g in GARMENTS.items() if code in box.garments.get(mid, ())],
            solo=sorted(act_noun(a) for a in box.solo.get(mid, frozenset())),
        )
        for mid, name in names.items()
    ]
    return ContainerView(
        names=names,
        pairs=pairs,
        performers=performers,
        sentences=describe(box, names),
        stills=sorted(names[m] for m in box.stills if m in names),
    )


def container_get(*, access: Access, scene: Scene) -> ContainerView:
    """The scene's container: only what every performer concerned agreed to (audited)."""
    with transaction.atomic():
        inputs = scene_inputs(scene)
        view = _container_view(container(inputs.consents, inputs.ages), inputs)
        audit.record(
            AuditAction.BRIEF_VIEWED,
            actor=access.membership.user,
            production=access.production,
            obj=scene,
            summary="container",
        )
    return view


@dataclass(frozen=True)
class Brief:
    scene: Scene
    intent: str | None
    cast: list[str]
    container: ContainerView
    beats: list[BeatRow]
    state: ApprovalState
    closed_set: bool
    riders_issued: int
    version: int
    intent_version: int = 0

    @property
    def readiness(self) -> list[str]:
        lines = [f"Choreography: {self.state.label}"]
        lines.append(f"Riders issued: {self.riders_issued} of {len(self.cast)} performers")
        if self.state.reconfirm_pending:
            lines.append("Waiting for performers to re-confirm a change made today (R8)")
        return lines


_CLOSED_SET_CATEGORIES = {Category.NUDITY, Category.SIMULATED_SEX, Category.SEXUAL_VIOLENCE}


def brief_get(*, access: Access, scene: Scene) -> Brief:
    """The director's brief: context, cast, the container in sentences, the beats with
    statuses only, garments, closed set and readiness. Never a "no", a "discuss", a private
    note or a reason. An audited view."""
    choreography = _choreography(scene)
    with transaction.atomic():
        inputs = scene_inputs(scene)
        box = _container_view(container(inputs.consents, inputs.ages), inputs)
        rows = _director_rows(beats_of(choreography), inputs)
        intent = crypto.unseal(choreography, "intent") if choreography else None
        audit.record(
            AuditAction.BRIEF_VIEWED,
            actor=access.membership.user,
            production=access.production,
            obj=choreography or scene,
            summary="brief",
        )
    flagged = scene.flags.exclude(status=FlagStatus.DISMISSED).values_list("category", flat=True)
    shown = any(p.exposure for p in box.performers) or any(r.data.get("dress") for r in rows)
    closed_set = shown or bool(set(flagged) & _CLOSED_SET_CATEGORIES)
    issued = Rider.objects.filter(
        member__in=list(inputs.members.values()), state=Rider.State.ISSUED
    ).count()
    return Brief(
        scene=scene,
        intent=intent,
        cast=list(inputs.names.values()),
        container=box,
        beats=rows,
        state=approval_state(scene=scene),
        closed_set=closed_set,
        riders_issued=issued,
        version=choreography.version if choreography else 0,
        intent_version=choreography.intent_version if choreography else 0,
    )


# --- department briefs (docs/adr/0010) -----------------------------------------------------


@dataclass(frozen=True)
class PerformerLine:
    name: str
    text: str


@dataclass(frozen=True)
class DepartmentBrief:
    """What one department needs of a scene on a day: derived data only."""

    scene: Scene
    kind: BriefKind
    day: date
    performers: list[PerformerLine]
    rules: list[str]

    @property
    def title(self) -> str:
        return f"{self.kind.label} brief"


def _framing(box: Container, performer: str) -> str:
    """Each nudity part at the most visible framing the performer agreed to, else not shown."""
    shown = box.exposure.get(performer, frozenset())
    order = list(VISIBILITIES)
    seen: list[str] = []
    hidden: list[str] = []
    for code, part in NUDITY_PARTS.items():
        agreed = [e.visibility for e in shown if isinstance(e, NudityItem) and e.part == code]
        visibility = max(agreed, key=order.index) if agreed else NOT_SHOWN
        text = f"{in_sentence(part.label)} {VISIBILITIES[visibility].label.lower()}"
        (hidden if visibility == NOT_SHOWN else seen).append(text)
    parts = seen + hidden
    levels = [MODESTY_LEVELS[e.level].label for e in shown if isinstance(e, ModestyItem)]
    text = "; ".join(parts)
    if levels:
        text += f"; may appear in: {', '.join(sorted(levels))}"
    return text


def _costume(box: Container, names: dict[str, str]) -> list[PerformerLine]:
    lines = []
    for mid, name in names.items():
        needed = [g.label for code, g in GARMENTS.items() if code in box.garments.get(mid, ())]
        shown = box.exposure.get(mid, frozenset())
        levels = sorted(MODESTY_LEVELS[e.level].label for e in shown if isinstance(e, ModestyItem))
        text = ", ".join(needed) if needed else "no garment or barrier listed yet"
        if levels:
            text += f"; may appear in: {', '.join(levels)}"
        lines.append(PerformerLine(name, text))
    return lines


_CAMERA_RULES = [
    "Frame each performer only as listed; anything not listed is not shown.",
    "No personal recording devices on the closed set.",
]
_COSTUME_RULES = [
    "A robe for each performer between takes.",
    "Ask the intimacy coordinator before changing any garment or barrier.",
]


def department_brief_get(
    *, access: Access, scene: Scene, day: date, kind: BriefKind
) -> DepartmentBrief:
    """The part of the brief a department needs (costume: garments and barriers; camera:
    nudity framing and stills). Never a "no", a "discuss", a note or a reason. Audited."""
    with transaction.atomic():
        inputs = scene_inputs(scene)
        box = container(inputs.consents, inputs.ages)
        audit.record(
            AuditAction.DEPARTMENT_BRIEF_VIEWED,
            actor=access.membership.user,
            production=access.production,
            obj=scene,
            summary=f"{kind.value} brief for {day.isoformat()}",
        )
    names = inputs.names
    if kind is BriefKind.CAMERA:
        performers = [PerformerLine(name, _framing(box, mid)) for mid, name in names.items()]
        stills = [n for m, n in names.items() if m in box.stills]
        no_stills = [n for m, n in names.items() if m not in box.stills]
        rules_ = list(_CAMERA_RULES)
        if no_stills:
            rules_.insert(0, f"No {STILLS_LABEL.lower()} of {', '.join(no_stills)}.")
        if stills:
            rules_.insert(0, f"{STILLS_LABEL} may be taken of {', '.join(stills)}.")
    else:
        performers = _costume(box, names)
        rules_ = list(_COSTUME_RULES)
    return DepartmentBrief(scene=scene, kind=kind, day=day, performers=performers, rules=rules_)

"""Reads of consent, for the performer and coordinators only; every read is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from closedset.consent.models import (
    BoundaryProfile,
    ConsentRecord,
    ConsentVersion,
    DoubleUse,
    Rider,
)
from closedset.consent.policies import can_read_consent, can_view_rider_status
from closedset.consent.services import (
    current_consent,
    member_age,
    performer_age,
    signed_version,
)
from closedset.core import audit, crypto
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm, Role, permissions_for
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.rules import consent as rules
from closedset.rules.minors import is_minor
from closedset.scripts.models import Scene
from closedset.scripts.selectors import cast_scenes, scene_cast


@dataclass(frozen=True)
class VersionSummary:
    number: int
    kind: str
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class ConsentView:
    scene: Scene
    member: Membership
    consent: rules.SceneConsent
    version: int
    note: str | None
    partners: dict[str, str]  # member id → name
    age: int | None
    history: list[VersionSummary]
    problems: list[rules.Problem]

    @property
    def answers_json(self) -> list[dict[str, Any]]:
        return list(rules.consent_to_json(self.consent)["answers"])


@dataclass(frozen=True)
class ProfileView:
    member: Membership
    profile: rules.BoundaryProfile
    version: int  # 0: no profile yet
    updated_at: datetime | None
    age: int | None


def _profile(member: Membership) -> tuple[rules.BoundaryProfile, BoundaryProfile | None]:
    row = BoundaryProfile.objects.filter(member=member).first()
    if row is None:
        return rules.BoundaryProfile(performer=str(member.pk)), None
    return rules.profile_from_json(crypto.unseal(row, "answers")), row


def profile_get(*, access: Access, member: Membership) -> ProfileView:
    """A performer's boundary profile (an audited read; the performer and coordinators)."""
    if not can_read_consent(access, member):
        raise NotFound()
    with transaction.atomic():
        profile, row = _profile(member)
        if row is not None:
            audit.record(
                AuditAction.PROFILE_READ,
                actor=access.membership.user,
                production=access.production,
                obj=member,
                summary=f"version {row.version}",
            )
    return ProfileView(
        member=member,
        profile=profile,
        version=row.version if row is not None else 0,
        updated_at=row.updated_at if row is not None else None,
        age=member_age(member),
    )


def profile_prefill(*, access: Access, view: ConsentView) -> dict[rules.Item, str]:
    """The answers a performer's boundary profile suggests for a scene they have not answered
    yet (a profile no or discuss; never a yes). Shown in the form, saved only by the performer."""
    if not can_read_consent(access, view.member) or view.version:
        return {}
    with transaction.atomic():
        profile, row = _profile(view.member)
        if row is None:
            return {}
        audit.record(
            AuditAction.PROFILE_READ,
            actor=access.membership.user,
            production=access.production,
            obj=view.member,
            summary=f"version {row.version}, to pre-fill a scene",
        )
    filled = rules.apply_profile(profile, view.consent, partners=view.partners)
    return {item: answer.value for item, answer in filled.answers.items()}


def consent_get(*, access: Access, scene: Scene, member: Membership) -> ConsentView:
    """A performer's current answers for a scene, with their history (an audited read)."""
    if not can_read_consent(access, member):
        raise NotFound()
    record = (
        ConsentRecord.objects.select_related("current")
        .filter(member=member, lineage=scene.lineage)
        .first()
    )
    cast = scene_cast(scene=scene)
    partners = {mid: m.user.name for mid, m in cast.items() if mid != str(member.pk)}
    with transaction.atomic():
        consent = current_consent(record, member, scene)
        note = crypto.unseal(record.current, "note") if record and record.current else None
        history = (
            [
                VersionSummary(v.number, v.kind, v.created_at, v.created_by.name)
                for v in ConsentVersion.objects.filter(record=record)
                .select_related("created_by")
                .order_by("-number")
            ]
            if record
            else []
        )
        age = performer_age(member, scene)
        audit.record(
            AuditAction.CONSENT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=record or member,
            summary="answers read",
        )
    problems = rules.validate_consent(consent, partners=set(partners), age=age)
    return ConsentView(
        scene=scene,
        member=member,
        consent=consent,
        version=record.current.number if record and record.current else 0,
        note=note,
        partners=partners,
        age=age,
        history=history,
        problems=problems,
    )


class Status:
    """Where a performer's consent for a scene stands, in plain words (no pressure)."""

    NOT_STARTED = "not_started"
    DISCUSS = "discuss"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Guardian:
    """R10: the guardian named for a minor's scene consent, and whether they co-signed it."""

    name: str
    cosigned: bool


def _guardian(record: ConsentRecord | None) -> Guardian | None:
    """For a minor's current answers: the guardian, when any answer needs a co-signature."""
    if record is None or record.current is None:
        return None
    consent = rules.consent_from_json(crypto.unseal(record.current, "answers"))
    if not any(rules.needs_guardian(item) for item in consent.answers):
        return None
    return Guardian(consent.guardian_name or "", consent.cosigned)


@dataclass(frozen=True)
class SceneStatus:
    scene: Scene
    member: Membership
    status: str
    version: int
    minor: bool = False  # R10, shown to coordinators
    guardian: Guardian | None = None  # R10, for a minor whose answers involve a kiss or touch

    @property
    def label(self) -> str:
        """In the performer's words."""
        return {
            Status.NOT_STARTED: "Not started",
            Status.DISCUSS: "Some items to discuss",
            Status.ANSWERED: "Answered",
            Status.WITHDRAWN: "Withdrawn",
        }[self.status]

    @property
    def coordinator_label(self) -> str:
        return {
            Status.NOT_STARTED: "Not started",
            Status.DISCUSS: "Discuss items",
            Status.ANSWERED: "Answered",
            Status.WITHDRAWN: "Withdrawn",
        }[self.status]

    @property
    def can_withdraw(self) -> bool:
        return self.status in (Status.DISCUSS, Status.ANSWERED)


def _status(record: ConsentRecord | None) -> tuple[str, int]:
    if record is None or record.current is None:
        return Status.NOT_STARTED, 0
    number = record.current.number
    if record.current.kind == ConsentVersion.Kind.WITHDRAWAL:
        return Status.WITHDRAWN, number
    answers = crypto.unseal(record.current, "answers") or {}
    given = {entry.get("answer") for entry in answers.get("answers", [])}
    if rules.Answer.DISCUSS.value in given:
        return Status.DISCUSS, number
    if given:
        return Status.ANSWERED, number
    return Status.NOT_STARTED, number


def _records(members: list[Membership], lineages: list[Any]) -> dict[tuple[str, str], Any]:
    records = ConsentRecord.objects.select_related("current").filter(
        member__in=members, lineage__in=lineages
    )
    return {(str(r.member_id), str(r.lineage)): r for r in records}


def my_scene_list(*, access: Access) -> list[SceneStatus]:
    """The intimate scenes the actor is cast in, each with where their consent stands."""
    access.require(Perm.CONSENT_EDIT_OWN)
    member = access.membership
    scenes = [s for s in cast_scenes(member=member) if s.production_id == access.production.pk]
    with transaction.atomic():
        records = _records([member], [s.lineage for s in scenes])
        result = []
        for scene in scenes:
            status, number = _status(records.get((str(member.pk), str(scene.lineage))))
            result.append(SceneStatus(scene, member, status, number))
        if scenes:
            audit.record(
                AuditAction.CONSENT_READ,
                actor=access.membership.user,
                production=access.production,
                obj=member,
                summary=f"status of {len(scenes)} scenes",
            )
    return result


def scene_consent_list(*, access: Access, scene: Scene) -> list[SceneStatus]:
    """Each performer cast in a scene with where their consent stands (coordinators only)."""
    if not access.has(Perm.CONSENT_VIEW_ALL) or scene.production_id != access.production.pk:
        raise NotFound()
    cast = sorted(scene_cast(scene=scene).values(), key=lambda m: m.user.name)
    with transaction.atomic():
        records = _records(cast, [scene.lineage])
        result = []
        for member in cast:
            record = records.get((str(member.pk), str(scene.lineage)))
            status, number = _status(record)
            minor = is_minor(performer_age(member, scene))
            guardian = _guardian(record) if minor else None
            result.append(SceneStatus(scene, member, status, number, minor, guardian))
        audit.record(
            AuditAction.CONSENT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=scene,
            summary=f"status of {len(cast)} performers",
        )
    return result


def minor_partners(*, scene: Scene, member: Membership) -> set[str]:
    """R10: the member's scene partners who are under 18 (no sexual content with them)."""
    return {
        mid
        for mid, partner in scene_cast(scene=scene).items()
        if mid != str(member.pk) and is_minor(performer_age(partner, scene))
    }


# --- riders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiderStatus:
    """A rider's state and dates: what producers and first ADs may see (never its content)."""

    id: Any
    member: Membership
    number: int
    state: str
    state_label: str
    content_hash: str
    created_at: datetime
    confirmed_at: datetime | None
    signed_at: datetime | None
    countersigned_at: datetime | None
    issued_at: datetime | None
    superseded_at: datetime | None


@dataclass(frozen=True)
class RiderView:
    """A rider with its content: for the performer and coordinators only."""

    status: RiderStatus
    content: dict[str, Any]
    signed_name: str | None
    confirmed_by: str | None
    countersigned_by: str | None

    @property
    def scenes(self) -> list[dict[str, Any]]:
        return list(self.content.get("scenes", []))


def _rider_status(rider: Rider) -> RiderStatus:
    return RiderStatus(
        id=rider.pk,
        member=rider.member,
        number=rider.number,
        state=rider.state,
        state_label=Rider.State(rider.state).label,
        content_hash=rider.content_hash,
        created_at=rider.created_at,
        confirmed_at=rider.confirmed_at,
        signed_at=rider.signed_at,
        countersigned_at=rider.countersigned_at,
        issued_at=rider.issued_at,
        superseded_at=rider.superseded_at,
    )


def _rider_view(rider: Rider) -> RiderView:
    return RiderView(
        status=_rider_status(rider),
        content=crypto.unseal(rider, "content") or {},
        signed_name=crypto.unseal(rider, "signed_name"),
        confirmed_by=rider.confirmed_by.name if rider.confirmed_by else None,
        countersigned_by=rider.countersigned_by.name if rider.countersigned_by else None,
    )


def _riders(member: Membership) -> Any:
    return (
        Rider.objects.filter(member=member)
        .select_related("member__user", "confirmed_by", "countersigned_by")
        .order_by("-number")
    )


def _read_riders(access: Access, member: Membership, riders: list[Rider], what: str) -> None:
    audit.record(
        AuditAction.RIDER_READ,
        actor=access.membership.user,
        production=access.production,
        obj=riders[0] if len(riders) == 1 else member,
        summary=what,
    )


def rider_current(*, access: Access, member: Membership) -> RiderView | None:
    """The performer's live (not superseded) rider with its content (an audited read)."""
    if not can_read_consent(access, member) or member.production_id != access.production.pk:
        raise NotFound()
    rider = _riders(member).exclude(state=Rider.State.SUPERSEDED).first()
    if rider is None:
        return None
    with transaction.atomic():
        view = _rider_view(rider)
        _read_riders(access, member, [rider], f"rider {rider.number} read")
    return view


def rider_history(*, access: Access, member: Membership) -> list[RiderView]:
    """Every rider of the performer, newest first, superseded ones included (audited)."""
    if not can_read_consent(access, member) or member.production_id != access.production.pk:
        raise NotFound()
    riders = list(_riders(member))
    if not riders:
        return []
    with transaction.atomic():
        views = [_rider_view(r) for r in riders]
        _read_riders(access, member, riders, f"{len(riders)} riders read")
    return views


def rider_status(*, access: Access, member: Membership) -> RiderStatus | None:
    """The state and dates of the performer's live rider (no content; nothing unsealed)."""
    if not can_view_rider_status(access, member) or member.production_id != access.production.pk:
        raise NotFound()
    rider = _riders(member).exclude(state=Rider.State.SUPERSEDED).first()
    return _rider_status(rider) if rider else None


@dataclass(frozen=True)
class PerformerRider:
    member: Membership
    rider: RiderStatus | None

    @property
    def issued(self) -> bool:
        return self.rider is not None and self.rider.state == Rider.State.ISSUED


def rider_status_list(*, access: Access) -> list[PerformerRider]:
    """Every performer of the production with their live rider's state (no content)."""
    if not access.has(Perm.RIDER_STATUS_VIEW):
        raise NotFound()
    members = (
        Membership.objects.filter(production=access.production, removed_at__isnull=True)
        .select_related("user")
        .prefetch_related("roles")
        .order_by("user__name")
    )
    performers = [
        m
        for m in members
        if Perm.CONSENT_EDIT_OWN in permissions_for(frozenset(Role(r.role) for r in m.roles.all()))
    ]
    live = {
        r.member_id: r
        for r in Rider.objects.filter(member__in=performers)
        .exclude(state=Rider.State.SUPERSEDED)
        .select_related("member__user")
    }
    return [
        PerformerRider(m, _rider_status(live[m.pk]) if m.pk in live else None) for m in performers
    ]


@dataclass(frozen=True)
class DoubleView:
    text: str
    original_version: int
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class DoublesView:
    recorded: list[DoubleView]
    options: list[tuple[str, str]]  # (item JSON, description): doubles the signed rider allows
    signed_version: int | None


def doubles_get(*, access: Access, scene: Scene, member: Membership) -> DoublesView:
    """Doubles recorded for a performer's scene, and those their signed rider allows
    (the performer and coordinators; an audited read)."""
    if not can_read_consent(access, member):
        raise NotFound()
    names = {pid: m.user.name for pid, m in scene_cast(scene=scene).items()}
    with transaction.atomic():
        uses = list(
            DoubleUse.objects.select_related("recorded_by").filter(
                record__member=member, record__lineage=scene.lineage
            )
        )
        recorded = [
            DoubleView(
                rules.describe_item(rules.item_from_json(crypto.unseal(use, "item")), names),
                use.original_version,
                use.recorded_at,
                use.recorded_by.name,
            )
            for use in uses
        ]
        original = signed_version(member, scene)
        options: list[tuple[str, str]] = []
        if original is not None:
            consent = rules.consent_from_json(crypto.unseal(original, "answers"))
            for item, answer in sorted(consent.answers.items(), key=lambda p: rules.item_key(p[0])):
                if isinstance(item, rules.DoubleItem) and answer is rules.Answer.YES:
                    options.append((rules.item_key(item), rules.describe_item(item, names)))
        audit.record(
            AuditAction.CONSENT_READ,
            actor=access.membership.user,
            production=access.production,
            obj=member,
            summary="doubles of a scene",
        )
    return DoublesView(recorded, options, original.number if original is not None else None)

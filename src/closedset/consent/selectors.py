"""Reads of consent, for the performer and coordinators only; every read is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from closedset.consent.models import ConsentRecord, ConsentVersion
from closedset.consent.policies import can_read_consent
from closedset.consent.services import current_consent, performer_age
from closedset.core import audit, crypto
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm
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
class SceneStatus:
    scene: Scene
    member: Membership
    status: str
    version: int
    minor: bool = False  # R10, shown to coordinators

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
            status, number = _status(records.get((str(member.pk), str(scene.lineage))))
            minor = is_minor(performer_age(member, scene))
            result.append(SceneStatus(scene, member, status, number, minor))
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

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
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.rules import consent as rules
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast


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

"""Writes of consent: every change is a new version, checked by the rules (R3, R4, R10),
audited without its content, and announced to production only as "needs re-planning"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from closedset.accounts.models import User
from closedset.consent.models import BoundaryProfile, ConsentRecord, ConsentVersion
from closedset.consent.policies import can_edit_consent
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, Forbidden, ServiceError
from closedset.core.models import AuditAction
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.rules import consent as rules
from closedset.rules.minors import age_on
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast, scene_character_ages


def performer_age(member: Membership, scene: Scene, *, on: date | None = None) -> int | None:
    """R10: the performer's age from their date of birth, else the stated age of their part.

    Reading the sealed date of birth here evaluates a rule; nothing is shown to anyone.
    """
    day = on or timezone.localdate()
    born = crypto.unseal(member, "date_of_birth") if member.date_of_birth else None
    if born:
        return age_on(date.fromisoformat(born), day)
    return scene_character_ages(scene=scene).get(str(member.pk))


def current_consent(
    record: ConsentRecord | None, member: Membership, scene: Scene
) -> rules.SceneConsent:
    if record is None or record.current is None:
        return rules.SceneConsent(performer=str(member.pk), scene=str(scene.lineage), version=1)
    return rules.consent_from_json(crypto.unseal(record.current, "answers"))


def _record(member: Membership, scene: Scene) -> ConsentRecord:
    record, _ = ConsentRecord.objects.get_or_create(
        member=member, lineage=scene.lineage, defaults={"production": scene.production}
    )
    return (
        ConsentRecord.objects.select_for_update(of=("self",))
        .select_related("current")
        .get(pk=record.pk)
    )


def _problems_error(problems: Sequence[rules.Problem]) -> ServiceError:
    return ServiceError(" ".join(p.message for p in problems[:5]), field="answers")


def _same(a: rules.SceneConsent, b: rules.SceneConsent) -> bool:
    return (
        dict(a.answers) == dict(b.answers)
        and a.guardian_name == b.guardian_name
        and a.guardian_signed == b.guardian_signed
    )


def _withdrawn_anything(before: rules.SceneConsent, after: rules.SceneConsent) -> bool:
    return any(
        answer is rules.Answer.YES and after.answers.get(item) is not rules.Answer.YES
        for item, answer in before.answers.items()
    )


def _notify_replanning(access: Access, scene: Scene) -> None:
    """Tell coordinators and planners that a scene needs re-planning, never what or whose."""
    recipients = sorted(
        {
            m.user.email
            for m in Membership.objects.filter(
                production=access.production,
                removed_at__isnull=True,
                roles__role__in=["coordinator", "producer", "assistant_director"],
            ).select_related("user")
        }
    )
    label = scene.number or str(scene.ordinal)
    subject = f"{access.production.title}: scene {label} needs re-planning"
    body = (
        f"Consent for scene {label} ({scene.heading}) changed; the scene needs re-planning.\n"
        "The intimacy coordinator has the details.\n"
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True
            )
        )


def _save(
    *,
    actor: User,
    access: Access,
    scene: Scene,
    member: Membership,
    record: ConsentRecord,
    before: rules.SceneConsent,
    after: rules.SceneConsent,
    kind: str,
    note: str | None,
) -> ConsentVersion:
    number = (record.current.number if record.current else 0) + 1
    after = rules.SceneConsent(
        performer=after.performer,
        scene=after.scene,
        version=number,
        answers=after.answers,
        guardian_name=after.guardian_name,
        guardian_signed=after.guardian_signed,
    )
    version = ConsentVersion(
        record=record,
        production=access.production,
        number=number,
        kind=kind,
        created_by=actor,
    )
    crypto.seal(version, "answers", rules.consent_to_json(after))
    crypto.seal(version, "note", note.strip()[:2000] if note and note.strip() else None)
    version.save()
    record.current = version
    record.save(update_fields=["current", "updated_at"])
    audit.record(
        AuditAction.CONSENT_WITHDRAWN
        if kind == ConsentVersion.Kind.WITHDRAWAL
        else AuditAction.CONSENT_CHANGED,
        actor=actor,
        production=access.production,
        obj=record,
        summary=f"version {number}",
    )
    if _withdrawn_anything(before, after):
        _notify_replanning(access, scene)
    return version


@transaction.atomic
def consent_save(
    *,
    actor: User,
    access: Access,
    scene: Scene,
    member: Membership,
    answers: list[dict[str, Any]],
    note: str | None = None,
    expected_version: int | None = None,
    guardian_name: str | None = None,
    guardian_signed: bool = False,
    confirm_profile_conflicts: bool = False,
) -> ConsentVersion:
    """Replace a performer's answers for a scene with a new version (R3, R10)."""
    if not can_edit_consent(access, member):
        raise Forbidden("Only the performer and the intimacy coordinator can change this.")
    cast = scene_cast(scene=scene)
    if str(member.pk) not in cast:
        raise ServiceError("This performer is not cast in this scene.", field="member")
    try:
        proposed = rules.consent_from_json(
            {
                "answers": answers,
                "performer": str(member.pk),
                "scene": str(scene.lineage),
                "guardian_name": (guardian_name or "").strip() or None,
                "guardian_signed": guardian_signed,
            }
        )
    except ValueError as exc:
        raise ServiceError(str(exc), field="answers") from None
    record = _record(member, scene)
    current_number = record.current.number if record.current else 0
    if expected_version is not None and expected_version != current_number:
        raise Conflict(
            "These answers changed since you opened them (now version "
            f"{current_number}). Reload to see the latest before changing them."
        )
    partners = set(cast) - {str(member.pk)}
    problems = rules.validate_consent(proposed, partners=partners, age=performer_age(member, scene))
    if problems:
        raise _problems_error(problems)
    profile = BoundaryProfile.objects.filter(member=member).first()
    if profile is not None and not confirm_profile_conflicts:
        general = rules.profile_from_json(crypto.unseal(profile, "answers"))
        conflicts = rules.profile_conflicts(general, proposed)
        if conflicts:
            listed = "; ".join(rules.describe_item(i) for i in conflicts[:3])
            raise ServiceError(
                f"This goes beyond a no in the boundary profile ({listed}). "
                "Confirm to save it for this scene.",
                field="confirm_profile_conflicts",
            )
    before = current_consent(record, member, scene)
    if record.current is not None and _same(before, proposed) and not note:
        return record.current  # nothing changed: no new version
    return _save(
        actor=actor,
        access=access,
        scene=scene,
        member=member,
        record=record,
        before=before,
        after=proposed,
        kind=ConsentVersion.Kind.EDIT,
        note=note,
    )


@transaction.atomic
def consent_withdraw(
    *,
    actor: User,
    access: Access,
    scene: Scene,
    member: Membership,
    items: list[dict[str, Any]] | None = None,
) -> ConsentVersion:
    """R4: withdraw some answers or the whole scene, at any time, with no reason asked."""
    if not can_edit_consent(access, member):
        raise Forbidden("Only the performer and the intimacy coordinator can change this.")
    record = _record(member, scene)
    if record.current is None:
        raise ServiceError("There is nothing to withdraw: no answers were given for this scene.")
    before = current_consent(record, member, scene)
    try:
        chosen = None if items is None else [rules.item_from_json(i) for i in items]
    except ValueError as exc:
        raise ServiceError(str(exc), field="items") from None
    after = rules.withdraw(before, chosen)
    return _save(
        actor=actor,
        access=access,
        scene=scene,
        member=member,
        record=record,
        before=before,
        after=after,
        kind=ConsentVersion.Kind.WITHDRAWAL,
        note=None,
    )

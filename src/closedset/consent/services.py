"""Writes of consent: every change is a new version, checked by the rules (R3, R4, R10),
audited without its content, and announced to production only as "needs re-planning"."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from closedset.accounts.models import User
from closedset.consent.models import (
    BoundaryProfile,
    ConsentRecord,
    ConsentVersion,
    DoubleUse,
    Rider,
)
from closedset.consent.policies import can_edit_consent
from closedset.consent.signals import consent_changed
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction
from closedset.core.notify import notify
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.productions.selectors import members_with
from closedset.rules import consent as rules
from closedset.rules.doubles import double_violations
from closedset.rules.minors import age_on
from closedset.rules.notice import rider_on_time
from closedset.rules.vocabulary import VOCABULARY_VERSION
from closedset.scripts.models import Scene
from closedset.scripts.selectors import latest_scene, scene_cast, scene_character_ages


def member_age(member: Membership, *, on: date | None = None) -> int | None:
    """R10: the person's age from the date of birth on their membership (None: not given).

    Reading the sealed date of birth here evaluates a rule; nothing is shown to anyone.
    """
    born = crypto.unseal(member, "date_of_birth") if member.date_of_birth else None
    return age_on(date.fromisoformat(born), on or timezone.localdate()) if born else None


def performer_age(member: Membership, scene: Scene, *, on: date | None = None) -> int | None:
    """R10: the performer's age from their date of birth, else the stated age of their part."""
    age = member_age(member, on=on)
    if age is not None:
        return age
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


def _problems_error(problems: Sequence[rules.Problem], cast: dict[str, Membership]) -> ServiceError:
    """The rules' refusals, with each partner named instead of identified."""
    message = " ".join(p.message for p in problems[:5])
    for member_id, member in cast.items():
        message = message.replace(member_id, member.user.name)
    return ServiceError(message, field="answers")


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
    planners = members_with(
        access.production, Perm.CONSENT_COORDINATE, Perm.RIDER_COUNTERSIGN, Perm.SCHEDULE_EDIT
    )
    label = scene.number or str(scene.ordinal)
    subject = f"{access.production.title}: scene {label} needs re-planning"
    body = (
        f"Consent for scene {label} ({scene.heading}) changed; the scene needs re-planning.\n"
        "The intimacy coordinator has the details.\n"
    )
    notify((m.user.email for m in planners), subject, body)


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
    rider_supersede_current(actor=actor, access=access, member=member)
    consent_changed.send(
        sender=ConsentVersion,
        actor=actor,
        production=access.production,
        scene=scene,
        member=member,
        withdrawal=kind == ConsentVersion.Kind.WITHDRAWAL,
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
        raise _problems_error(problems, cast)
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


# --- boundary profile ------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    actor: User,
    access: Access,
    member: Membership,
    answers: list[dict[str, Any]],
    expected_version: int | None = None,
) -> BoundaryProfile:
    """Replace a performer's boundary profile (their general limits; optional)."""
    if not can_edit_consent(access, member):
        raise Forbidden("Only the performer and the intimacy coordinator can change this.")
    try:
        proposed = rules.profile_from_json({"answers": answers, "performer": str(member.pk)})
    except ValueError as exc:
        raise ServiceError(str(exc), field="answers") from None
    problems = rules.validate_profile(proposed)
    if problems:
        raise ServiceError(" ".join(p.message for p in problems[:5]), field="answers")
    profile = BoundaryProfile.objects.select_for_update().filter(member=member).first()
    current = profile.version if profile is not None else 0
    if expected_version is not None and expected_version != current:
        raise Conflict(
            f"Your boundary profile changed since you opened it (now version {current}). "
            "Reload to see the latest before changing it."
        )
    if profile is None:
        profile = BoundaryProfile(production=access.production, member=member, version=1)
    else:
        profile.version += 1
    crypto.seal(profile, "answers", rules.profile_to_json(proposed))
    profile.save()
    audit.record(
        AuditAction.PROFILE_CHANGED,
        actor=actor,
        production=access.production,
        obj=member,
        summary=f"version {profile.version}",
    )
    return profile


# --- riders (R1, R2) -------------------------------------------------------------------------


def canonical_json(content: Any) -> bytes:
    """The canonical bytes of a rider's content: sorted keys, compact, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(content: Any) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def _scene_entry(member: Membership, record: ConsentRecord) -> dict[str, Any] | None:
    scene = latest_scene(lineage=record.lineage)
    if scene is None or record.current is None:
        return None
    consent = rules.consent_from_json(crypto.unseal(record.current, "answers"))
    age = performer_age(member, scene)
    names = {mid: m.user.name for mid, m in scene_cast(scene=scene).items()}
    agreed: list[str] = []
    garments: list[str] = []
    doubles: list[str] = []
    stills: list[str] = []
    items = sorted(consent.answers, key=rules.item_key)
    for item in items:
        if consent.answers[item] is not rules.Answer.YES or not rules.agreed(
            consent, item, age=age
        ):
            continue
        text = rules.describe_item(item, names)
        if isinstance(item, rules.GarmentItem):
            garments.append(text)
        elif isinstance(item, rules.DoubleItem):
            doubles.append(text)
        elif isinstance(item, rules.StillsItem):
            stills.append(text)
        else:
            agreed.append(text)
    return {
        "scene": str(scene.lineage),
        "number": scene.number or str(scene.ordinal),
        "ordinal": scene.ordinal,
        "heading": scene.heading,
        "page": scene.page,
        "script": scene.revision.script.title,
        "consent_version": record.current.number,
        "withdrawn": record.current.kind == ConsentVersion.Kind.WITHDRAWAL,
        "agreed": agreed,
        "garments": garments,
        "doubles": doubles,
        "stills": stills,
    }


def rider_content(member: Membership) -> dict[str, Any]:
    """The snapshot a rider is made of: every scene the performer has a current consent for,
    with only the items they agreed to, in clinical language."""
    records = ConsentRecord.objects.select_related("current").filter(
        member=member, current__isnull=False
    )
    scenes = [entry for record in records if (entry := _scene_entry(member, record)) is not None]
    scenes.sort(key=lambda e: (e["script"], e["ordinal"], e["scene"]))
    return {
        "performer": str(member.pk),
        "vocabulary": VOCABULARY_VERSION,
        "scenes": scenes,
        "consent_versions": {e["scene"]: e["consent_version"] for e in scenes},
    }


def _live_rider(member: Membership) -> Rider | None:
    return (
        Rider.objects.select_for_update()
        .filter(member=member)
        .exclude(state=Rider.State.SUPERSEDED)
        .first()
    )


def _supersede(actor: User, access: Access, rider: Rider) -> None:
    rider.state = Rider.State.SUPERSEDED
    rider.superseded_at = timezone.now()
    rider.save(update_fields=["state", "superseded_at"])
    audit.record(
        AuditAction.RIDER_SUPERSEDED,
        actor=actor,
        production=access.production,
        obj=rider,
        summary=f"rider {rider.number}",
    )


def rider_supersede_current(*, actor: User, access: Access, member: Membership) -> Rider | None:
    """A consent change supersedes the performer's rider; it stays readable in history."""
    rider = _live_rider(member)
    if rider is not None:
        _supersede(actor, access, rider)
    return rider


def _lock_member(member: Membership) -> None:
    Membership.objects.select_for_update().filter(pk=member.pk).first()


def _locked(rider: Rider) -> Rider:
    return Rider.objects.select_for_update().select_related("member__user").get(pk=rider.pk)


def _check_production(access: Access, member: Membership) -> None:
    if member.production_id != access.production.pk:
        raise NotFound()


def _change(
    actor: User, access: Access, rider: Rider, action: AuditAction, fields: list[str]
) -> Rider:
    rider.save(update_fields=fields)
    audit.record(
        action,
        actor=actor,
        production=access.production,
        obj=rider,
        summary=f"rider {rider.number}",
    )
    return rider


def _require_state(rider: Rider, state: str, message: str) -> None:
    if rider.state == Rider.State.SUPERSEDED:
        raise Conflict(
            "This rider was superseded by a consent change. Open the current rider instead."
        )
    if rider.state != state:
        raise ServiceError(message, field="state")


def _notify_rider_step(access: Access, rider: Rider, perm: Perm, what: str, body: str) -> None:
    """Tell whoever takes a rider's next step, by name of the performer (riders are not secret
    from those who countersign and issue them; their content stays in the app)."""
    notify(
        (m.user.email for m in members_with(access.production, perm)),
        f"{access.production.title}: the rider of {rider.member.user.name} {what}",
        body + "\n",
    )


@transaction.atomic
def rider_prepare(*, actor: User, access: Access, member: Membership) -> Rider:
    """Build or refresh a performer's draft rider from their current consents (coordinators)."""
    access.require(Perm.CONSENT_COORDINATE)
    _check_production(access, member)
    _lock_member(member)
    content = rider_content(member)
    if not content["scenes"]:
        raise ServiceError(
            "There are no answers to make a rider from: the performer has not answered for "
            "any scene yet."
        )
    digest = content_hash(content)
    current = _live_rider(member)
    if current is not None and current.content_hash == digest:
        return current
    if current is not None:
        _supersede(actor, access, current)
    last = Rider.objects.filter(member=member).order_by("-number").first()
    rider = Rider(
        production=access.production,
        member=member,
        number=(last.number if last else 0) + 1,
        state=Rider.State.DRAFT,
        content_hash=digest,
    )
    crypto.seal(rider, "content", content)
    rider.save()
    audit.record(
        AuditAction.RIDER_PREPARED,
        actor=actor,
        production=access.production,
        obj=rider,
        summary=f"rider {rider.number}",
    )
    return rider


@transaction.atomic
def rider_confirm(
    *, actor: User, access: Access, rider: Rider, content_hash: str | None = None
) -> Rider:
    """R2: the coordinator records the one-on-one in which the performer confirmed the wording."""
    access.require(Perm.CONSENT_COORDINATE)
    _check_production(access, rider.member)
    rider = _locked(rider)
    _require_state(rider, Rider.State.DRAFT, "Only a draft rider can be confirmed.")
    if content_hash is not None and content_hash != rider.content_hash:
        raise Conflict("This rider changed since you opened it (stale). Reload it first.")
    rider.state = Rider.State.CONFIRMED
    rider.confirmed_at = timezone.now()
    rider.confirmed_by = actor
    return _change(
        actor, access, rider, AuditAction.RIDER_CONFIRMED, ["state", "confirmed_at", "confirmed_by"]
    )


def _same_name(typed: str, name: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


@transaction.atomic
def rider_sign(
    *, actor: User, access: Access, rider: Rider, typed_name: str, content_hash: str
) -> Rider:
    """The performer signs their confirmed rider with their typed full name (re-authenticated
    by the caller), for exactly the content they saw."""
    rider = _locked(rider)
    if rider.member_id != access.membership.pk or rider.member.user_id != actor.pk:
        raise Forbidden("Only the performer can sign their own rider.")
    if rider.state == Rider.State.SUPERSEDED or content_hash != rider.content_hash:
        raise Conflict(
            "This rider is stale: it changed since you opened it. Reload it, read it again "
            "and sign the current version."
        )
    _require_state(
        rider,
        Rider.State.CONFIRMED,
        "This rider can be signed once your intimacy coordinator has confirmed it with you "
        "one-on-one.",
    )
    if not typed_name.strip() or not _same_name(typed_name, actor.name):
        raise ServiceError(
            "Type your full name exactly as it is on your account to sign.", field="typed_name"
        )
    rider.state = Rider.State.SIGNED
    rider.signed_at = timezone.now()
    crypto.seal(rider, "signed_name", " ".join(typed_name.split()))
    _notify_rider_step(
        access,
        rider,
        Perm.RIDER_COUNTERSIGN,
        "awaits your countersignature",
        "The performer signed their rider. It awaits your countersignature before it can be "
        "issued.",
    )
    return _change(
        actor, access, rider, AuditAction.RIDER_SIGNED, ["state", "signed_at", "signed_name"]
    )


@transaction.atomic
def rider_countersign(*, actor: User, access: Access, rider: Rider) -> Rider:
    """The producer countersigns a rider the performer has signed."""
    access.require(Perm.RIDER_COUNTERSIGN)
    _check_production(access, rider.member)
    rider = _locked(rider)
    _require_state(
        rider,
        Rider.State.SIGNED,
        "This rider cannot be countersigned yet: the performer has not signed it.",
    )
    rider.state = Rider.State.COUNTERSIGNED
    rider.countersigned_at = timezone.now()
    rider.countersigned_by = actor
    _notify_rider_step(
        access,
        rider,
        Perm.CONSENT_COORDINATE,
        "is countersigned and ready to issue",
        "The producer countersigned the rider. Issue it so that it counts toward the notice "
        "period (R1).",
    )
    return _change(
        actor,
        access,
        rider,
        AuditAction.RIDER_COUNTERSIGNED,
        ["state", "countersigned_at", "countersigned_by"],
    )


@transaction.atomic
def rider_issue(*, actor: User, access: Access, rider: Rider) -> Rider:
    """Issue a countersigned rider (producer or coordinator); the issue time counts for R1."""
    if not (access.has(Perm.RIDER_COUNTERSIGN) or access.has(Perm.CONSENT_COORDINATE)):
        raise Forbidden("Your role in this production does not allow this.")
    _check_production(access, rider.member)
    rider = _locked(rider)
    _require_state(
        rider,
        Rider.State.COUNTERSIGNED,
        "This rider cannot be issued yet: the producer has not countersigned it.",
    )
    rider.state = Rider.State.ISSUED
    rider.issued_at = timezone.now()
    notify(
        [rider.member.user.email],
        f"{access.production.title}: your rider {rider.number} is issued",
        "Your rider was issued. You can read it and download it as a PDF at any time; "
        "you can change or withdraw your consent at any time before a scene is filmed.\n",
    )
    return _change(actor, access, rider, AuditAction.RIDER_ISSUED, ["state", "issued_at"])


def rider_on_time_for(rider: Rider, call_time: datetime, notice_hours: int) -> bool:
    """R1: the rider was issued at least `notice_hours` before the call time."""
    if rider.issued_at is None or rider.state != Rider.State.ISSUED:
        return False
    return rider_on_time(rider.issued_at, call_time, notice_hours)


# --- doubles for withdrawn content (R4) -----------------------------------------------------


def signed_version(member: Membership, scene: Scene) -> ConsentVersion | None:
    """The consent version for ``scene`` that the performer's latest signed rider was made
    from (what they originally agreed, before any later change or withdrawal)."""
    riders = Rider.objects.filter(member=member, signed_at__isnull=False).order_by("-number")
    lineage = str(scene.lineage)
    for rider in riders:
        number = (crypto.unseal(rider, "content") or {}).get("consent_versions", {}).get(lineage)
        if number is not None:
            return ConsentVersion.objects.filter(
                record__member=member, record__lineage=scene.lineage, number=number
            ).first()
    return None


@transaction.atomic
def double_record(
    *,
    actor: User,
    access: Access,
    scene: Scene,
    member: Membership,
    items: list[dict[str, Any]],
) -> list[DoubleUse]:
    """R4: record that a body or digital double performs content the performer agreed to in
    their signed rider; the rules refuse anything beyond what they originally agreed."""
    access.require(Perm.CONSENT_COORDINATE)
    _check_production(access, member)
    cast = scene_cast(scene=scene)
    if str(member.pk) not in cast:
        raise ServiceError("This performer is not cast in this scene.", field="member")
    if not items:
        raise ServiceError("Choose at least one double to record.", field="items")
    try:
        doubles = [rules.item_from_json(item) for item in items]
    except (ValueError, TypeError) as exc:
        raise ServiceError(str(exc), field="items") from None
    if not all(isinstance(d, rules.DoubleItem) for d in doubles):
        raise ServiceError("Only doubles can be recorded here.", field="items")
    original = signed_version(member, scene)
    if original is None:
        raise ServiceError(
            "No signed rider covers this scene, so there is nothing a double could be checked "
            "against (R4).",
            field="items",
        )
    record = original.record
    before = rules.consent_from_json(crypto.unseal(original, "answers"))
    now = current_consent(record, member, scene)
    problems = double_violations(
        before,
        [d for d in doubles if isinstance(d, rules.DoubleItem)],
        current=now,
        age=performer_age(member, scene),
    )
    if problems:
        raise _problems_error(problems, cast)
    recorded = []
    for double in doubles:
        use = DoubleUse(
            production=access.production,
            record=record,
            original_version=original.number,
            recorded_by=actor,
        )
        crypto.seal(use, "item", rules.item_to_json(double))
        use.save()
        recorded.append(use)
    audit.record(
        AuditAction.DOUBLE_RECORDED,
        actor=actor,
        production=access.production,
        obj=record,
        summary=f"{len(recorded)} against version {original.number}",
    )
    return recorded

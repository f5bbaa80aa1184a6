"""Writes of choreography: beats (every write a new version), approval by the coordinator and the
director, voiding when consent, cast or beats change, and shoot-day re-confirmation (R8).

Each write re-checks the permission, writes, and records an audit event in one transaction.
Notifications name the scene and the kind of change only, never what or whose (R9).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from closedset.accounts.models import User
from closedset.choreography.models import Approval, Choreography, Reconfirmation, VoidReason
from closedset.consent.models import ConsentRecord
from closedset.consent.services import current_consent, performer_age
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, Forbidden, ServiceError
from closedset.core.models import AuditAction
from closedset.core.notify import notify
from closedset.core.permissions import Perm
from closedset.productions.models import Membership, Production
from closedset.productions.policies import Access
from closedset.productions.selectors import members_with
from closedset.rules import choreography as rules
from closedset.rules.consent import SceneConsent
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast

MAX_BEATS = 200
MAX_INTENT = 4000


# --- what validation reads ------------------------------------------------------------------


@dataclass(frozen=True)
class SceneInputs:
    """A scene's cast, their ages and current consents, as the rules take them.

    Holds decrypted answers: whoever builds it must record the read (selectors do).
    """

    members: dict[str, Membership]
    ages: dict[str, int | None]
    consents: dict[str, SceneConsent]
    consent_versions: dict[str, int]

    @property
    def names(self) -> dict[str, str]:
        ordered = sorted(self.members.items(), key=lambda kv: kv[1].user.name)
        return {mid: m.user.name for mid, m in ordered}


def scene_inputs(scene: Scene) -> SceneInputs:
    members = scene_cast(scene=scene)
    records = {
        str(r.member_id): r
        for r in ConsentRecord.objects.select_related("current").filter(
            member__in=list(members.values()), lineage=scene.lineage
        )
    }
    consents: dict[str, SceneConsent] = {}
    versions: dict[str, int] = {}
    for mid, member in members.items():
        record = records.get(mid)
        versions[mid] = record.current.number if record and record.current else 0
        if record is not None and record.current is not None:
            consents[mid] = current_consent(record, member, scene)
    ages = {mid: performer_age(member, scene) for mid, member in members.items()}
    return SceneInputs(members, ages, consents, versions)


def beats_of(choreography: Choreography | None) -> list[dict[str, Any]]:
    """The stored beats as JSON dicts (each with its stable "id")."""
    if choreography is None:
        return []
    return list(crypto.unseal(choreography, "beats") or [])


def parse_beats(data: list[dict[str, Any]]) -> list[rules.Beat]:
    """JSON beats to rule beats, numbered by position; ServiceError on a bad shape."""
    beats = []
    for position, entry in enumerate(data, start=1):
        try:
            beat = rules.beat_from_json({**entry, "order": position})
        except ValueError as exc:
            raise ServiceError(f"Beat {position}: {exc}", field="beats") from None
        beats.append(beat)
    return beats


def _hash(beats: list[dict[str, Any]]) -> str:
    text = json.dumps(beats, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _label(scene: Scene) -> str:
    return scene.number or str(scene.ordinal)


def _locked(scene: Scene) -> Choreography | None:
    return (
        Choreography.objects.select_for_update(of=("self",))
        .select_related("approval")
        .filter(lineage=scene.lineage)
        .first()
    )


def _approvers(production: Production) -> list[str]:
    return [m.user.email for m in members_with(production, Perm.CHOREOGRAPHY_APPROVE)]


# --- voiding --------------------------------------------------------------------------------


def choreography_void(
    *,
    actor: User | None,
    production: Production,
    scene: Scene,
    reason: VoidReason,
    choreography: Choreography | None = None,
) -> bool:
    """Void the scene's current approval (complete or in progress) at once, and tell the
    coordinators and directors that it needs re-approval. Must run inside the transaction of
    the change that causes it. True if there was an approval to void."""
    choreography = choreography or _locked(scene)
    approval = choreography.approval if choreography else None
    if choreography is None or approval is None or approval.voided_at is not None:
        return False
    approval.voided_at = timezone.now()
    approval.voided_reason = reason
    approval.save(update_fields=["voided_at", "voided_reason"])
    if approval.complete:
        choreography.voided_reason = reason
        choreography.save(update_fields=["voided_reason", "updated_at"])
    audit.record(
        AuditAction.CHOREOGRAPHY_APPROVAL_VOIDED,
        actor=actor,
        production=production,
        obj=approval,
        summary=f"voided: {reason.label}",
    )
    label = _label(scene)
    notify(
        _approvers(production),
        f"{production.title}: choreography for scene {label} needs re-approval",
        f"Choreography for scene {label} ({scene.heading}) needs re-approval: "
        f"{'a consent changed' if reason == VoidReason.CONSENT else reason.label}.\n"
        "The intimacy coordinator has the details.\n",
    )
    return True


# --- beats ----------------------------------------------------------------------------------


def _checked_beats(
    scene: Scene, beats: list[dict[str, Any]], previous: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The beats as stored: canonical JSON, each with a stable id; ServiceError if malformed.

    A performer no longer cast may stay in beats already stored (validation flags them);
    a new one must be in the cast.
    """
    parsed = parse_beats(beats)
    members = scene_cast(scene=scene)
    known = {p for beat in parse_beats(previous) for p in beat.involved}
    cast: dict[str, int | None] = dict.fromkeys(members)
    cast.update(dict.fromkeys(known - set(members)))
    for position, beat in enumerate(parsed, start=1):
        problems = rules.beat_problems(beat, cast)
        if problems:
            message = problems[0].message
            for mid, member in members.items():
                message = message.replace(mid, member.user.name)
            raise ServiceError(f"Beat {position}: {message}", field="beats")
    stored = []
    for entry, beat in zip(beats, parsed, strict=True):
        beat_id = entry.get("id")
        data = rules.beat_to_json(beat)
        data["id"] = beat_id if isinstance(beat_id, str) and 0 < len(beat_id) <= 64 else None
        stored.append(data)
    seen: set[str] = set()
    for data in stored:  # each beat keeps a stable id, unique within the choreography
        if data["id"] is None or data["id"] in seen:
            data["id"] = uuid.uuid4().hex[:12]
        seen.add(data["id"])

    return stored


@transaction.atomic
def choreography_save(
    *,
    actor: User,
    access: Access,
    scene: Scene,
    beats: list[dict[str, Any]],
    expected_version: int | None = None,
    intent: str | None = None,
) -> Choreography:
    """Replace a scene's beats (and, if given, the director's intent notes) with a new version.

    ``expected_version`` is the version the editor started from: a different current version
    means someone else saved in between (409, nothing changed). An edit after approval voids it.
    """
    access.require(Perm.CHOREOGRAPHY_EDIT)
    if scene.production_id != access.production.pk:
        raise Forbidden("This scene belongs to another production.")
    if len(beats) > MAX_BEATS:
        raise ServiceError(f"A choreography has at most {MAX_BEATS} beats.", field="beats")
    if intent is not None and len(intent) > MAX_INTENT:
        raise ServiceError(f"Intent notes are at most {MAX_INTENT} characters.", field="intent")
    choreography = _locked(scene)
    if choreography is None:
        choreography = Choreography(lineage=scene.lineage, production=access.production)
        crypto.seal(choreography, "beats", [])
        choreography.save()
    stored = _checked_beats(scene, beats, beats_of(choreography))
    current = choreography.version
    if expected_version is not None and expected_version != current:
        raise Conflict(
            f"This choreography changed since you opened it (now version {current}). "
            "Reload to see the latest before changing it."
        )
    new_hash = _hash([{k: v for k, v in b.items() if k != "id"} for b in stored])
    old_intent = _intent(choreography)
    intent_text = clean_intent(intent) if intent is not None else old_intent
    beats_changed = new_hash != choreography.beats_hash or choreography.version == 0
    beats_differ = beats_changed or beats_of(choreography) != stored
    if not beats_differ and intent_text == old_intent:
        return choreography  # nothing changed: no new version
    if intent_text != old_intent:  # the intent notes are not beats: they never void
        _write_intent(actor, access, choreography, intent_text)
    if not beats_differ:
        return choreography
    if current > 0:  # keep the beats being replaced, so the change can be undone
        crypto.seal(choreography, "previous_beats", beats_of(choreography))
    choreography.version = current + 1
    crypto.seal(choreography, "beats", stored)
    choreography.beats_hash = new_hash
    choreography.updated_by = actor
    choreography.save()
    audit.record(
        AuditAction.CHOREOGRAPHY_CHANGED,
        actor=actor,
        production=access.production,
        obj=choreography,
        summary=f"version {choreography.version}, {len(stored)} beats",
    )
    if beats_changed:
        choreography_void(
            actor=actor,
            production=access.production,
            scene=scene,
            reason=VoidReason.BEATS,
            choreography=choreography,
        )
    return choreography


@transaction.atomic
def choreography_undo(
    *, actor: User, access: Access, scene: Scene, expected_version: int
) -> Choreography:
    """Undo the last change of the beats (the editor offers it right after a delete).

    The previous version's beats are saved as a new version, so history only moves forward
    and approval works as for any edit (docs/adr/0006). ``expected_version`` is the version
    the undo was offered for: if anyone changed the beats since, 409 and nothing changes.
    """
    access.require(Perm.CHOREOGRAPHY_EDIT)
    choreography = _locked(scene)
    if (
        choreography is None
        or choreography.production_id != access.production.pk
        or choreography.previous_beats is None
    ):
        raise ServiceError("There is nothing to undo.")
    if expected_version != choreography.version:
        raise Conflict(
            f"The beats changed since then (now version {choreography.version}), so that "
            "change can no longer be undone. Reload to see the latest."
        )
    previous = list(crypto.unseal(choreography, "previous_beats") or [])
    restored = choreography_save(
        actor=actor, access=access, scene=scene, beats=previous, expected_version=expected_version
    )
    audit.record(
        AuditAction.CHOREOGRAPHY_UNDONE,
        actor=actor,
        production=access.production,
        obj=restored,
        summary=f"version {expected_version} undone as version {restored.version}",
    )
    return restored


# --- the director's intent notes ------------------------------------------------------------


def _intent(choreography: Choreography) -> str | None:
    return crypto.unseal(choreography, "intent") if choreography.intent else None


def clean_intent(intent: str) -> str | None:
    return intent.replace("\r\n", "\n").strip() or None


def _write_intent(
    actor: User, access: Access, choreography: Choreography, text: str | None
) -> None:
    crypto.seal(choreography, "intent", text)
    choreography.intent_version += 1
    choreography.save(update_fields=["intent", "intent_version", "updated_at"])
    audit.record(
        AuditAction.CHOREOGRAPHY_INTENT_CHANGED,
        actor=actor,
        production=access.production,
        obj=choreography,
        summary=f"intent notes version {choreography.intent_version}",
    )


@transaction.atomic
def choreography_intent_save(
    *, actor: User, access: Access, scene: Scene, intent: str, expected_version: int
) -> Choreography:
    """The director's (or coordinator's) intent notes for the scene: the brief's context.

    Needs ``Perm.CHOREOGRAPHY_APPROVE``. ``expected_version`` is the intent notes' version the
    writer started from (``intent_version``); a different one answers 409 and changes nothing.
    The notes are not beats: writing them never changes the beats' version, so an approval
    stands (docs/adr/0006). Empty text clears them.
    """
    access.require(Perm.CHOREOGRAPHY_APPROVE)
    if scene.production_id != access.production.pk:
        raise Forbidden("This scene belongs to another production.")
    if len(intent) > MAX_INTENT:
        raise ServiceError(f"Intent notes are at most {MAX_INTENT} characters.", field="intent")
    choreography = _locked(scene)
    if choreography is None:  # notes before any beat: version 0 still means "no beats yet"
        choreography = Choreography(lineage=scene.lineage, production=access.production)
        crypto.seal(choreography, "beats", [])
        choreography.save()
    if expected_version != choreography.intent_version:
        raise Conflict(
            "The intent notes changed since you opened them "
            f"(now version {choreography.intent_version}). Reload to see the latest."
        )
    text = clean_intent(intent)
    if text != _intent(choreography):
        _write_intent(actor, access, choreography, text)
    return choreography


# --- approval -------------------------------------------------------------------------------


def _approval_blockers(choreography: Choreography, inputs: SceneInputs) -> str | None:
    beats = parse_beats(beats_of(choreography))
    if not beats:
        return "There are no beats to approve."
    results = rules.validate(beats, inputs.consents, inputs.ages)
    blocked = [r.order for r in results if r.status is not rules.Status.OK]
    if blocked:
        listed = ", ".join(str(o) for o in blocked[:10])
        return f"Every beat must be within the agreement before approval (see beats {listed})."
    return None


@transaction.atomic
def choreography_approve(
    *, actor: User, access: Access, scene: Scene, expected_version: int
) -> Approval:
    """Approve the current version of the beats, as coordinator or as director.

    Someone who may edit beats approves as the coordinator; anyone else with the approval
    permission, as the director. The approval pins the beats' version and hash, the cast and
    every cast performer's consent version; both approvals must be of the same pins, and any
    change to them voids it (docs/adr/0006). Only a choreography whose every beat is within
    the agreement can be approved.
    """
    access.require(Perm.CHOREOGRAPHY_APPROVE)
    choreography = _locked(scene)
    if choreography is None or choreography.production_id != access.production.pk:
        raise ServiceError("There is no choreography to approve yet.")
    if expected_version != choreography.version:
        raise Conflict(
            f"The beats changed since you opened them (now version {choreography.version}). "
            "Reload and review them before approving."
        )
    inputs = scene_inputs(scene)
    blocker = _approval_blockers(choreography, inputs)
    if blocker:
        raise ServiceError(blocker)
    approval = choreography.approval
    pins_match = (
        approval is not None
        and approval.voided_at is None
        and approval.version == choreography.version
        and approval.beats_hash == choreography.beats_hash
        and approval.consent_versions == inputs.consent_versions
    )
    if approval is None or not pins_match:
        if approval is not None and approval.voided_at is None:
            approval.voided_at = timezone.now()
            approval.save(update_fields=["voided_at"])
        approval = Approval.objects.create(
            production=access.production,
            choreography=choreography,
            version=choreography.version,
            beats_hash=choreography.beats_hash,
            consent_versions=inputs.consent_versions,
        )
        choreography.approval = approval
        choreography.save(update_fields=["approval", "updated_at"])
    now = timezone.now()
    as_coordinator = access.has(Perm.CHOREOGRAPHY_EDIT)
    if as_coordinator:
        approval.coordinator_by, approval.coordinator_at = actor, now
    else:
        approval.director_by, approval.director_at = actor, now
    approval.save()
    role = "coordinator" if as_coordinator else "director"
    audit.record(
        AuditAction.CHOREOGRAPHY_APPROVED,
        actor=actor,
        production=access.production,
        obj=approval,
        summary=f"version {approval.version} approved as {role}",
    )
    label = _label(scene)
    if approval.complete:
        if choreography.voided_reason:
            choreography.voided_reason = ""
            choreography.save(update_fields=["voided_reason", "updated_at"])
        notify(
            _approvers(access.production),
            f"{access.production.title}: choreography for scene {label} approved",
            f"The choreography for scene {label} ({scene.heading}) is approved.\n",
        )
    else:
        notify(
            (e for e in _approvers(access.production) if e != actor.email),
            f"{access.production.title}: choreography for scene {label} awaits approval",
            f"The choreography for scene {label} ({scene.heading}) has been approved by the "
            f"{role} and awaits the other approval.\n",
        )
    return approval


# --- shoot day (R8) -------------------------------------------------------------------------


@transaction.atomic
def choreography_reconfirm_required(
    *, actor: User, access: Access, scene: Scene
) -> list[Membership]:
    """R8: the choreography changed on a shoot day; the performers in its beats must each
    re-confirm the current version on their phone before the next take.

    Called by whoever knows that today is the scene's shoot day (the shoot-day app, when a
    change is made on the day; or the coordinator). Needs ``Perm.CHOREOGRAPHY_EDIT`` or
    ``Perm.SCENE_MARK_FILMED``. Opens one re-confirmation per performer involved in any beat
    of the current version (already-open ones are kept), notifies each of them (scene only),
    and returns those performers. ``selectors.reconfirmation_pending(scene=…)`` lists who has
    not yet re-confirmed; the next take should wait until it is empty.
    """
    if not (access.has(Perm.CHOREOGRAPHY_EDIT) or access.has(Perm.SCENE_MARK_FILMED)):
        raise Forbidden("Your role in this production does not allow this.")
    choreography = _locked(scene)
    if choreography is None or choreography.production_id != access.production.pk:
        raise ServiceError("This scene has no choreography.")
    members = scene_cast(scene=scene)
    involved: list[str] = []
    for beat in parse_beats(beats_of(choreography)):
        involved.extend(p for p in beat.involved if p in members and p not in involved)
    if not involved:
        raise ServiceError("No cast performer is in the beats.")
    for mid in involved:
        Reconfirmation.objects.get_or_create(
            choreography=choreography,
            version=choreography.version,
            member=members[mid],
            defaults={"production": access.production, "requested_by": actor},
        )
    audit.record(
        AuditAction.CHOREOGRAPHY_RECONFIRM_REQUESTED,
        actor=actor,
        production=access.production,
        obj=choreography,
        summary=f"version {choreography.version}, {len(involved)} performers",
    )
    label = _label(scene)
    notify(
        (members[mid].user.email for mid in involved),
        f"{access.production.title}: please re-confirm scene {label}",
        f"The choreography for scene {label} ({scene.heading}) changed today. Please read it "
        "and re-confirm on your phone before the next take. You can say no.\n",
    )
    return [members[mid] for mid in involved]


@transaction.atomic
def choreography_reconfirm(*, actor: User, access: Access, scene: Scene) -> Reconfirmation:
    """R8: the performer re-confirms the current version of the beats they are in."""
    choreography = _locked(scene)
    pending = (
        Reconfirmation.objects.select_for_update()
        .filter(
            choreography=choreography,
            member=access.membership,
            version=choreography.version if choreography else -1,
            confirmed_at__isnull=True,
        )
        .first()
    )
    if pending is None:
        raise ServiceError("There is nothing for you to re-confirm in this scene.")
    pending.confirmed_at = timezone.now()
    pending.save(update_fields=["confirmed_at"])
    audit.record(
        AuditAction.CHOREOGRAPHY_RECONFIRMED,
        actor=actor,
        production=access.production,
        obj=pending,
        summary=f"version {pending.version} re-confirmed",
    )
    return pending

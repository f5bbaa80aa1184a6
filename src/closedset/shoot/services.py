"""Writes of the shoot day: schedule, roster, check-ins, pause and resume, filming, closure.

Every write re-checks the permission, changes nothing on a refusal, and is audited in the same
transaction with a summary that holds no private detail (never a check-in outcome or a debrief).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from closedset.accounts.models import User
from closedset.consent.models import ConsentRecord, ConsentVersion
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm
from closedset.productions.models import Membership
from closedset.productions.policies import Access
from closedset.rules.notice import local_call_time
from closedset.scripts.models import Scene
from closedset.scripts.selectors import scene_cast
from closedset.shoot.models import (
    BestEffort,
    CalendarLink,
    Debrief,
    DeviceAcknowledgement,
    Entry,
    FilmedConsent,
    PauseEvent,
    PerformerCheckIn,
    RosterMember,
    SetCheckIn,
    ShootDay,
)
from closedset.shoot.policies import can_pause, entry_scene, is_cast, is_rostered


def call_instant(day: ShootDay, tz_name: str) -> datetime:
    return local_call_time(day.date, day.call_time, tz_name)


def _label(scene: Scene) -> str:
    return scene.number or str(scene.ordinal)


def _check(access: Access, production_id: Any) -> None:
    if production_id != access.production.pk:
        raise NotFound()


@transaction.atomic
def day_create(*, actor: User, access: Access, day: date, call_time: time) -> ShootDay:
    """A shoot day with its call time in the production's time zone; never in the past."""
    access.require(Perm.SCHEDULE_EDIT)
    try:
        call = local_call_time(day, call_time, access.production.time_zone)
    except ValueError as exc:
        raise ServiceError(str(exc).removeprefix("R1: "), field="call_time") from None
    if call <= timezone.now():
        raise ServiceError(
            f"The call time {day.isoformat()} {call_time.strftime('%H:%M')} is in the past. "
            "Choose a day and time still to come.",
            field="date",
        )
    if ShootDay.objects.filter(production=access.production, date=day).exists():
        raise ServiceError(f"There is already a shoot day on {day.isoformat()}.", field="date")
    shoot_day = ShootDay.objects.create(production=access.production, date=day, call_time=call_time)
    audit.record(
        AuditAction.SHOOT_DAY_CREATED,
        actor=actor,
        production=access.production,
        obj=shoot_day,
        summary=f"{day.isoformat()} call {call_time.strftime('%H:%M')}",
    )
    return shoot_day


@transaction.atomic
def entry_schedule(
    *,
    actor: User,
    access: Access,
    day: ShootDay,
    scene: Scene,
    kind: str = Entry.Kind.SHOOT,
    third_adult: str = "",
) -> Entry:
    """Put a scene on a day (once a day), to shoot or to rehearse."""
    access.require(Perm.SCHEDULE_EDIT)
    _check(access, day.production_id)
    if scene.production_id != access.production.pk:
        raise ServiceError("This scene is not in this production.", field="scene")
    if kind not in Entry.Kind.values:
        raise ServiceError("Choose shoot or rehearsal.", field="kind")
    if call_instant(day, access.production.time_zone) <= timezone.now():
        raise ServiceError(
            f"The call time of {day.date.isoformat()} is in the past: "
            "a scene cannot be scheduled on it.",
            field="day",
        )
    if Entry.objects.filter(day=day, lineage=scene.lineage).exists():
        raise ServiceError(
            f"Scene {_label(scene)} is already scheduled on {day.date.isoformat()}.",
            field="scene",
        )
    entry = Entry.objects.create(
        production=access.production,
        day=day,
        scene=scene,
        lineage=scene.lineage,
        kind=kind,
        third_adult=third_adult.strip()[:150],
    )
    audit.record(
        AuditAction.SHOOT_SCENE_SCHEDULED,
        actor=actor,
        production=access.production,
        obj=entry,
        summary=f"scene {_label(scene)} on {day.date.isoformat()} ({kind})",
    )
    return entry


@transaction.atomic
def entry_unschedule(*, actor: User, access: Access, entry: Entry) -> None:
    access.require(Perm.SCHEDULE_EDIT)
    _check(access, entry.production_id)
    if entry.filmed_at is not None:
        raise Conflict("This scene was filmed on that day; it stays on the schedule.")
    audit.record(
        AuditAction.SHOOT_SCENE_UNSCHEDULED,
        actor=actor,
        production=access.production,
        obj=entry,
        summary=f"scene {_label(entry.scene)} off {entry.day.date.isoformat()}",
    )
    entry.delete()


@transaction.atomic
def best_effort_record(*, actor: User, access: Access, tried_on: date, note: str) -> BestEffort:
    """R7: who tried to engage an intimacy coordinator, when, and a short note."""
    access.require(Perm.SCHEDULE_EDIT)
    text = " ".join(note.split())
    if not text:
        raise ServiceError("Say in a few words what was tried.", field="note")
    if len(text) > 300:
        raise ServiceError("Keep the note under 300 characters.", field="note")
    if tried_on > timezone.localdate():
        raise ServiceError("The attempt cannot be in the future.", field="tried_on")
    effort = BestEffort.objects.create(
        production=access.production, by=actor, tried_on=tried_on, note=text
    )
    audit.record(
        AuditAction.SHOOT_BEST_EFFORT_RECORDED,
        actor=actor,
        production=access.production,
        obj=effort,
        summary=f"attempt on {tried_on.isoformat()}",
    )
    return effort


# --- the closed-set roster (R6) ---------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    member_id: Any
    on_set: bool = True
    at_monitors: bool = False
    stills: bool = False


def stills_allowed(entry: Entry) -> bool:
    """Every performer's live rider allows stills for this scene."""
    from closedset.shoot.selectors import performer_riders  # noqa: PLC0415 - avoids a cycle

    riders = performer_riders(entry)
    return bool(riders) and all(r.allows_stills for r in riders.values())


@transaction.atomic
def roster_set(
    *, actor: User, access: Access, entry: Entry, rows: Sequence[RosterRow]
) -> list[RosterMember]:
    """Replace the roster of essential personnel (IC or first AD)."""
    access.require(Perm.ROSTER_EDIT)
    _check(access, entry.production_id)
    ids = [str(r.member_id) for r in rows]
    if len(ids) != len(set(ids)):
        raise ServiceError("A person is listed twice on the roster.", field="roster")
    members = {
        str(m.pk): m
        for m in Membership.objects.filter(
            production=access.production, pk__in=ids, removed_at__isnull=True
        ).select_related("user")
    }
    missing = [i for i in ids if i not in members]
    if missing:
        raise ServiceError(
            f"Not a member of this production: {', '.join(missing[:3])}.", field="roster"
        )
    for row in rows:
        if not (row.on_set or row.at_monitors):
            name = members[str(row.member_id)].user.name
            raise ServiceError(f"{name}: choose on set, at the monitors or both.", field="roster")
    if any(r.stills for r in rows) and not stills_allowed(entry):
        raise ServiceError(
            "A stills photographer can be on this closed set only when every performer's rider "
            "allows stills.",
            field="roster",
        )
    RosterMember.objects.filter(entry=entry).delete()
    created = [
        RosterMember.objects.create(
            entry=entry,
            member=members[str(r.member_id)],
            on_set=r.on_set,
            at_monitors=r.at_monitors,
            stills=r.stills,
        )
        for r in rows
    ]
    audit.record(
        AuditAction.SHOOT_ROSTER_SET,
        actor=actor,
        production=access.production,
        obj=entry,
        summary=f"{len(created)} people",
    )
    return created


def set_check_in(
    *, actor: User, access: Access, entry: Entry, no_recording_devices: bool
) -> SetCheckIn:
    """Check in to the closed set. Someone not on the roster (nor cast) is refused, and the
    attempt is recorded; nothing else changes."""
    _check(access, entry.production_id)
    allowed = is_rostered(access, entry) or is_cast(access, entry)
    if not allowed:
        with transaction.atomic():
            refusal = SetCheckIn.objects.create(entry=entry, member=access.membership, refused=True)
            audit.record(
                AuditAction.SHOOT_SET_REFUSED,
                actor=actor,
                production=access.production,
                obj=refusal,
                summary=f"not on the roster of scene {_label(entry.scene)}",
            )
        raise Forbidden(
            "You are not on the closed-set roster for this scene today. "
            "Speak to the first assistant director or the intimacy coordinator."
        )
    return _set_check_in(actor, access, entry, no_recording_devices)


@transaction.atomic
def _set_check_in(
    actor: User, access: Access, entry: Entry, no_recording_devices: bool
) -> SetCheckIn:
    if SetCheckIn.objects.filter(entry=entry, member=access.membership, refused=False).exists():
        raise Conflict("You are already checked in to this closed set.")
    acknowledged = DeviceAcknowledgement.objects.filter(
        day=entry.day, member=access.membership
    ).exists()
    if not acknowledged:
        if not no_recording_devices:
            raise ServiceError(
                "Confirm that you carry no personal recording device on this closed set.",
                field="no_recording_devices",
            )
        DeviceAcknowledgement.objects.create(day=entry.day, member=access.membership)
    checkin = SetCheckIn.objects.create(entry=entry, member=access.membership)
    audit.record(
        AuditAction.SHOOT_SET_CHECKED_IN,
        actor=actor,
        production=access.production,
        obj=checkin,
        summary=f"scene {_label(entry.scene)}",
    )
    return checkin


# --- performers on the day (R8) ---------------------------------------------------------------


def _consent_record(member: Membership, entry: Entry) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.select_related("current")
        .filter(member=member, lineage=entry.lineage)
        .first()
    )


@transaction.atomic
def performer_check_in(
    *, actor: User, access: Access, entry: Entry, outcome: str
) -> PerformerCheckIn:
    """R8: a performer re-confirms their consent for today (one tap) or says they want to change
    it (the change itself is made on their consent page). Once per scene and day; after a
    "change", a re-confirmation completes it."""
    _check(access, entry.production_id)
    if outcome not in PerformerCheckIn.Outcome.values:
        raise ServiceError("Choose to re-confirm or to change.", field="outcome")
    if not is_cast(access, entry):
        raise Forbidden("Only the performers in this scene check in for it.")
    existing = (
        PerformerCheckIn.objects.select_for_update()
        .filter(entry=entry, member=access.membership)
        .first()
    )
    if existing is not None and not (
        existing.outcome == PerformerCheckIn.Outcome.CHANGED
        and outcome == PerformerCheckIn.Outcome.CONFIRMED
    ):
        raise Conflict("You already checked in for this scene today.")
    record = _consent_record(access.membership, entry)
    version = record.current.number if record and record.current else 0
    if existing is None:
        checkin = PerformerCheckIn.objects.create(
            entry=entry,
            member=access.membership,
            outcome=outcome,
            consent_version=version,
            at=timezone.now(),
        )
    else:
        checkin = existing
        checkin.outcome = outcome
        checkin.consent_version = version
        checkin.at = timezone.now()
        checkin.save(update_fields=["outcome", "consent_version", "at"])
    audit.record(
        AuditAction.SHOOT_PERFORMER_CHECKED_IN,
        actor=actor,
        production=access.production,
        obj=checkin,
        summary=f"scene {_label(entry.scene)}",
    )
    return checkin


@transaction.atomic
def scene_pause(*, actor: User, access: Access, entry: Entry) -> PauseEvent:
    """Any performer in the scene, or the IC, pauses it. No reason is asked. Every press is
    recorded; a press while paused keeps it paused."""
    _check(access, entry.production_id)
    if not can_pause(access, entry):
        raise Forbidden("Only the performers in this scene and the intimacy coordinator pause it.")
    now = timezone.now()
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.paused_at is None:
        locked.paused_at = now
        locked.save(update_fields=["paused_at"])
    entry.paused_at = locked.paused_at
    return _press(actor, access, entry, PauseEvent.Kind.PAUSE, now)


@transaction.atomic
def scene_resume(*, actor: User, access: Access, entry: Entry, checked_in: bool) -> PauseEvent:
    """Only the IC resumes, after checking in with the performers."""
    _check(access, entry.production_id)
    access.require(Perm.SCENE_RESUME)
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.paused_at is None:
        raise Conflict("The scene is not paused.")
    if not checked_in:
        raise ServiceError(
            "Check in with the performers first, then confirm that you did.", field="checked_in"
        )
    now = timezone.now()
    locked.paused_at = None
    locked.save(update_fields=["paused_at"])
    entry.paused_at = None
    return _press(actor, access, entry, PauseEvent.Kind.RESUME, now)


def _press(actor: User, access: Access, entry: Entry, kind: str, at: datetime) -> PauseEvent:
    """Record a pause or a resume, and audit it."""
    event = PauseEvent.objects.create(entry=entry, kind=kind, by=actor, at=at)
    paused = kind == PauseEvent.Kind.PAUSE
    audit.record(
        AuditAction.SHOOT_PAUSED if paused else AuditAction.SHOOT_RESUMED,
        actor=actor,
        production=access.production,
        obj=entry,
        summary=f"scene {_label(entry.scene)}",
    )
    return event


@transaction.atomic
def scene_mark_filmed(*, actor: User, access: Access, entry: Entry) -> list[ConsentVersion]:
    """The first AD or IC marks the scene filmed for the day: each performer's consent version
    in force is frozen for what was filmed (R4); a later withdrawal does not reach it."""
    _check(access, entry.production_id)
    access.require(Perm.SCENE_MARK_FILMED)
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.kind != Entry.Kind.SHOOT:
        raise ServiceError("A rehearsal is not filmed; only a shoot entry can be marked filmed.")
    if locked.filmed_at is not None:
        raise Conflict("This scene is already marked filmed for this day.")
    if locked.paused_at is not None:
        raise Conflict("The scene is paused. The intimacy coordinator resumes it first.")
    cast = scene_cast(scene=entry_scene(entry))
    if not cast:
        raise ServiceError("No performer is cast in this scene.")
    versions: list[ConsentVersion] = []
    records = []
    for member in cast.values():
        record = _consent_record(member, entry)
        current = record.current if record else None
        if current is None or current.kind == ConsentVersion.Kind.WITHDRAWAL:
            raise ServiceError(
                "The scene cannot be marked filmed: a performer has no consent in force for it. "
                "Speak to the intimacy coordinator."
            )
        records.append((member, record, current))
    for member, record, current in records:
        FilmedConsent.objects.create(
            entry=entry, member=member, version=current, number=current.number
        )
        assert record is not None  # noqa: S101 - checked above
        record.filmed = current
        record.save(update_fields=["filmed"])
        versions.append(current)
    locked.filmed_at = timezone.now()
    locked.filmed_by = actor
    locked.save(update_fields=["filmed_at", "filmed_by"])
    entry.filmed_at, entry.filmed_by = locked.filmed_at, actor
    audit.record(
        AuditAction.SHOOT_FILMED,
        actor=actor,
        production=access.production,
        obj=entry,
        summary=f"scene {_label(entry.scene)}, {len(versions)} consent versions frozen",
    )
    return versions


# --- closure ----------------------------------------------------------------------------------

FEELINGS = {"ok": "I'm OK", "talk": "I'd like to talk to the intimacy coordinator"}


@transaction.atomic
def debrief_answer(
    *, actor: User, access: Access, entry: Entry, feeling: str, note: str = ""
) -> Debrief:
    """A performer's private closure check-in after the scene (sealed; performer and IC)."""
    _check(access, entry.production_id)
    if not is_cast(access, entry):
        raise Forbidden("Only the performers in this scene answer its debrief.")
    if feeling not in FEELINGS:
        raise ServiceError("Choose how you are.", field="feeling")
    text = note.strip()
    if len(text) > 2000:
        raise ServiceError("Keep the note under 2,000 characters.", field="note")
    debrief, _ = Debrief.objects.select_for_update().get_or_create(
        entry=entry, member=access.membership, defaults={"production": access.production}
    )
    crypto.seal(debrief, "answer", {"feeling": feeling, "note": text})
    debrief.answered_at = timezone.now()
    debrief.save(update_fields=["answer", "answered_at"])
    audit.record(
        AuditAction.SHOOT_DEBRIEF_ANSWERED,
        actor=actor,
        production=access.production,
        obj=debrief,
        summary="debrief answered",
    )
    return debrief


@transaction.atomic
def debrief_check(*, actor: User, access: Access, entry: Entry, member: Membership) -> Debrief:
    """The IC records that they checked in with a performer after the scene."""
    _check(access, entry.production_id)
    access.require(Perm.CONSENT_COORDINATE)
    if str(member.pk) not in scene_cast(scene=entry_scene(entry)):
        raise ServiceError("This person is not a performer in this scene.", field="member")
    debrief, _ = Debrief.objects.select_for_update().get_or_create(
        entry=entry, member=member, defaults={"production": access.production}
    )
    if debrief.coordinator_checked_at is not None:
        raise Conflict(f"You already checked in with {member.user.name} after this scene.")
    debrief.coordinator_checked_at = timezone.now()
    debrief.coordinator = actor
    debrief.save(update_fields=["coordinator_checked_at", "coordinator"])
    audit.record(
        AuditAction.SHOOT_DEBRIEF_CHECKED,
        actor=actor,
        production=access.production,
        obj=debrief,
        summary="closure check-in recorded",
    )
    return debrief


# --- calendar links ----------------------------------------------------------------------------


def calendar_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def calendar_link_create(*, actor: User, access: Access) -> str:
    """A new private calendar link for the actor's own scenes; any earlier link stops working.

    Returns the token, which is not kept (only its SHA-256): it can be shown this once.
    """
    access.require(Perm.PRODUCTION_VIEW)
    if access.membership.user_id != actor.pk:
        raise Forbidden("A calendar link is made by its owner.")
    token = secrets.token_urlsafe(32)
    CalendarLink.objects.filter(member=access.membership).delete()
    link = CalendarLink.objects.create(
        production=access.production,
        member=access.membership,
        token_hash=calendar_token_hash(token),
    )
    audit.record(
        AuditAction.SHOOT_CALENDAR_LINK_CREATED,
        actor=actor,
        production=access.production,
        obj=link,
        summary="calendar link created",
    )
    return token


@transaction.atomic
def calendar_link_revoke(*, actor: User, access: Access) -> bool:
    """Revoke the actor's calendar link: its address answers "not found" from now on."""
    access.require(Perm.PRODUCTION_VIEW)
    link = CalendarLink.objects.filter(member=access.membership).first()
    if link is None:
        return False
    audit.record(
        AuditAction.SHOOT_CALENDAR_LINK_REVOKED,
        actor=actor,
        production=access.production,
        obj=link,
        summary="calendar link revoked",
    )
    link.delete()
    return True

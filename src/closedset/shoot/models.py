"""Shoot days, the scenes on them, the closed-set roster, check-ins, pauses, filming, closure.

Only the debrief answer is sealed: schedules, rosters and check-in times are the operational
facts a call sheet carries. A performer's check-in outcome is shown to the coordinators only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from closedset.core.crypto import SealedField


class ShootDay(models.Model):
    """A day of the production's schedule, with its call time in the production's time zone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField()
    call_time = models.TimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["production", "date"], name="one_shoot_day_per_date")
        ]

    def __str__(self) -> str:
        return f"shoot day {self.date.isoformat()}"


class Entry(models.Model):
    """One scene on one day: shot or rehearsed. A scene appears at most once a day."""

    class Kind(models.TextChoices):
        SHOOT = "shoot", "Shoot"
        REHEARSAL = "rehearsal", "Rehearsal"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    day = models.ForeignKey(ShootDay, on_delete=models.CASCADE, related_name="entries")
    scene = models.ForeignKey("scripts.Scene", on_delete=models.CASCADE, related_name="+")
    lineage = models.UUIDField(db_index=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SHOOT)
    # R10: the third adult present at a rehearsal with a performer under 18.
    third_adult = models.CharField(max_length=150, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    filmed_at = models.DateTimeField(null=True, blank=True)
    filmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["day", "lineage"], name="one_entry_per_scene_and_day")
        ]

    def __str__(self) -> str:
        return f"scene entry {self.pk}"


class RosterMember(models.Model):
    """Essential personnel allowed on the closed set and/or at the monitors (R6)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="roster")
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    on_set = models.BooleanField(default=True)
    at_monitors = models.BooleanField(default=False)
    stills = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="one_roster_row_per_member")
        ]

    def __str__(self) -> str:
        return f"roster member {self.pk}"


class DeviceAcknowledgement(models.Model):
    """ "No personal recording devices": given once per day by each person entering (R6)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    day = models.ForeignKey(ShootDay, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "member"], name="one_acknowledgement_per_day")
        ]

    def __str__(self) -> str:
        return f"device acknowledgement {self.pk}"


class SetCheckIn(models.Model):
    """A person let onto the closed set; a refused attempt is kept too (``refused``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="set_checkins")
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    refused = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "member"],
                condition=models.Q(refused=False),
                name="one_set_checkin_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"set check-in {self.pk}"


class PerformerCheckIn(models.Model):
    """R8: a performer re-confirms consent for today, or changes it, before the scene."""

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", "Re-confirmed for today"
        CHANGED = "changed", "Changing their consent"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="checkins")
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    consent_version = models.PositiveIntegerField(default=0)
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="one_checkin_per_performer")
        ]

    def __str__(self) -> str:
        return f"check-in {self.pk}"


class PauseEvent(models.Model):
    """Every press of pause and every resume (no reason is asked or kept)."""

    class Kind(models.TextChoices):
        PAUSE = "pause", "Paused"
        RESUME = "resume", "Resumed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class FilmedConsent(models.Model):
    """R4: the consent version each performer was filmed under, frozen when marked filmed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="filmed_consents")
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        "consent.ConsentVersion", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="one_filmed_version_each")
        ]

    def __str__(self) -> str:
        return f"filmed consent {self.pk}"


class Debrief(models.Model):
    """Closure: a performer's private check-in after the scene, and the IC's conversation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="debriefs")
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    # {"feeling": "ok" | "talk", "note": str}; only the performer and coordinators read it.
    answer = SealedField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    coordinator_checked_at = models.DateTimeField(null=True, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="one_debrief_per_performer")
        ]

    def __str__(self) -> str:
        return f"debrief {self.pk}"


class BestEffort(models.Model):
    """R7: a recorded attempt to engage an intimacy coordinator, when none is engaged."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tried_on = models.DateField()
    note = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-tried_on", "-created_at"]

    def __str__(self) -> str:
        return f"best-efforts attempt {self.pk}"


class Reminder(models.Model):
    """A notice reminder sent (R1): one per scene, day, performer and deadline, never two.

    A changed call time moves the deadline, and so may earn a new reminder.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    day = models.ForeignKey(ShootDay, on_delete=models.CASCADE, related_name="+")
    lineage = models.UUIDField()
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    deadline = models.DateTimeField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "lineage", "member", "deadline"], name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"reminder {self.pk}"


class CalendarLink(models.Model):
    """A member's private calendar feed: only the SHA-256 of its token is kept.

    One live link per member; revoking deletes it, so the old address no longer answers.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    member = models.OneToOneField(
        "productions.Membership", on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar link {self.pk}"

"""Tables shared by every app: production data keys and the audit chain."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class DataKey(models.Model):
    """A production's data key, stored only wrapped by the installation's master key.

    Destroying a production's data key (``wrapped`` emptied, ``destroyed_at`` set)
    crypto-shreds every sensitive value of that production.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.OneToOneField(
        "productions.Production", on_delete=models.PROTECT, related_name="data_key"
    )
    master_key_id = models.CharField(max_length=32)
    wrapped = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"data key {self.id}"


class AuditAction(models.TextChoices):
    """The fixed vocabulary of audit events. Add here; never reuse a value for another meaning."""

    USER_CREATED = "user.created"
    USER_LOGGED_IN = "user.logged_in"
    USER_LOGGED_OUT = "user.logged_out"
    USER_LOGIN_FAILED = "user.login_failed"
    USER_PASSWORD_CHANGED = "user.password_changed"  # noqa: S105 - an event name
    USER_PASSWORD_RESET = "user.password_reset"  # noqa: S105 - an event name
    USER_REAUTHENTICATED = "user.reauthenticated"
    USER_TOTP_ENABLED = "user.totp_enabled"
    USER_TOTP_DISABLED = "user.totp_disabled"
    TOKEN_CREATED = "token.created"  # noqa: S105 - an event name
    TOKEN_REVOKED = "token.revoked"  # noqa: S105 - an event name
    PRODUCTION_CREATED = "production.created"
    PRODUCTION_UPDATED = "production.updated"
    PRODUCTION_SHREDDED = "production.shredded"
    MEMBER_ADDED = "member.added"
    MEMBER_ROLES_CHANGED = "member.roles_changed"
    MEMBER_REMOVED = "member.removed"
    MEMBER_PRIVATE_READ = "member.private_read"
    MEMBER_PRIVATE_WRITTEN = "member.private_written"
    INVITATION_CREATED = "invitation.created"
    INVITATION_ACCEPTED = "invitation.accepted"
    INVITATION_REVOKED = "invitation.revoked"
    KEYS_ROTATED = "keys.rotated"
    SCRIPT_UPLOADED = "script.uploaded"
    SCRIPT_READ = "script.read"
    FLAGS_DECIDED = "script.flags_decided"
    CHARACTER_CAST = "script.character_cast"
    CONSENT_READ = "consent.read"
    CONSENT_CHANGED = "consent.changed"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    PROFILE_READ = "consent.profile_read"
    PROFILE_CHANGED = "consent.profile_changed"
    RIDER_PREPARED = "rider.prepared"
    RIDER_CONFIRMED = "rider.confirmed"
    RIDER_SIGNED = "rider.signed"
    RIDER_COUNTERSIGNED = "rider.countersigned"
    RIDER_ISSUED = "rider.issued"
    RIDER_SUPERSEDED = "rider.superseded"
    RIDER_READ = "rider.read"
    DOUBLE_RECORDED = "consent.double_recorded"
    # Choreography, approval and the director's brief
    CHOREOGRAPHY_CHANGED = "choreography.changed"
    CHOREOGRAPHY_READ = "choreography.read"
    CHOREOGRAPHY_APPROVED = "choreography.approved"
    CHOREOGRAPHY_APPROVAL_VOIDED = "choreography.approval_voided"
    CHOREOGRAPHY_RECONFIRM_REQUESTED = "choreography.reconfirm_requested"
    CHOREOGRAPHY_RECONFIRMED = "choreography.reconfirmed"
    BRIEF_VIEWED = "brief.viewed"
    # Shoot days: schedule, closed set, check-ins, pause, filming, closure
    SHOOT_DAY_CREATED = "shoot.day_created"
    SHOOT_SCENE_SCHEDULED = "shoot.scene_scheduled"
    SHOOT_SCENE_UNSCHEDULED = "shoot.scene_unscheduled"
    SHOOT_ROSTER_SET = "shoot.roster_set"
    SHOOT_SET_CHECKED_IN = "shoot.set_checked_in"
    SHOOT_SET_REFUSED = "shoot.set_refused"
    SHOOT_PERFORMER_CHECKED_IN = "shoot.performer_checked_in"
    SHOOT_PAUSED = "shoot.paused"
    SHOOT_RESUMED = "shoot.resumed"
    SHOOT_FILMED = "shoot.filmed"
    SHOOT_DEBRIEF_ANSWERED = "shoot.debrief_answered"
    SHOOT_DEBRIEF_CHECKED = "shoot.debrief_checked"
    SHOOT_DEBRIEF_READ = "shoot.debrief_read"
    SHOOT_BEST_EFFORT_RECORDED = "shoot.best_effort_recorded"
    # Concerns, requests for an intimacy coordinator, retaliation protection
    CONCERN_REPORTED = "concern.reported"
    CONCERN_READ = "concern.read"
    CONCERN_TRIAGED = "concern.triaged"
    CONCERN_NOTE_ADDED = "concern.note_added"
    CONCERN_REPLIED = "concern.replied"
    CONCERN_REPORTER_ANSWERED = "concern.reporter_answered"
    CONCERN_GO_AHEAD = "concern.go_ahead"
    CONCERN_REFERRED = "concern.referred"
    CONCERN_MATCHED = "concern.matched"
    CONCERN_ROUTED_EXTERNALLY = "concern.routed_externally"
    CONCERN_RECEIPT_OPENED = "concern.receipt_opened"
    REPORT_LINK_CREATED = "concern.report_link_created"
    IC_REQUEST_MADE = "ic_request.made"
    IC_REQUEST_ANSWERED = "ic_request.answered"
    IC_REQUEST_READ = "ic_request.read"
    MEMBER_PROTECTED = "member.protected"
    ADVERSE_ACTION_JUSTIFIED = "member.adverse_action_justified"
    ADVERSE_ACTION_READ = "member.adverse_action_read"
    # Shoot days: notice reminders, calendar links
    SHOOT_REMINDER_SENT = "shoot.reminder_sent"
    SHOOT_CALENDAR_LINK_CREATED = "shoot.calendar_link_created"
    SHOOT_CALENDAR_LINK_REVOKED = "shoot.calendar_link_revoked"
    # Choreography: department briefs and the director's intent notes
    DEPARTMENT_BRIEF_VIEWED = "brief.department_viewed"
    CHOREOGRAPHY_INTENT_CHANGED = "choreography.intent_changed"
    CHOREOGRAPHY_UNDONE = "choreography.undone"


class AuditEvent(models.Model):
    """One link of the append-only, hash-chained audit log.

    ``hash = SHA-256(prev_hash || canonical JSON of the event)``; see ``core/audit.py``.
    ``seq`` is assigned by the writer holding the chain head, so the chain cannot fork.
    """

    seq = models.BigIntegerField(primary_key=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    production = models.ForeignKey(
        "productions.Production",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Values of AuditAction; no database choices, so a new action needs no migration.
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["production", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditHead(models.Model):
    """The single row naming the last event of the chain; writers lock it to append."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit head #{self.seq}"

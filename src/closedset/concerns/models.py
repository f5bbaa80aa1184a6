"""Concerns (reports), their threads, requests for an intimacy coordinator, and protection.

A report stores no reporter for the anonymous kinds, and no time finer than the day for any
report: ``reported_on`` is a date. Bodies, subjects, contacts and thread entries are sealed.
The people a report names are also kept as keyed hashes (``SubjectKey``) so that routing can
leave them out and hold-for-match can find a second report about the same person without the
database holding who they are in the clear. See docs/adr/0008 and 0009.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from closedset.core.crypto import SealedField


class ReportLink(models.Model):
    """A production's public reporting link (one per production, created on first use)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.OneToOneField(
        "productions.Production", on_delete=models.CASCADE, related_name="report_link"
    )
    token = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return "reporting link"


class Kind(models.TextChoices):
    NAMED = "named", "Named: act now"
    ANONYMOUS = "anonymous", "Anonymous"
    WITNESS = "witness", "Witness: it happened to someone else"
    STAND_DOWN = "stand_down", "Stand down: record it, act only when I say so"
    HOLD_FOR_MATCH = (
        "hold_for_match",
        "Hold for match: only if someone else reports the same person",
    )


class State(models.TextChoices):
    NEW = "new", "New"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    IN_PROGRESS = "in_progress", "In progress"
    RESOLVED = "resolved", "Resolved"
    REFERRED = "referred", "Referred"


class Referral(models.TextChoices):
    UNION = "union", "Union"
    EMPLOYER = "employer", "Employer"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"


class Report(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    anonymous = models.BooleanField(default=True)
    # Named reports only; never set for an anonymous one, even when filed while logged in.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact = SealedField(null=True, blank=True)  # named: {"name", "email"}
    body = SealedField()  # {"what", "when", "where", "scene", "wants"}
    subjects = SealedField()  # [{"name", "member_id"}] for display to recipients
    may_refer = models.BooleanField(default=False)
    state = models.CharField(max_length=16, choices=State.choices, default=State.NEW)
    held = models.BooleanField(default=False)  # hold for match, not yet matched
    standing_down = models.BooleanField(default=False)  # stand down, reporter has not said go
    matched = models.BooleanField(default=False)
    match_basis = models.CharField(max_length=16, blank=True)  # member, email or name
    routed_externally = models.BooleanField(default=False)
    referral = models.CharField(max_length=16, choices=Referral.choices, blank=True)
    reported_on = models.DateField()  # the day only, for every report
    # The receipt: a public lookup part and the Argon2 hash of its secret part.
    receipt_lookup = models.CharField(max_length=16, unique=True)
    receipt_hash = models.CharField(max_length=200)

    class Meta:
        ordering = ["-reported_on", "id"]
        indexes = [models.Index(fields=["production", "held"])]

    def __str__(self) -> str:
        return f"report {self.pk}"


class SubjectKey(models.Model):
    """HMAC-SHA256, under the installation's match key, of one normalised identifier of a
    person a report names (``member:<user id>``, ``email:<address>``, ``name:<folded>``)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="subject_keys")
    basis = models.CharField(max_length=8)  # member, email, name
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "digest"], name="one_key_per_identifier")
        ]

    def __str__(self) -> str:
        return f"subject key of {self.report_id}"


class Entry(models.Model):
    """One item of a report's thread: the reporter's words, a reply, an internal note, or a
    message from the system to the reporter (a match, a routing)."""

    class Kind(models.TextChoices):
        REPORTER = "reporter", "From the reporter"
        REPLY = "reply", "Reply to the reporter"
        NOTE = "note", "Internal note"
        SYSTEM = "system", "Message"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = SealedField()
    # A recipient's entries carry their time; the reporter's only the day.
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "seq"]
        constraints = [models.UniqueConstraint(fields=["report", "seq"], name="one_entry_seq")]

    def __str__(self) -> str:
        return f"entry {self.seq}"


class ICRequest(models.Model):
    """A performer's (or their representative's) request for an intimacy coordinator (R7)."""

    class Answer(models.TextChoices):
        ENGAGED = "engaged", "An intimacy coordinator is engaged for this scene"
        WILL_ENGAGE = "will_engage", "We will engage an intimacy coordinator"
        NOT_ENGAGED = "not_engaged", "Not engaged, with the reasons given"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    scene = models.ForeignKey("scripts.Scene", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        "productions.Membership", on_delete=models.CASCADE, related_name="+"
    )
    on_behalf_of = models.CharField(max_length=150, blank=True)  # a representative's performer
    note = SealedField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=16, choices=Answer.choices, blank=True)
    response = SealedField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"IC request {self.pk}"


class Protection(models.Model):
    """A member protected from retaliation for the production's duration. Holds no reason:
    whether it came from a request or a report is not written down anywhere it could leak."""

    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    member = models.OneToOneField(
        "productions.Membership", on_delete=models.CASCADE, related_name="protection"
    )
    since = models.DateField()

    def __str__(self) -> str:
        return f"protection of {self.member_id}"


class AdverseAction(models.Model):
    """A removal or role change of a protected member, with the justification given."""

    class Action(models.TextChoices):
        REMOVED = "removed", "Removed from the production"
        ROLES_CHANGED = "roles_changed", "Roles changed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    justification = SealedField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"adverse action {self.pk}"

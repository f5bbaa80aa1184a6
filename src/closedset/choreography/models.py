"""A scene's choreography (its beats, every write a new version), its approvals and the
shoot-day re-confirmations (R8).

Beats and the director's intent notes are sealed: they describe intimate content. An approval
pins what it was given against (the beats' version and hash, each performer's consent version,
the cast), so any change to those voids it (docs/adr/0006).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from closedset.core.crypto import SealedField


class VoidReason(models.TextChoices):
    """Why an approval stopped counting, in production terms only: never whose or what."""

    CONSENT = "consent", "consent changed"
    CAST = "cast", "cast changed"
    BEATS = "beats", "beats edited"


class Choreography(models.Model):
    """The beats of one scene lineage (so they follow the scene into later script revisions)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    lineage = models.UUIDField(unique=True)
    version = models.PositiveIntegerField(default=0)
    beats = SealedField()
    beats_hash = models.CharField(max_length=64, blank=True)
    intent = SealedField(null=True, blank=True)
    # The intent notes' own version: writing them never changes the beats' version (no void).
    intent_version = models.PositiveIntegerField(default=0)
    # The beats of the version before this one (for undo); None before the second version.
    previous_beats = SealedField(null=True, blank=True)
    # The latest approval (in progress, complete or voided); None before the first.
    approval = models.ForeignKey(
        "Approval", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when a complete approval is voided; cleared by the next complete approval.
    voided_reason = models.CharField(max_length=16, choices=VoidReason.choices, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "choreographies"

    def __str__(self) -> str:
        return f"choreography {self.pk} v{self.version}"


class Approval(models.Model):
    """The coordinator's and the director's approval of one version of the beats."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    choreography = models.ForeignKey(
        Choreography, on_delete=models.CASCADE, related_name="approvals"
    )
    version = models.PositiveIntegerField()
    beats_hash = models.CharField(max_length=64)
    # member id -> consent version number (0: none) at the time of approval; the cast is its keys.
    consent_versions = models.JSONField(default=dict)
    coordinator_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    coordinator_at = models.DateTimeField(null=True, blank=True)
    director_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    director_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_reason = models.CharField(max_length=16, choices=VoidReason.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["choreography", "-created_at"]

    def __str__(self) -> str:
        return f"approval of v{self.version}"

    @property
    def complete(self) -> bool:
        return self.coordinator_at is not None and self.director_at is not None


class Reconfirmation(models.Model):
    """R8: a performer's fresh agreement to a choreography changed on a shoot day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    choreography = models.ForeignKey(
        Choreography, on_delete=models.CASCADE, related_name="reconfirmations"
    )
    version = models.PositiveIntegerField()
    member = models.ForeignKey("productions.Membership", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["choreography", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["choreography", "version", "member"], name="one_reconfirmation_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"re-confirmation of v{self.version}"

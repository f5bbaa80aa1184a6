"""Uploaded scripts, their revisions, scenes, intimacy flags and casting.

Script text is confidential: the uploaded file, each scene's text and every flag's evidence are
sealed (see docs/adr/0002). Headings, page counts and character names stay readable: they are the
operational metadata that schedules and call sheets carry (docs/adr/0004).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from closedset.core.crypto import SealedField


class Category(models.TextChoices):
    KISS = "kiss", "Kiss"
    INTIMATE_TOUCH = "intimate_touch", "Intimate touch"
    NUDITY = "nudity", "Nudity"
    SIMULATED_SEX = "simulated_sex", "Simulated sex"
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class Change(models.TextChoices):
    """How a scene or flag differs from the previous revision."""

    FIRST = "first", "First revision"
    NEW = "new", "New"
    CHANGED = "changed", "Changed"
    SAME = "same", "Unchanged"


class Script(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="scripts"
    )
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "created_at"]

    def __str__(self) -> str:
        return self.title


class Revision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="revisions")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=100, blank=True)
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=16)
    pages = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    warnings = models.JSONField(default=list, blank=True)
    source = SealedField()
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["script", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["script", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.script} revision {self.number}"


class Scene(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="scenes")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    ordinal = models.PositiveIntegerField()
    number = models.CharField(max_length=16, blank=True)
    heading = models.CharField(max_length=300)
    normalized_heading = models.CharField(max_length=300)
    occurrence = models.PositiveIntegerField(default=1)
    int_ext = models.CharField(max_length=16, blank=True)
    location = models.CharField(max_length=200, blank=True)
    time_of_day = models.CharField(max_length=100, blank=True)
    page = models.PositiveIntegerField(default=1)
    eighths = models.PositiveIntegerField(default=1)
    characters = models.JSONField(default=list, blank=True)
    minor = models.BooleanField(default=False)
    text = SealedField()
    change = models.CharField(max_length=8, choices=Change.choices, default=Change.FIRST)
    matched = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    # The same scene across revisions: a matched scene keeps its predecessor's lineage, so
    # consent given for a scene follows it into later drafts.
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True)

    class Meta:
        ordering = ["revision", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "ordinal"], name="one_scene_per_ordinal")
        ]

    def __str__(self) -> str:
        return f"{self.number or self.ordinal}. {self.heading}"


class FlagStatus(models.TextChoices):
    PENDING = "pending", "To review"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class FlagOrigin(models.TextChoices):
    DETECTED = "detected", "Found in the script"
    ADDED = "added", "Added by the coordinator"


class Flag(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="flags")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField(max_length=32, choices=Category.choices)
    origin = models.CharField(max_length=16, choices=FlagOrigin.choices)
    confidence = models.FloatField(default=1.0)
    evidence = SealedField()
    status = models.CharField(max_length=16, choices=FlagStatus.choices)
    change = models.CharField(max_length=8, choices=Change.choices, default=Change.FIRST)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scene", "category"]
        constraints = [
            models.UniqueConstraint(fields=["scene", "category"], name="one_flag_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.status})"


class Character(models.Model):
    """A character of a script, and the production member cast in the part (if any)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="characters")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=100)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    member = models.ForeignKey(
        "productions.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="characters",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["script", "name"], name="one_character_per_name")
        ]

    def __str__(self) -> str:
        return self.name

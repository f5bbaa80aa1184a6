"""A performer's consent per scene (every version kept), boundary profiles and riders.

Answers, notes, guardian names and rider contents are sealed: only the performer and the
production's coordinators read them, through selectors that record each read.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from closedset.core.crypto import SealedField


class ConsentRecord(models.Model):
    """One performer's consent for one scene (a scene lineage, across script revisions)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "productions.Membership", on_delete=models.CASCADE, related_name="consents"
    )
    lineage = models.UUIDField(db_index=True)
    current = models.ForeignKey(
        "ConsentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the scene is marked filmed: the version the footage was shot under (R4).
    filmed = models.ForeignKey(
        "ConsentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "lineage"], name="one_record_per_scene")
        ]

    def __str__(self) -> str:
        return f"consent record {self.pk}"


class ConsentVersion(models.Model):
    class Kind(models.TextChoices):
        EDIT = "edit", "Answers changed"
        WITHDRAWAL = "withdrawal", "Withdrawn"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    record = models.ForeignKey(ConsentRecord, on_delete=models.CASCADE, related_name="versions")
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EDIT)
    answers = SealedField()
    note = SealedField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"consent version {self.number}"


class BoundaryProfile(models.Model):
    """A performer's general limits (optional); pre-fills their scene answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    member = models.OneToOneField(
        "productions.Membership", on_delete=models.CASCADE, related_name="boundary_profile"
    )
    answers = SealedField()
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"boundary profile {self.pk}"


class Rider(models.Model):
    """A performer's rider (R1, R2): a sealed snapshot of what they agreed, scene by scene.

    States run draft → confirmed (the IC's one-on-one) → signed → countersigned → issued; a
    consent change supersedes it and a new number starts again from draft.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONFIRMED = "confirmed", "Confirmed with the intimacy coordinator"
        SIGNED = "signed", "Signed by the performer"
        COUNTERSIGNED = "countersigned", "Countersigned by the producer"
        ISSUED = "issued", "Issued"
        SUPERSEDED = "superseded", "Superseded"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "productions.Membership", on_delete=models.CASCADE, related_name="riders"
    )
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    content = SealedField()
    content_hash = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_name = SealedField(null=True, blank=True)
    countersigned_at = models.DateTimeField(null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["member", "number"], name="one_rider_number"),
            models.UniqueConstraint(
                fields=["member"],
                condition=~models.Q(state="superseded"),
                name="one_live_rider_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"rider {self.number}"


class DoubleUse(models.Model):
    """R4: a body or digital double the production records for content a performer withdrew.

    ``item`` (sealed) is the double and the content it performs, as the rules write it;
    ``original_version`` is the consent version it was checked against (the one the
    performer's signed rider was made from)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(
        "productions.Production", on_delete=models.CASCADE, related_name="+"
    )
    record = models.ForeignKey(ConsentRecord, on_delete=models.CASCADE, related_name="doubles")
    item = SealedField()
    original_version = models.PositiveIntegerField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"double use {self.pk}"

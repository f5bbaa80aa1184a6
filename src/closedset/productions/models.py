"""Productions, the people in them and their roles, and invitations to join."""

from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from closedset.core.crypto import SealedField
from closedset.core.permissions import ROLE_LABELS, Role
from closedset.rules.policy import DEFAULT_PACK, PACKS

ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]


POLICY_PACK_CHOICES = [(p.code, p.name) for p in PACKS.values()]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as Europe/London.")


class Production(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    policy_pack = models.CharField(
        max_length=32, choices=POLICY_PACK_CHOICES, default=DEFAULT_PACK.code
    )
    notice_hours = models.PositiveIntegerField(
        default=DEFAULT_PACK.notice_hours,
        validators=[MinValueValidator(0), MaxValueValidator(24 * 14)],
        help_text="Hours before the call time by which a rider must be delivered (R1).",
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    shredded_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Loaded by 'closedset demo'.")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Membership(models.Model):
    """A person in a production. Their roles are rows of ``MemberRole``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.CharField(max_length=100, blank=True)
    # Personal data, sealed: the member and coordinators read it through a selector.
    date_of_birth = SealedField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["production", "user"], name="one_membership_per_person")
        ]
        ordering = ["user__name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.production}"


class MemberRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="one_row_per_role")
        ]

    def __str__(self) -> str:
        return self.role


class Invitation(models.Model):
    """A single-use, expiring invitation to join a production in a role.

    Only the SHA-256 of the link's secret is stored.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)
    department = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation for {self.email} to {self.production}"

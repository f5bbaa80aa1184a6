"""Reads of productions and members, filtered to what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from closedset.core import audit, crypto
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction
from closedset.core.permissions import ROLE_LABELS, Perm, Role, permissions_for, roles_with
from closedset.productions.models import Invitation, Membership, Production
from closedset.productions.policies import (
    Access,
    can_view_contacts,
    can_view_private_member_data,
    productions_for,
)


@dataclass(frozen=True)
class ProductionSummary:
    production: Production
    roles: tuple[Role, ...]

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[r] for r in self.roles]


@dataclass(frozen=True)
class MemberView:
    id: Any
    name: str
    roles: tuple[Role, ...]
    department: str
    email: str | None
    is_you: bool

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[r] for r in self.roles]


_ROLE_ORDER = {role: i for i, role in enumerate(Role)}


def _sorted_roles(values: Any) -> tuple[Role, ...]:
    return tuple(sorted((Role(v) for v in values), key=_ROLE_ORDER.__getitem__))


def production_list(*, actor: Any) -> list[ProductionSummary]:
    productions = list(productions_for(actor).order_by("title", "id"))
    roles: dict[Any, list[str]] = {p.pk: [] for p in productions}
    memberships = Membership.objects.filter(
        user=actor, removed_at__isnull=True, production__in=productions
    ).prefetch_related("roles")
    for membership in memberships:
        roles[membership.production_id].extend(r.role for r in membership.roles.all())
    return [ProductionSummary(p, _sorted_roles(roles[p.pk])) for p in productions]


def member_list(*, access: Access) -> list[MemberView]:
    members = (
        Membership.objects.filter(production=access.production, removed_at__isnull=True)
        .select_related("user")
        .prefetch_related("roles")
        .order_by("user__name", "id")
    )
    return [_member_view(access, m) for m in members]


def member_get(*, access: Access, member_id: Any) -> MemberView:
    member = (
        Membership.objects.filter(
            production=access.production, pk=member_id, removed_at__isnull=True
        )
        .select_related("user")
        .prefetch_related("roles")
        .first()
    )
    if member is None:
        raise NotFound()
    return _member_view(access, member)


def _member_view(access: Access, member: Membership) -> MemberView:
    return MemberView(
        id=member.pk,
        name=member.user.name,
        roles=_sorted_roles(r.role for r in member.roles.all()),
        department=member.department,
        email=member.user.email if can_view_contacts(access, member) else None,
        is_you=member.pk == access.membership.pk,
    )


def member_date_of_birth(*, access: Access, member: Membership) -> date | None:
    """A member's date of birth, for the member and coordinators only; the read is audited."""
    if not can_view_private_member_data(access, member):
        raise NotFound()
    with transaction.atomic():
        value = crypto.unseal(member, "date_of_birth")
        audit.record(
            AuditAction.MEMBER_PRIVATE_READ,
            actor=access.membership.user,
            production=access.production,
            obj=member,
            summary="date of birth read",
        )
    return date.fromisoformat(value) if value else None


def invitation_list(*, access: Access) -> list[Invitation]:
    """Open invitations: not yet accepted, withdrawn or expired."""
    access.require(Perm.MEMBERS_INVITE)
    return list(
        Invitation.objects.filter(
            production=access.production,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).order_by("-created_at")
    )


def permissions_of(access: Access) -> list[str]:
    return sorted(p.value for p in permissions_for(access.roles))


def members_with(production: Production, *perms: Perm) -> list[Membership]:
    """Current members holding any of ``perms`` in ``production`` (for routing notifications)."""
    roles = set().union(*(roles_with(perm) for perm in perms))
    return list(
        Membership.objects.filter(
            production=production, removed_at__isnull=True, roles__role__in=roles
        )
        .select_related("user")
        .distinct()
        .order_by("user__email")
    )

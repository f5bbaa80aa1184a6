"""Who may see and do what in a production. Permissions, never role names.

An object outside the actor's productions answers "not found", exactly as if it did not
exist; "forbidden" only where the actor can see the object but may not do the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from closedset.core.errors import Forbidden, NotFound
from closedset.core.ids import parse_uuid
from closedset.core.permissions import Perm, Role, permissions_for
from closedset.productions.models import Invitation, Membership, Production


@dataclass(frozen=True)
class Access:
    """What one person may do in one production."""

    production: Production
    membership: Membership
    roles: frozenset[Role]
    perms: frozenset[Perm]

    def has(self, perm: Perm) -> bool:
        return perm in self.perms

    def require(self, perm: Perm) -> None:
        if perm not in self.perms:
            raise Forbidden("Your role in this production does not allow this.")


def productions_for(actor: Any) -> QuerySet[Production]:
    """The productions the actor belongs to (active memberships only)."""
    if not getattr(actor, "is_authenticated", False):
        return Production.objects.none()
    return Production.objects.filter(
        members__user=actor, members__removed_at__isnull=True
    ).distinct()


def access_for(actor: Any, production: Production) -> Access | None:
    if not getattr(actor, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(production=production, user=actor, removed_at__isnull=True)
        .prefetch_related("roles")
        .first()
    )
    if membership is None:
        return None
    roles = frozenset(Role(r.role) for r in membership.roles.all())
    return Access(production, membership, roles, permissions_for(roles))


def get_production_for_actor(
    actor: Any,
    production_id: Any,
    *,
    need: Perm = Perm.PRODUCTION_VIEW,
    visible: Perm = Perm.PRODUCTION_VIEW,
) -> Access:
    """Fetch a production the actor belongs to and check one permission in one step.

    ``visible`` names the permission without which the resource does not exist for the actor
    (404); lacking only ``need`` is a 403.
    """
    production = Production.objects.filter(pk=parse_uuid(production_id)).first()
    access = access_for(actor, production) if production else None
    if access is None or not access.has(visible):
        raise NotFound()
    access.require(need)
    return access


def get_member_for_actor(
    actor: Any, member_id: Any, *, need: Perm = Perm.MEMBERS_VIEW
) -> tuple[Access, Membership]:
    member = (
        Membership.objects.select_related("production", "user")
        .filter(pk=parse_uuid(member_id), removed_at__isnull=True)
        .first()
    )
    access = access_for(actor, member.production) if member else None
    if access is None or member is None or not access.has(Perm.MEMBERS_VIEW):
        raise NotFound()
    access.require(need)
    return access, member


def get_invitation_for_actor(actor: Any, invitation_id: Any) -> tuple[Access, Invitation]:
    invitation = (
        Invitation.objects.select_related("production").filter(pk=parse_uuid(invitation_id)).first()
    )
    access = access_for(actor, invitation.production) if invitation else None
    if access is None or invitation is None or not access.has(Perm.MEMBERS_INVITE):
        raise NotFound()
    return access, invitation


def can_view_private_member_data(access: Access, member: Membership) -> bool:
    """A member's personal data: the member and the production's coordinators."""
    return member.pk == access.membership.pk or access.has(Perm.CONSENT_VIEW_ALL)


def can_view_contacts(access: Access, member: Membership) -> bool:
    return member.pk == access.membership.pk or access.has(Perm.MEMBERS_VIEW_CONTACTS)

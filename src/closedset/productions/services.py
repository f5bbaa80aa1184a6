"""Writes for productions, members and invitations: check, write, audit, in one transaction."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from closedset.accounts import services as account_services
from closedset.accounts.models import User, normalize_email
from closedset.core import audit, crypto
from closedset.core.errors import Conflict, NotFound, ServiceError
from closedset.core.models import AuditAction
from closedset.core.permissions import Perm, Role, permissions_for, roles_with
from closedset.productions.models import Invitation, MemberRole, Membership, Production
from closedset.productions.policies import Access
from closedset.rules.policy import DEFAULT_PACK


def _clean(instance: Any, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise ServiceError(" ".join(errors), field=field) from None


def _roles(values: Iterable[str]) -> list[Role]:
    roles = []
    for value in values:
        try:
            roles.append(Role(value))
        except ValueError:
            raise ServiceError(f"{value!r} is not a role.", field="role") from None
    if not roles:
        raise ServiceError("Choose at least one role.", field="role")
    return sorted(set(roles))


@transaction.atomic
def production_create(
    *,
    actor: User,
    title: str,
    company: str = "",
    time_zone: str = "UTC",
    notice_hours: int = DEFAULT_PACK.notice_hours,
    creator_roles: Iterable[str] = (Role.PRODUCER,),
    is_demo: bool = False,
) -> Production:
    """Create a production with its data key; the creator joins it in the given roles."""
    production = Production(
        title=title.strip(),
        company=company.strip(),
        time_zone=time_zone,
        notice_hours=notice_hours,
        is_demo=is_demo,
    )
    _clean(production)
    production.save()
    crypto.create_data_key(production)
    audit.record(AuditAction.PRODUCTION_CREATED, actor=actor, production=production, obj=production)
    _member_add(actor=actor, production=production, user=actor, roles=creator_roles)
    return production


@transaction.atomic
def production_update(*, actor: User, access: Access, **changes: Any) -> Production:
    access.require(Perm.PRODUCTION_EDIT)
    production = Production.objects.select_for_update().get(pk=access.production.pk)
    allowed = {"title", "company", "time_zone", "notice_hours", "policy_pack"}
    unknown = set(changes) - allowed
    if unknown:
        raise ServiceError(f"Unknown setting: {', '.join(sorted(unknown))}.")
    for name, value in changes.items():
        setattr(production, name, value.strip() if isinstance(value, str) else value)
    _clean(production)
    production.save()
    audit.record(
        AuditAction.PRODUCTION_UPDATED,
        actor=actor,
        production=production,
        obj=production,
        summary="changed " + ", ".join(sorted(changes)),
    )
    return production


@transaction.atomic
def production_shred(*, actor: User, access: Access) -> None:
    """Destroy the production's data key: its sensitive values become unrecoverable."""
    access.require(Perm.PRODUCTION_EDIT)
    production = access.production
    if production.shredded_at is not None:
        raise Conflict("This production's data key was already destroyed.")
    crypto.destroy_data_key(production)
    Production.objects.filter(pk=production.pk).update(shredded_at=timezone.now())
    audit.record(
        AuditAction.PRODUCTION_SHREDDED,
        actor=actor,
        production=production,
        obj=production,
        summary="data key destroyed",
    )


def _member_add(
    *,
    actor: User,
    production: Production,
    user: User,
    roles: Iterable[str],
    department: str = "",
) -> Membership:
    wanted = _roles(roles)
    membership = Membership.objects.filter(production=production, user=user).first()
    if membership is None:
        membership = Membership.objects.create(
            production=production, user=user, department=department.strip()
        )
    elif membership.removed_at is not None:
        membership.removed_at = None
        membership.save(update_fields=["removed_at"])
    if department and membership.department != department.strip():
        membership.department = department.strip()
        membership.save(update_fields=["department"])
    existing = set(membership.roles.values_list("role", flat=True))
    added = [r for r in wanted if r not in existing]
    MemberRole.objects.bulk_create([MemberRole(membership=membership, role=r) for r in added])
    if added:
        audit.record(
            AuditAction.MEMBER_ADDED,
            actor=actor,
            production=production,
            obj=membership,
            summary="roles: " + ", ".join(added),
        )
    return membership


@transaction.atomic
def member_add(
    *,
    actor: User,
    access: Access,
    user: User,
    roles: Iterable[str],
    department: str = "",
) -> Membership:
    access.require(Perm.MEMBERS_MANAGE)
    return _member_add(
        actor=actor, production=access.production, user=user, roles=roles, department=department
    )


@transaction.atomic
def member_set_date_of_birth(
    *, actor: User, access: Access, member: Membership, date_of_birth: date | None
) -> None:
    """Record a member's date of birth (sealed). The member or a coordinator may."""
    if member.production_id != access.production.pk:
        raise NotFound()
    if member.pk != access.membership.pk and not access.has(Perm.CONSENT_COORDINATE):
        raise NotFound()
    if date_of_birth is not None and date_of_birth > timezone.localdate():
        raise ServiceError("A date of birth cannot be in the future.", field="date_of_birth")
    crypto.seal(member, "date_of_birth", date_of_birth.isoformat() if date_of_birth else None)
    member.save(update_fields=["date_of_birth"])
    audit.record(
        AuditAction.MEMBER_PRIVATE_WRITTEN,
        actor=actor,
        production=access.production,
        obj=member,
        summary="date of birth recorded",
    )


# --- invitations -----------------------------------------------------------------------


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    secret: str

    @property
    def path(self) -> str:
        return reverse("productions:invitation-accept", args=[self.secret])

    @property
    def url(self) -> str:
        return settings.CLOSEDSET_BASE_URL.rstrip("/") + self.path


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    access: Access,
    email: str,
    role: str,
    name: str = "",
    department: str = "",
) -> IssuedInvitation:
    """Invite a person by e-mail; the link is single-use and expires."""
    access.require(Perm.MEMBERS_INVITE)
    (role_value,) = _roles([role])
    email = normalize_email(email)
    already = Membership.objects.filter(
        production=access.production, user__email=email, removed_at__isnull=True
    ).first()
    if already and already.roles.filter(role=role_value).exists():
        raise Conflict(f"{email} is already a member in that role.")
    secret = secrets.token_urlsafe(32)
    invitation = Invitation(
        production=access.production,
        email=email,
        name=name.strip(),
        role=role_value,
        department=department.strip(),
        digest=_digest(secret),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.CLOSEDSET_INVITATION_DAYS),
    )
    _clean(invitation, exclude=["invited_by", "accepted_by"])
    invitation.save()
    audit.record(
        AuditAction.INVITATION_CREATED,
        actor=actor,
        production=access.production,
        obj=invitation,
        summary=f"role {role_value}",
    )
    issued = IssuedInvitation(invitation, secret)
    body = render_to_string(
        "productions/email/invitation.txt",
        {"invitation": invitation, "url": issued.url, "inviter": actor},
    )
    subject = f"You are invited to {access.production.title} on Closed Set"
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
    )
    return issued


@transaction.atomic
def invitation_revoke(*, actor: User, access: Access, invitation: Invitation) -> None:
    access.require(Perm.MEMBERS_INVITE)
    if invitation.accepted_at is not None:
        raise Conflict("This invitation was already accepted.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            AuditAction.INVITATION_REVOKED,
            actor=actor,
            production=access.production,
            obj=invitation,
        )


class InvitationUnusable(ServiceError):
    status = 410


def invitation_lookup(secret: str) -> Invitation:
    """The invitation a link's secret opens, if it can still be used."""
    if not secret or len(secret) > 100:
        raise NotFound("This invitation link is not valid. Check that you copied all of it.")
    invitation = (
        Invitation.objects.select_related("production", "invited_by")
        .filter(digest=_digest(secret))
        .first()
    )
    if invitation is None:
        raise NotFound("This invitation link is not valid. Check that you copied all of it.")
    if invitation.accepted_at is not None:
        raise InvitationUnusable("This invitation was already used. Log in to continue.")
    if invitation.revoked_at is not None:
        raise InvitationUnusable("This invitation was withdrawn. Ask for a new one.")
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            "This invitation has expired. Ask the person who sent it for a new one."
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    secret: str,
    user: User | None = None,
    name: str = "",
    password: str | None = None,
) -> Membership:
    """Accept an invitation as the logged-in person, or by creating the invited account."""
    invitation = invitation_lookup(secret)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationUnusable("This invitation was already used. Log in to continue.")
    if user is not None and user.is_authenticated:
        if normalize_email(user.email) != invitation.email:
            raise ServiceError(
                f"This invitation is for {invitation.email}. Log out and open the link again."
            )
    else:
        if User.objects.filter(email=invitation.email).exists():
            raise Conflict(
                f"An account for {invitation.email} exists. Log in, then open the link again."
            )
        try:
            user = account_services.user_create(
                actor=None, email=invitation.email, name=name or invitation.name, password=password
            )
        except IntegrityError:
            raise Conflict("That account was created a moment ago. Log in instead.") from None
    membership = _member_add(
        actor=user,
        production=invitation.production,
        user=user,
        roles=[invitation.role],
        department=invitation.department,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        AuditAction.INVITATION_ACCEPTED,
        actor=user,
        production=invitation.production,
        obj=invitation,
    )
    return membership


def invited_account_exists(invitation: Invitation) -> bool:
    return User.objects.filter(email=invitation.email).exists()


# --- removing members and changing roles ------------------------------------------------

# Checks run before a member is removed or their roles change (the concerns app registers
# its anti-retaliation check here). Each may raise a ServiceError to stop the change.
AdverseActionCheck = Callable[..., None]
adverse_action_checks: list[AdverseActionCheck] = []


def _run_adverse_action_checks(
    *, actor: User, access: Access, member: Membership, action: str, detail: str, justification: str
) -> None:
    for check in adverse_action_checks:
        check(
            actor=actor,
            access=access,
            member=member,
            action=action,
            detail=detail,
            justification=justification,
        )


def _managers_left(production: Production, without: Membership) -> int:
    return (
        Membership.objects.filter(
            production=production,
            removed_at__isnull=True,
            roles__role__in=roles_with(Perm.MEMBERS_MANAGE),
        )
        .exclude(pk=without.pk)
        .distinct()
        .count()
    )


@transaction.atomic
def member_remove(
    *, actor: User, access: Access, member: Membership, justification: str = ""
) -> None:
    """Remove a member from the production (callers confirm the password first)."""
    access.require(Perm.MEMBERS_MANAGE)
    member = Membership.objects.select_for_update().get(pk=member.pk)
    if member.production_id != access.production.pk or member.removed_at is not None:
        raise NotFound()
    if (
        not _managers_left(access.production, member)
        and member.roles.filter(role__in=roles_with(Perm.MEMBERS_MANAGE)).exists()
    ):
        raise Conflict("This is the production's last member who can manage members.")
    _run_adverse_action_checks(
        actor=actor,
        access=access,
        member=member,
        action="removed",
        detail="",
        justification=justification,
    )
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    audit.record(AuditAction.MEMBER_REMOVED, actor=actor, production=access.production, obj=member)


@transaction.atomic
def member_set_roles(
    *,
    actor: User,
    access: Access,
    member: Membership,
    roles: Iterable[str],
    justification: str = "",
) -> Membership:
    """Replace a member's roles (callers confirm the password first)."""
    access.require(Perm.MEMBERS_MANAGE)
    member = Membership.objects.select_for_update().get(pk=member.pk)
    if member.production_id != access.production.pk or member.removed_at is not None:
        raise NotFound()
    wanted = _roles(roles)
    existing = sorted(Role(r) for r in member.roles.values_list("role", flat=True))
    if wanted == existing:
        raise ServiceError("These are already the member's roles.", field="roles")
    manages = any(Perm.MEMBERS_MANAGE in permissions_for([r]) for r in wanted)
    if not manages and not _managers_left(access.production, member):
        managed = any(Perm.MEMBERS_MANAGE in permissions_for([r]) for r in existing)
        if managed:
            raise Conflict("This is the production's last member who can manage members.")
    detail = "roles: " + ", ".join(wanted)
    _run_adverse_action_checks(
        actor=actor,
        access=access,
        member=member,
        action="roles_changed",
        detail=detail,
        justification=justification,
    )
    member.roles.exclude(role__in=wanted).delete()
    MemberRole.objects.bulk_create(
        [MemberRole(membership=member, role=r) for r in wanted if r not in existing]
    )
    audit.record(
        AuditAction.MEMBER_ROLES_CHANGED,
        actor=actor,
        production=access.production,
        obj=member,
        summary=detail,
    )
    return member

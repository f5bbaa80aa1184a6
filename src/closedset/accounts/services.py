"""Writes for people and their tokens. Every write records its audit event."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from closedset.accounts.models import ApiToken, User, normalize_email
from closedset.core import audit
from closedset.core.errors import Conflict, NotFound, ServiceError
from closedset.core.models import AuditAction

TOKEN_PREFIX = "cs_"  # noqa: S105 - marks our tokens; not a secret


def _password_error(exc: ValidationError) -> ServiceError:
    return ServiceError(" ".join(exc.messages), field="password")


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    email: str,
    name: str,
    password: str | None,
    is_staff: bool = False,
) -> User:
    """Create a person. The password is checked against the validators first."""
    email = normalize_email(email)
    name = name.strip()
    if not name:
        raise ServiceError("A name is required.", field="name")
    if User.objects.filter(email=email).exists():
        raise ServiceError(f"A person with the e-mail {email} already exists.", field="email")
    candidate = User(email=email, name=name)
    try:
        candidate.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="email") from None
    if password is not None:
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            raise _password_error(exc) from None
    user = User.objects.create_user(
        email, password, name=name, is_staff=is_staff, is_superuser=is_staff
    )
    audit.record(AuditAction.USER_CREATED, actor=actor or user, obj=user, summary="account created")
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str, reset: bool = False) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise _password_error(exc) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    action = AuditAction.USER_PASSWORD_RESET if reset else AuditAction.USER_PASSWORD_CHANGED
    audit.record(action, actor=actor, obj=user)


@transaction.atomic
def user_reauthenticated(*, actor: User) -> None:
    """Record a password confirmation before a sensitive action."""
    audit.record(AuditAction.USER_REAUTHENTICATED, actor=actor, obj=actor)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str


@transaction.atomic
def token_create(*, actor: User, user: User, name: str = "API token") -> IssuedToken:
    """Issue a personal API token; the plaintext exists only in the return value."""
    if actor.pk != user.pk and not actor.is_staff:
        raise NotFound()
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100] or "API token", prefix=plaintext[:10], digest=_digest(plaintext)
    )
    audit.record(AuditAction.TOKEN_CREATED, actor=actor, obj=token, summary=token.name)
    return IssuedToken(token, plaintext)


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk and not actor.is_staff:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(AuditAction.TOKEN_REVOKED, actor=actor, obj=token, summary=token.name)


def token_authenticate(plaintext: str) -> User | None:
    """The active person a bearer token belongs to, or None."""
    if not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(plaintext), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- two-factor log-in (TOTP) ------------------------------------------------------------


def totp_devices(user: User) -> tuple[TOTPDevice | None, TOTPDevice | None]:
    """The person's confirmed device, and the one being set up (if any)."""
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    pending = None
    if confirmed is None:
        pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return confirmed, pending


def totp_start(*, actor: User) -> TOTPDevice:
    confirmed, pending = totp_devices(actor)
    if confirmed is not None:
        raise Conflict("Two-factor log-in is already on.")
    return pending or TOTPDevice.objects.create(
        user=actor, name="Authenticator app", confirmed=False
    )


@transaction.atomic
def totp_confirm(*, actor: User, token: str) -> TOTPDevice:
    _, pending = totp_devices(actor)
    if pending is None:
        raise Conflict("Start setting up two-factor log-in first.")
    if not pending.verify_token(token):
        raise ServiceError("That code is not right. Codes change every 30 seconds.", field="token")
    pending.confirmed = True
    pending.save(update_fields=["confirmed"])
    audit.record(AuditAction.USER_TOTP_ENABLED, actor=actor, obj=actor)
    return pending


@transaction.atomic
def totp_disable(*, actor: User) -> None:
    deleted, _ = TOTPDevice.objects.filter(user=actor).delete()
    if deleted:
        audit.record(AuditAction.USER_TOTP_DISABLED, actor=actor, obj=actor)

"""Log-in, log-out and failed log-ins go into the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from closedset.core import audit
from closedset.core.models import AuditAction


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        audit.record(AuditAction.USER_LOGGED_IN, actor=user, obj=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        with transaction.atomic():
            audit.record(AuditAction.USER_LOGGED_OUT, actor=user, obj=user)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # The attempted e-mail is not stored: a mistyped password pasted into it would leak.
    with transaction.atomic():
        audit.record(AuditAction.USER_LOGIN_FAILED, object_type="login", summary="failed log-in")

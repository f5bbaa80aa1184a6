"""Re-authentication ("sudo mode") for signing, disclosure, role changes and key operations."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from closedset.core.errors import ReauthenticationRequired

SESSION_KEY = "closedset_reauth_at"


def mark_reauthenticated(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = int(time.time())


def is_recently_authenticated(request: HttpRequest) -> bool:
    stamp = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if stamp is None:
        return False
    return time.time() - int(stamp) <= settings.CLOSEDSET_REAUTH_SECONDS


def ensure_recent_auth(request: HttpRequest) -> None:
    """For services called from the API: raise unless the password was confirmed lately."""
    if not is_recently_authenticated(request):
        raise ReauthenticationRequired()


def _return_to(request: HttpRequest) -> str:
    """Where to go once the password is confirmed.

    A page that was opened is opened again. A form that was sent cannot be sent again by a
    redirect (it would arrive as GET), so the person goes back to the page the form was on.
    """
    if request.method in {"GET", "HEAD"}:
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(str(referer))
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("web:dashboard")


def require_recent_auth(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Page decorator: send the person to confirm their password, then back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_recently_authenticated(request):
            return view(request, *args, **kwargs)
        return reauth_redirect(request)

    return wrapper


def reauth_redirect(request: HttpRequest) -> HttpResponse:
    """Send the person to confirm their password, then back here. For views that first check
    access themselves, so that what is not theirs answers 404 before any password is asked."""
    target = reverse("accounts:reauth") + "?" + urlencode({"next": _return_to(request)})
    return HttpResponseRedirect(target)

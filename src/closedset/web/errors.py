"""Turning service errors into page responses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from closedset.core.errors import Forbidden, NotFound


def pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Map "not found" to the 404 page and "forbidden" to the 403 page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except Forbidden:
            raise PermissionDenied from None

    return wrapper


def add_service_error(form: Any, exc: Any, *, aliases: dict[str, str] | None = None) -> None:
    """Put a service's message next to the field it concerns (or on the form)."""
    field = (aliases or {}).get(exc.field, exc.field)
    field = field if field in getattr(form, "fields", {}) else None
    form.add_error(field, exc.message)

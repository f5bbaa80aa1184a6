"""Request-level guards: default-deny log-in and a cap on request bodies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a log-in unless its view is marked public (and allow-listed).

    The JSON API answers 401 itself (django-ninja authenticates every operation), so it is
    left to the API here rather than redirected to the log-in page.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ApiMethodNotAllowedMiddleware:
    """The API answers a wrong method in its own JSON shape, like every other error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path_info.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            allowed = response.get("Allow", "")
            json = JsonResponse({"detail": f"Method not allowed. Use {allowed}."}, status=405)
            json["Allow"] = allowed
            return json
        return response


class RequestSizeLimitMiddleware:
    """Refuse any request body over the installation's limit before reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.CLOSEDSET_MAX_REQUEST_BYTES
        if length > limit:
            message = f"The request is too large (limit {limit // (1024 * 1024)} MB)."
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            response = TemplateResponse(
                request, "web/error.html", {"status": 413, "message": message}, status=413
            )
            return response.render()
        return self.get_response(request)

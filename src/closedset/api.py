"""The JSON API at /api/v1/: authentication, error shape and the routers of every app."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from closedset.accounts.api import router as accounts_router
from closedset.accounts.middleware import needs_second_factor
from closedset.accounts.services import token_authenticate
from closedset.choreography.api import router as choreography_router
from closedset.concerns.api import router as concerns_router
from closedset.consent.api import router as consent_router
from closedset.core.errors import ServiceError
from closedset.productions.api import router as productions_router
from closedset.scripts.api import router as scripts_router
from closedset.shoot.api import router as shoot_router
from closedset.web.api import router as web_router

logger = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    """``Authorization: Bearer <personal API token>``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """The browser's log-in session; unsafe methods need the CSRF token (checked by ninja)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or needs_second_factor(request):
            return None
        return user


AUTH = [BearerToken(), Session(csrf=True)]

api = NinjaAPI(
    title="Closed Set API",
    version="1",
    description="Intimacy coordination for film and TV productions.",
    urls_namespace="api",
    auth=AUTH,
    docs_url=None,
    openapi_url="/openapi.json",
)


def _error(request: HttpRequest, status: int, detail: Any, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(ServiceError)
def _service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    extra = {"field": exc.field} if exc.field else {}
    return _error(request, exc.status, exc.message, **extra)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "You may not do this.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Log in or send an API token (Authorization: Bearer …).")


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "invalid")} for e in exc.errors]
    return _error(request, 422, errors)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc.message))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path)
    return _error(request, 500, "Something went wrong on our side. It was logged.")


api.add_router("", web_router)
api.add_router("", accounts_router)
api.add_router("", productions_router)
api.add_router("", scripts_router)
api.add_router("", consent_router)
api.add_router("", choreography_router)
api.add_router("", shoot_router)
api.add_router("", concerns_router)

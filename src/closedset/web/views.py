"""The dashboard, health check and error pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from closedset.concerns.selectors import dashboard_items as concern_dashboard_items
from closedset.productions.selectors import production_list


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Your productions, with your roles in each."""
    context = {
        "productions": production_list(actor=request.user),
        "concern_items": concern_dashboard_items(actor=request.user),
    }
    return render(request, "web/dashboard.html", context)


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return render(request, "web/error.html", {"status": status, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 400, "The request was not understood. Go back and try again.")


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 403, "Your role in this production does not allow this.")


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _error(request, 404, "There is nothing here, or it is not yours to see.")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "Something went wrong on our side. It was logged; try again.")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request, 403, "This form expired or was sent from elsewhere. Reload the page and try again."
    )

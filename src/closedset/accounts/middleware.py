"""A person with two-factor log-in turned on must enter a code before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

_ALLOWED_NAMES = {"accounts:otp-verify", "accounts:logout"}


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and not getattr(user, "is_verified", lambda: False)()
        and user_has_device(user, confirmed=True)
    )


class OTPVerificationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(("/static/", "/api/")) and needs_second_factor(request):
            try:
                match = resolve(request.path_info)
                name = f"{match.namespace}:{match.url_name}"
            except Resolver404:
                name = ""
            if name not in _ALLOWED_NAMES:
                return HttpResponseRedirect(reverse("accounts:otp-verify"))
        return self.get_response(request)

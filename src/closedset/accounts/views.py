"""Log-in, log-out, passwords, two-factor codes and re-authentication."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from closedset.accounts import services
from closedset.accounts.forms import EmailAuthenticationForm, PasswordConfirmForm, TokenForm
from closedset.accounts.reauth import mark_reauthenticated, require_recent_auth
from closedset.core.errors import ServiceError
from closedset.web.errors import add_service_error


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """What django-axes answers once an account is locked from this address."""
    return render(
        request,
        "web/error.html",
        {
            "status": 429,
            "message": "Too many failed log-ins. Try again in 15 minutes, "
            "or reset your password by e-mail.",
        },
        status=429,
    )


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(
            actor=request.user,  # type: ignore[arg-type]
            user=request.user,  # type: ignore[arg-type]
            password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
        messages.success(request, "Your password was changed.")
        return redirect("accounts:security")
    return render(request, "accounts/password_change.html", {"form": form})


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form: Any) -> HttpResponse:
        services.user_set_password(
            actor=form.user, user=form.user, password=form.cleaned_data["new_password1"], reset=True
        )
        messages.success(self.request, "Your password was set. Log in with it now.")
        return HttpResponseRedirect(self.get_success_url())


@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect("web:dashboard")
        form.add_error("token", "That code is not right. Codes change every 30 seconds.")
    return render(request, "accounts/otp_verify.html", {"form": form})


def _qr_svg(device: TOTPDevice) -> str:
    return str(segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=True))


@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """Password, two-factor log-in and re-authentication status for the current person."""
    user = request.user
    form = TokenForm()
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "start":
            services.totp_start(actor=user)  # type: ignore[arg-type]
            return redirect("accounts:security")
        if action == "confirm":
            form = TokenForm(request.POST)
            if form.is_valid():
                device = services.totp_confirm(actor=user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
                otp_login(request, device)
                messages.success(request, "Two-factor log-in is on.")
                return redirect("accounts:security")
    except ServiceError as exc:
        add_service_error(form, exc)
    confirmed, pending = services.totp_devices(user)  # type: ignore[arg-type]
    context = {
        "confirmed": confirmed,
        "pending": pending,
        "qr_svg": _qr_svg(pending) if pending else "",
        "secret": _base32(pending) if pending else "",
        "form": form,
    }
    return render(request, "accounts/security.html", context)


def _base32(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["POST"])
@require_recent_auth
def otp_disable(request: HttpRequest) -> HttpResponse:
    services.totp_disable(actor=request.user)  # type: ignore[arg-type]
    messages.success(request, "Two-factor log-in is off.")
    return redirect("accounts:security")


@require_http_methods(["GET", "POST"])
def reauth(request: HttpRequest) -> HttpResponse:
    """Confirm the password before a sensitive action."""
    form = PasswordConfirmForm(request.POST or None, user=request.user)
    next_url = _safe_next(request, reverse("web:dashboard"))
    if request.method == "POST" and form.is_valid():
        services.user_reauthenticated(actor=request.user)  # type: ignore[arg-type]
        mark_reauthenticated(request)
        return HttpResponseRedirect(next_url)
    return render(request, "accounts/reauth.html", {"form": form, "next": next_url})

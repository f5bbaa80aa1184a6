"""Log-in, log-out, lockout, passwords, two-factor codes and re-authentication, as pages."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings
from tests.accounts.authenticator import totp_code
from tests.conftest import PASSWORD, Cast

from closedset.accounts import services
from closedset.accounts.models import User
from closedset.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]

LOGIN = "/account/login/"
LOGOUT = "/account/logout/"
SECURITY = "/account/security/"
CODE = "/account/code/"
REAUTH = "/account/confirm/"
OTP_OFF = "/account/security/two-factor/off/"
NEW_PASSWORD = "a brand new passphrase"


def _log_in(client: Client, email: str, password: str, **extra: str) -> object:
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def _is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _text(response: object) -> str:
    return response.content.decode()  # type: ignore[attr-defined]


# --- log-in and log-out ---------------------------------------------------------------------


def test_the_log_in_page_opens_without_an_account(client: Client) -> None:
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="username"' in _text(response)
    assert 'name="password"' in _text(response)


def test_a_person_logs_in_with_email_and_password_and_lands_on_the_dashboard(
    client: Client, cast: Cast
) -> None:
    response = _log_in(client, "performer@example.test", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(cast.performer.pk)
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Production A" in _text(dashboard)
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_LOGGED_IN, actor=cast.performer
    ).exists()


def test_the_email_is_not_case_sensitive_at_log_in(client: Client, cast: Cast) -> None:
    response = _log_in(client, "  Performer@EXAMPLE.test ", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.performer.pk)


def test_a_wrong_password_is_refused_with_a_message_and_recorded_without_the_email(
    client: Client, cast: Cast
) -> None:
    response = _log_in(client, "performer@example.test", "not the password")
    assert response.status_code == 200
    assert "Please enter a correct email and password" in _text(response)
    assert not _is_logged_in(client)
    failed = AuditEvent.objects.get(action=AuditAction.USER_LOGIN_FAILED)
    assert failed.actor_id is None
    assert "performer" not in failed.summary
    assert "not the password" not in failed.summary


def test_an_unknown_email_gets_the_same_message_as_a_wrong_password(client: Client) -> None:
    response = _log_in(client, "nobody@example.test", PASSWORD)
    assert response.status_code == 200
    assert "Please enter a correct email and password" in _text(response)


def test_log_in_goes_on_to_a_page_on_this_site(client: Client, cast: Cast) -> None:
    response = client.post(
        LOGIN, {"username": "performer@example.test", "password": PASSWORD, "next": SECURITY}
    )
    assert response["Location"] == SECURITY


def test_log_in_never_goes_on_to_another_site(client: Client, cast: Cast) -> None:
    response = client.post(
        LOGIN,
        {
            "username": "performer@example.test",
            "password": PASSWORD,
            "next": "https://evil.example/phish",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_logged_in_person_opening_log_in_goes_to_the_dashboard(login: Login, cast: Cast) -> None:
    response = login(cast.performer).get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_log_out_by_post_ends_the_session(login: Login, cast: Cast) -> None:
    client = login(cast.performer)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not _is_logged_in(client)
    assert client.get("/")["Location"].startswith(LOGIN)
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_LOGGED_OUT, actor=cast.performer
    ).exists()


def test_log_out_by_get_is_refused_so_a_link_cannot_log_anyone_out(
    login: Login, cast: Cast
) -> None:
    client = login(cast.performer)
    assert client.get(LOGOUT).status_code == 405
    assert _is_logged_in(client)


# --- lockout ----------------------------------------------------------------------------------


def test_five_failed_log_ins_lock_the_account_and_then_even_the_right_password_is_refused(
    client: Client, cast: Cast
) -> None:
    for _ in range(4):
        assert _log_in(client, "performer@example.test", "wrong guess").status_code == 200
    fifth = _log_in(client, "performer@example.test", "wrong guess")
    assert fifth.status_code == 429
    response = _log_in(client, "performer@example.test", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed log-ins. Try again in 15 minutes" in _text(response)
    assert "reset your password by e-mail" in _text(response)
    assert not _is_logged_in(client)


def test_a_lockout_does_not_stop_another_person_at_the_same_address(
    client: Client, cast: Cast
) -> None:
    for _ in range(5):
        _log_in(client, "performer@example.test", "wrong guess")
    assert _log_in(client, "crew@example.test", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(cast.crew.pk)


def test_a_lockout_from_one_address_does_not_lock_the_person_out_elsewhere(
    client: Client, cast: Cast
) -> None:
    for _ in range(5):
        _log_in(client, "performer@example.test", "wrong guess", REMOTE_ADDR="203.0.113.9")
    response = _log_in(client, "performer@example.test", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_a_successful_log_in_clears_the_count_of_failures(client: Client, cast: Cast) -> None:
    for _ in range(4):
        _log_in(client, "performer@example.test", "wrong guess")
    assert _log_in(client, "performer@example.test", PASSWORD).status_code == 302
    client.post(LOGOUT)
    for _ in range(4):
        assert _log_in(client, "performer@example.test", "wrong guess").status_code == 200
    assert _log_in(client, "performer@example.test", PASSWORD).status_code == 302


# --- changing and resetting the password -----------------------------------------------------


def test_a_person_changes_their_password_and_stays_logged_in(login: Login, cast: Cast) -> None:
    client = login(cast.crew)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == SECURITY
    assert "Your password was changed." in _text(response)
    assert _is_logged_in(client)
    cast.crew.refresh_from_db()
    assert cast.crew.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_PASSWORD_CHANGED, object_id=str(cast.crew.pk)
    ).exists()
    fresh = Client()
    assert _log_in(fresh, "crew@example.test", PASSWORD).status_code == 200
    assert _log_in(fresh, "crew@example.test", NEW_PASSWORD).status_code == 302


def test_a_password_change_needs_the_current_password(login: Login, cast: Cast) -> None:
    response = login(cast.crew).post(
        "/account/password/",
        {"old_password": "a guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in _text(response)
    cast.crew.refresh_from_db()
    assert cast.crew.check_password(PASSWORD)


def test_a_weak_new_password_is_refused_next_to_the_field(login: Login, cast: Cast) -> None:
    response = login(cast.crew).post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    assert "too short" in _text(response)
    cast.crew.refresh_from_db()
    assert cast.crew.check_password(PASSWORD)


def _reset_link(client: Client, email: str) -> str:
    response = client.post("/account/password/reset/", {"email": email})
    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    assert message.subject == "Reset your Closed Set password"
    match = re.search(r"http://testserver(/account/password/reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_forgotten_password_is_reset_through_the_link_in_the_email(
    client: Client, cast: Cast
) -> None:
    link = _reset_link(client, "performer@example.test")
    opened = client.get(link)
    assert opened.status_code == 302
    form_page = client.get(opened["Location"])
    assert "<h1>Set a new password</h1>" in _text(form_page)
    response = client.post(
        opened["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "Your password was set" in _text(client.get(LOGIN))
    cast.performer.refresh_from_db()
    assert cast.performer.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_PASSWORD_RESET, object_id=str(cast.performer.pk)
    ).exists()
    assert _log_in(Client(), "performer@example.test", NEW_PASSWORD).status_code == 302


def test_a_reset_link_works_only_once(client: Client, cast: Cast) -> None:
    link = _reset_link(client, "performer@example.test")
    opened = client.get(link)
    client.post(opened["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link, follow=True)
    assert "This link does not work" in _text(again)
    assert "<h1>Set a new password</h1>" not in _text(again)


def test_a_reset_link_refuses_a_weak_password(client: Client, cast: Cast) -> None:
    link = _reset_link(client, "performer@example.test")
    opened = client.get(link)
    response = client.post(opened["Location"], {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200
    assert "too short" in _text(response)
    cast.performer.refresh_from_db()
    assert cast.performer.check_password(PASSWORD)


def test_a_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(client: Client) -> None:
    response = client.post("/account/password/reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/sent/"
    assert mail.outbox == []


# --- two-factor log-in ---------------------------------------------------------------------


def _turn_on_two_factor(client: Client, user: User) -> TOTPDevice:
    started = client.post(SECURITY, {"action": "start"})
    assert started.status_code == 302
    page = client.get(SECURITY)
    assert "Scan this code" in _text(page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SECURITY, {"action": "confirm", "token": totp_code(device)}, follow=True)
    assert "Two-factor log-in is on." in _text(response)
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_two_factor_is_turned_on_from_the_security_page_with_a_code(
    login: Login, cast: Cast
) -> None:
    client = login(cast.coordinator)
    assert "<strong>Off.</strong>" in _text(client.get(SECURITY))
    _turn_on_two_factor(client, cast.coordinator)
    assert "<strong>On.</strong>" in _text(client.get(SECURITY))
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_TOTP_ENABLED, actor=cast.coordinator
    ).exists()


def test_the_security_page_shows_the_key_to_type_into_the_app(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    client.post(SECURITY, {"action": "start"})
    device = TOTPDevice.objects.get(user=cast.coordinator)
    page = _text(client.get(SECURITY))
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'<code class="secret">([^<]+)</code>', page)
    assert shown
    assert shown.group(1).replace(" ", "") == key
    assert "<svg" in page


def test_a_wrong_code_on_the_security_page_leaves_two_factor_off(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    client.post(SECURITY, {"action": "start"})
    device = TOTPDevice.objects.get(user=cast.coordinator)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SECURITY, {"action": "confirm", "token": wrong})
    assert response.status_code == 200
    assert "That code is not right" in _text(response)
    device.refresh_from_db()
    assert not device.confirmed


def test_a_code_that_is_not_six_digits_is_refused_with_a_hint(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    client.post(SECURITY, {"action": "start"})
    response = client.post(SECURITY, {"action": "confirm", "token": "12ab"})
    assert "Enter the six digits your authenticator app shows." in _text(response)


def _log_in_with_password_only(cast: Cast) -> tuple[Client, TOTPDevice]:
    setup = Client()
    setup.force_login(cast.coordinator, backend="django.contrib.auth.backends.ModelBackend")
    device = _turn_on_two_factor(setup, cast.coordinator)
    client = Client()
    assert _log_in(client, "coordinator@example.test", PASSWORD).status_code == 302
    return client, device


def test_after_turning_two_factor_on_a_new_log_in_must_enter_a_code_before_anything_else(
    cast: Cast,
) -> None:
    client, device = _log_in_with_password_only(cast)
    for path in ("/", SECURITY, f"/productions/{cast.production.pk}/", "/productions/new/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == CODE, path
    page = client.get(CODE)
    assert page.status_code == 200
    assert "Enter your code" in _text(page)
    response = client.post(CODE, {"token": totp_code(device, steps_ahead=1)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Production A" in _text(client.get("/"))


def test_a_wrong_code_at_log_in_is_refused_with_a_message(cast: Cast) -> None:
    client, device = _log_in_with_password_only(cast)
    wrong = f"{(int(totp_code(device, steps_ahead=1)) + 1) % 1_000_000:06d}"
    response = client.post(CODE, {"token": wrong})
    assert response.status_code == 200
    assert "That code is not right. Codes change every 30 seconds." in _text(response)
    assert client.get("/")["Location"] == CODE


def test_a_code_cannot_be_used_twice(cast: Cast) -> None:
    client, device = _log_in_with_password_only(cast)
    code = totp_code(device, steps_ahead=1)
    assert client.post(CODE, {"token": code}).status_code == 302
    second = Client()
    _log_in(second, "coordinator@example.test", PASSWORD)
    response = second.post(CODE, {"token": code})
    assert "That code is not right" in _text(response)
    assert second.get("/")["Location"] == CODE


def test_a_person_waiting_for_their_code_is_sent_to_it_even_from_an_unknown_address(
    cast: Cast,
) -> None:
    client, _ = _log_in_with_password_only(cast)
    response = client.get("/no-such-page/")
    assert response.status_code == 302
    assert response["Location"] == CODE


def test_a_person_waiting_for_their_code_can_still_log_out(cast: Cast) -> None:
    client, _ = _log_in_with_password_only(cast)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not _is_logged_in(client)


# --- re-authentication, and turning two-factor off ------------------------------------------


def test_turning_two_factor_off_first_asks_for_the_password_again(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    _turn_on_two_factor(client, cast.coordinator)
    response = client.post(OTP_OFF, HTTP_REFERER="http://testserver" + SECURITY)
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTH + "?next=")
    assert TOTPDevice.objects.filter(user=cast.coordinator, confirmed=True).exists()
    confirm_page = client.get(response["Location"])
    assert "This action needs your password again." in _text(confirm_page)

    confirmed = client.post(response["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == SECURITY
    assert client.get(confirmed["Location"]).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_REAUTHENTICATED, actor=cast.coordinator
    ).exists()

    turned_off = client.post(OTP_OFF, follow=True)
    assert "Two-factor log-in is off." in _text(turned_off)
    assert not TOTPDevice.objects.filter(user=cast.coordinator).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.USER_TOTP_DISABLED, actor=cast.coordinator
    ).exists()


def test_a_form_sent_from_elsewhere_returns_to_the_dashboard_after_confirming(
    login: Login, cast: Cast
) -> None:
    client = login(cast.coordinator)
    _turn_on_two_factor(client, cast.coordinator)
    for referer in ({}, {"HTTP_REFERER": "https://evil.example/account/security/"}):
        response = client.post(OTP_OFF, **referer)
        assert response["Location"] == REAUTH + "?next=%2F"
    assert TOTPDevice.objects.filter(user=cast.coordinator, confirmed=True).exists()


def test_a_wrong_password_on_the_confirm_page_is_refused_and_confirms_nothing(
    login: Login, cast: Cast
) -> None:
    client = login(cast.coordinator)
    _turn_on_two_factor(client, cast.coordinator)
    response = client.post(REAUTH + "?next=" + SECURITY, {"password": "not my password"})
    assert response.status_code == 200
    assert "That is not your password." in _text(response)
    assert not AuditEvent.objects.filter(action=AuditAction.USER_REAUTHENTICATED).exists()
    assert client.post(OTP_OFF)["Location"].startswith(REAUTH)
    assert TOTPDevice.objects.filter(user=cast.coordinator, confirmed=True).exists()


def test_a_password_confirmation_expires(login: Login, cast: Cast, settings: Settings) -> None:
    client = login(cast.coordinator)
    _turn_on_two_factor(client, cast.coordinator)
    client.post(REAUTH, {"password": PASSWORD})
    settings.CLOSEDSET_REAUTH_SECONDS = -1
    assert client.post(OTP_OFF)["Location"].startswith(REAUTH)
    assert TOTPDevice.objects.filter(user=cast.coordinator, confirmed=True).exists()


def test_the_confirm_page_never_sends_a_person_to_another_site(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    response = client.post(REAUTH + "?next=https://evil.example/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_confirm_page_goes_back_to_the_page_that_asked(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    response = client.post(REAUTH + "?next=" + SECURITY, {"password": PASSWORD})
    assert response["Location"] == SECURITY


def test_turning_off_two_factor_by_get_is_refused(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    _turn_on_two_factor(client, cast.coordinator)
    client.post(REAUTH, {"password": PASSWORD})
    assert client.get(OTP_OFF).status_code == 405
    assert TOTPDevice.objects.filter(user=cast.coordinator, confirmed=True).exists()


def test_a_device_started_by_the_service_shows_on_the_page(login: Login, cast: Cast) -> None:
    services.totp_start(actor=cast.performer)
    assert "Scan this code" in _text(login(cast.performer).get(SECURITY))

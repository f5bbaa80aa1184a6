"""A person logs in through the real form and sees their productions, on a desktop and a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

from closedset.accounts.services import user_create
from closedset.productions.services import production_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _people_and_productions() -> None:
    person = user_create(actor=None, email="zoe@example.test", name="Zoë Łukasz", password=PASSWORD)
    production_create(actor=person, title="The Long Night Shoot", company="Nightjar Films")
    neighbour = user_create(
        actor=None, email="olive@example.test", name="Olive Other", password=PASSWORD
    )
    production_create(actor=neighbour, title="Someone Else's Show")


def _watch_for_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _log_in(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.url.startswith(base_url + "/account/login/")
    page.get_by_label("E-mail").fill("zoe@example.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + "/")


def _assert_dashboard(page: Any) -> None:
    assert page.get_by_role("heading", name="Your productions").is_visible()
    link = page.get_by_role("link", name="The Long Night Shoot")
    assert link.is_visible()
    assert page.get_by_text("You are: Producer").is_visible()
    assert page.get_by_text("Someone Else's Show").count() == 0


def test_a_person_logs_in_through_the_form_and_sees_their_production(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    _people_and_productions()
    errors = _watch_for_errors(page)
    _log_in(page, live_server.url)
    _assert_dashboard(page)
    page.get_by_role("link", name="The Long Night Shoot").click()
    page.wait_for_url("**/productions/*/")
    assert page.get_by_role("heading", name="The Long Night Shoot").is_visible()
    assert page.get_by_text("Zoë Łukasz").first.is_visible()
    shot = tmp_path / "desktop-production.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    assert errors == []


def test_a_wrong_password_in_the_browser_shows_the_message_and_stays_on_log_in(
    live_server: Any, page: Any
) -> None:
    _people_and_productions()
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill("zoe@example.test")
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Log in").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Please enter a correct email and password" in alert.inner_text()
    assert page.url.startswith(live_server.url + "/account/login/")


def test_on_a_phone_the_dashboard_fits_the_screen_without_sideways_scrolling(
    live_server: Any, phone_page: Any, tmp_path: Path
) -> None:
    _people_and_productions()
    errors = _watch_for_errors(phone_page)
    phone_page.goto(live_server.url + "/account/login/")
    login_width = phone_page.evaluate("document.documentElement.scrollWidth")
    phone_page.screenshot(path=str(tmp_path / "phone-login.png"), full_page=True)
    assert login_width <= PHONE["width"]
    _log_in(phone_page, live_server.url)
    _assert_dashboard(phone_page)
    shot = tmp_path / "phone-dashboard.png"
    phone_page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    assert phone_page.evaluate("window.innerWidth") == PHONE["width"]
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone_page.get_by_role("link", name="The Long Night Shoot").click()
    phone_page.wait_for_url("**/productions/*/")
    phone_page.screenshot(path=str(tmp_path / "phone-production.png"), full_page=True)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []

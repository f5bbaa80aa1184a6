"""On a 360 by 740 phone: a performer checks in and presses pause; the IC's page shows the pause
within its one-second polling; the IC resumes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD, Cast
from tests.shoot import conftest as shoot_fixtures

from closedset.shoot.models import Entry, PauseEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

casting = shoot_fixtures.casting
shoot = shoot_fixtures.shoot

PAUSED = "Paused — the intimacy coordinator is checking in"


def _log_in(page: Any, base: str, email: str) -> None:
    page.goto(base + "/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def test_a_performer_checks_in_and_pauses_and_the_ic_sees_it_and_resumes(  # noqa: PLR0917
    live_server: Any,
    browser: Any,
    phone_page: Any,
    cast: Cast,
    shoot: shoot_fixtures.Shoot,
    tmp_path: Path,
) -> None:
    errors: list[str] = []
    performer = phone_page
    performer.on("pageerror", lambda exc: errors.append(str(exc)))
    _log_in(performer, live_server.url, cast.performer.email)
    performer.goto(live_server.url + shoot.url())
    assert performer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    performer.get_by_role("button", name="Re-confirm my consent for today").click()
    performer.get_by_text("Thank you. You re-confirmed for today.").wait_for()

    # The intimacy coordinator has the same scene open on their own phone.
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    coordinator = context.new_page()
    coordinator.set_default_timeout(10_000)
    coordinator.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        _log_in(coordinator, live_server.url, cast.coordinator.email)
        coordinator.goto(live_server.url + shoot.url())
        checkins = coordinator.get_by_role("list", name="Performers' check-in")
        checkins.get_by_text("Re-confirmed for today").wait_for()
        assert not coordinator.get_by_text(PAUSED).is_visible()

        pause = performer.get_by_role("button", name="Pause the scene")
        box = pause.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 300
        pause.tap()
        performer.get_by_text(PAUSED).wait_for()
        # No reload: the coordinator's page polls the state every second.
        coordinator.get_by_text(PAUSED).wait_for(timeout=5_000)
        coordinator.screenshot(path=str(tmp_path / "ic-paused.png"))
        assert Entry.objects.get().paused_at is not None
        assert not performer.get_by_role(
            "button", name="I checked in with the performers — resume"
        ).count()

        coordinator.get_by_role("button", name="I checked in with the performers — resume").tap()
        coordinator.get_by_text("Not paused").wait_for()
        performer.get_by_text("Not paused").wait_for(timeout=5_000)
        assert list(PauseEvent.objects.order_by("at").values_list("kind", flat=True)) == [
            "pause",
            "resume",
        ]
    finally:
        context.close()
    assert errors == []


def test_rostered_camera_crew_open_their_department_brief_from_the_day_on_a_phone(
    live_server: Any, phone_page: Any, cast: Cast, shoot: shoot_fixtures.Shoot
) -> None:
    shoot_fixtures.rostered(cast, shoot.entry, "crew")
    page = phone_page
    _log_in(page, live_server.url, cast.users["crew"].email)
    page.goto(live_server.url + shoot.url())
    page.get_by_role("link", name="Read your department's brief").click()
    page.get_by_role("heading", name="Agreed framing per performer").wait_for()
    text = page.content()
    assert "Camera and photography brief" in text and "discuss" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

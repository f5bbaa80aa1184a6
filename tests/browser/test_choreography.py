"""The coordinator adds a beat outside the agreement and sees it flagged; the director's brief
lists the approved beats."""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser.conftest import PHONE
from tests.choreography.conftest import agree, kiss_beat
from tests.conftest import PASSWORD, Cast
from tests.consent import conftest as consent_fixtures

from closedset.choreography import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

casting = consent_fixtures.casting


def _log_in(page: Any, url: str, email: str) -> None:
    page.goto(url + "/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url + "/")


def test_the_coordinator_sees_a_beat_outside_the_agreement_flagged_on_a_phone(
    live_server: Any, phone_page: Any, cast: Cast, casting: consent_fixtures.Casting
) -> None:
    scene = casting.kitchen
    agree(cast, scene, "performer", "partner")
    agree(cast, scene, "partner", "performer")
    page = phone_page
    _log_in(page, live_server.url, cast.coordinator.email)
    page.goto(f"{live_server.url}/scenes/{scene.pk}/choreography/")
    assert page.get_by_text("No beats yet.").is_visible()
    page.get_by_label("Performer", exact=True).first.check()
    page.get_by_label("To whom").select_option(label="Partner")
    page.get_by_label("Action").select_option("kiss")
    page.get_by_label("Body area").select_option("lips")
    page.get_by_label("Kiss: mouth").select_option("tongue")
    page.locator("#preview").get_by_text("Outside the agreement").wait_for()
    page.get_by_role("button", name="Add the beat").click()
    flagged = page.locator(".beat[data-status='outside']")
    flagged.wait_for()
    assert "Outside the agreement" in flagged.inner_text()
    assert "has not answered" in flagged.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_directors_brief_lists_the_approved_beats(
    live_server: Any, page: Any, cast: Cast, casting: consent_fixtures.Casting
) -> None:
    scene = casting.kitchen
    agree(cast, scene, "performer", "partner")
    agree(cast, scene, "partner", "performer")
    me, partner = cast.members["performer"], cast.members["partner"]
    version = services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=scene,
        beats=[kiss_beat(me, partner)],
    ).version
    services.choreography_approve(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=scene,
        expected_version=version,
    )
    _log_in(page, live_server.url, cast.director.email)
    page.goto(f"{live_server.url}/scenes/{scene.pk}/brief/")
    page.get_by_role("button", name=f"Approve version {version}").click()
    page.get_by_label("Password").fill(PASSWORD)  # approving is signature-like: re-authenticate
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("button", name=f"Approve version {version}").click()
    page.get_by_role("heading", name="Approved beats").wait_for()
    beats = page.locator("section[aria-labelledby='brief-beats'] .beat")
    assert beats.count() == 1
    assert "Performer to Partner: kiss on the lips (closed mouth)" in beats.first.inner_text()
    assert "discuss" not in page.content()


def test_the_coordinator_deletes_a_beat_and_undoes_it_on_a_phone(
    live_server: Any, phone_page: Any, cast: Cast, casting: consent_fixtures.Casting
) -> None:
    scene = casting.kitchen
    agree(cast, scene, "performer", "partner")
    agree(cast, scene, "partner", "performer")
    me, partner = cast.members["performer"], cast.members["partner"]
    services.choreography_save(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        scene=scene,
        beats=[kiss_beat(me, partner), kiss_beat(partner, me)],
    )
    page = phone_page
    _log_in(page, live_server.url, cast.coordinator.email)
    page.goto(f"{live_server.url}/scenes/{scene.pk}/choreography/")
    page.get_by_role("button", name="Delete beat 2").click()  # no dialog: it can be undone
    undo = page.get_by_role("button", name="Undo the delete")
    undo.wait_for()
    assert undo.is_visible() and page.locator(".beat[data-status]").count() == 1
    undo.click()
    page.get_by_text("(version 3)").wait_for()
    assert page.locator(".beat[data-status]").count() == 2
    assert page.get_by_role("button", name="Undo the delete").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

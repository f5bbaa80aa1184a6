"""A performer sets three body areas on the body map on a phone, saves, then withdraws."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD, Cast
from tests.consent import conftest as consent_fixtures

from closedset.consent import selectors, services
from closedset.consent.models import Rider
from closedset.rules import consent as rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

casting = consent_fixtures.casting


def _watch_for_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _stored(cast: Cast, casting: consent_fixtures.Casting) -> dict[rules.Item, str]:
    view = selectors.consent_get(
        access=cast.access("coordinator"), scene=casting.kitchen, member=cast.members["performer"]
    )
    return {item: answer.value for item, answer in view.consent.answers.items()}


def test_a_performer_sets_three_areas_on_the_body_map_signs_then_withdraws_on_a_phone(
    live_server: Any,
    phone_page: Any,
    cast: Cast,
    casting: consent_fixtures.Casting,
    tmp_path: Path,
) -> None:
    page = phone_page
    errors = _watch_for_errors(page)
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill(cast.performer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")
    me, partner = cast.members["performer"], cast.members["partner"]
    page.goto(f"{live_server.url}/productions/{cast.production.pk}/my-scenes/")
    number = casting.kitchen.number or casting.kitchen.ordinal
    page.get_by_role("link", name=f"Give my answers for scene {number}").click()
    page.wait_for_url(f"**/scenes/{casting.kitchen.pk}/consent/{me.pk}/")
    assert page.get_by_text("Only you and your intimacy coordinator see this.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    layer = page.locator(".bodymap-layer").first  # where the partner may touch me
    lips = layer.locator('[data-area="lips"]').first
    lips.tap()
    assert lips.get_attribute("aria-label") == "Lips: Yes"
    shoulders = layer.locator('[data-area="shoulders"]').first
    shoulders.tap()
    shoulders.tap()
    assert shoulders.get_attribute("aria-label") == "Shoulders: No"
    assert "ans-no" in (layer.locator('[data-area="shoulders"]').last.get_attribute("class") or "")
    abdomen = layer.locator('[data-area="abdomen"]').first
    assert abdomen.get_attribute("role") == "button"
    abdomen.focus()
    for _ in range(3):
        page.keyboard.press("Enter")
    assert abdomen.get_attribute("aria-label") == "Abdomen: Let's discuss"
    # The text list holds the same answers.
    layer.locator("summary").click()
    lips_group = layer.get_by_role("radiogroup", name="Lips")
    assert lips_group.get_by_label("Yes").is_checked()
    page.screenshot(path=str(tmp_path / "phone-bodymap.png"), full_page=False)
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("Your answers are saved.").wait_for()

    def touch(area: str) -> rules.Item:
        return rules.receive(str(partner.pk), rules.act("touch_hand", area))

    assert _stored(cast, casting) == {
        touch("lips"): "yes",
        touch("shoulders"): "no",
        touch("abdomen"): "discuss",
    }
    assert page.locator('.bodymap-layer >> nth=0 >> [data-area="lips"]').first.get_attribute(
        "aria-label"
    ) == ("Lips: Yes")

    # The coordinator goes through the rider with the performer one-on-one; the performer signs.
    rider = services.rider_prepare(
        actor=cast.coordinator, access=cast.access("coordinator"), member=me
    )
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    page.goto(f"{live_server.url}/members/{me.pk}/rider/")
    page.get_by_role("link", name="Sign", exact=True).click()
    # Signing asks for the password again (re-authentication).
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Type your full name to sign").fill(cast.performer.name)
    page.get_by_role("button", name=f"Sign rider {rider.number}").click()
    page.wait_for_url(f"**/members/{me.pk}/rider/")
    rider.refresh_from_db()
    assert rider.state == Rider.State.SIGNED
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("link", name="My scenes").click()
    page.wait_for_url("**/my-scenes/")
    assert page.get_by_text("Some items to discuss").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("summary", has_text=f"Withdraw from scene {number}").click()
    page.get_by_role("button", name="Withdraw consent for this scene").click()
    page.get_by_text("You withdrew your consent for this scene.").wait_for()
    assert page.get_by_text("Withdrawn", exact=True).is_visible()
    page.screenshot(path=str(tmp_path / "phone-my-scenes.png"), full_page=True)
    assert set(_stored(cast, casting).values()) == {"no"}
    rider.refresh_from_db()
    assert rider.state == Rider.State.SUPERSEDED
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []

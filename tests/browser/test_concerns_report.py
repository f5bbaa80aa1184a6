"""A crew member files an anonymous report from a phone, the safety officer replies, and the
reporter reads the reply with the receipt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

from closedset.accounts.services import user_create
from closedset.concerns.services import report_link_get_or_create
from closedset.productions.policies import access_for
from closedset.productions.services import member_add, production_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _production() -> str:
    producer = user_create(
        actor=None, email="helen@example.test", name="Helen Marsh", password=PASSWORD
    )
    production = production_create(actor=producer, title="The Salt House")
    access = access_for(producer, production)
    assert access is not None
    for email, name, role in [
        ("grace@example.test", "Grace Adeyemi", "safety_officer"),
        ("sam@example.test", "Sam Okonkwo", "crew"),
        ("tomas@example.test", "Tomás Ruiz", "director"),
    ]:
        user = user_create(actor=None, email=email, name=name, password=PASSWORD)
        member_add(actor=producer, access=access, user=user, roles=[role])
    return report_link_get_or_create(production=production).token


def _watch_for_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_an_anonymous_report_from_a_phone_is_answered_and_the_reply_read_with_the_receipt(
    live_server: Any, phone_page: Any, page: Any, tmp_path: Path
) -> None:
    token = _production()
    phone = phone_page
    errors = _watch_for_errors(phone)

    # The crew member scans the call sheet's QR code: no account, no log-in.
    phone.goto(f"{live_server.url}/report/{token}/")
    assert phone.get_by_role("heading", name="Raise a concern about The Salt House").is_visible()
    assert phone.get_by_text("Few people work on this production").is_visible()
    phone.get_by_label("Anonymous").check()
    phone.get_by_label("What happened").fill(
        "The director keeps commenting on my body in the make-up trailer."
    )
    phone.get_by_label("What would you like to happen").fill("For it to stop.")
    _fits(phone)
    phone.screenshot(path=str(tmp_path / "phone-report-form.png"), full_page=True)

    # Forgetting to say who it is about: refused, and nothing typed is lost.
    phone.get_by_role("button", name="Send the report").click()
    phone.get_by_text("Say who the report is about").first.wait_for()
    assert "make-up trailer" in phone.get_by_label("What happened").input_value()
    phone.screenshot(path=str(tmp_path / "phone-report-error.png"), full_page=True)
    _fits(phone)

    phone.get_by_label("Type a name (one per line)").fill("Tomás Ruiz")
    phone.get_by_role("button", name="Send the report").click()
    phone.get_by_role("heading", name="Your report was sent").wait_for()
    receipt = phone.locator("#receipt-code").inner_text().strip()
    assert len(receipt.split("-")) == 9
    phone.wait_for_load_state("load")
    # The draft kept in the tab while typing is gone once the report is sent.
    assert phone.evaluate(f"window.sessionStorage.getItem('report-{token}')") is None
    phone.screenshot(path=str(tmp_path / "phone-receipt.png"), full_page=True)
    _fits(phone)

    # The safety officer logs in and replies.
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill("grace@example.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("link", name="1 open concern").click()
    page.get_by_role("link", name="Anonymous").click()
    assert page.get_by_text("make-up trailer").is_visible()
    page.get_by_label("State").select_option("acknowledged")
    page.get_by_label("Reply to the reporter").fill("Thank you for telling us. We are acting.")
    page.get_by_label("Internal note").fill("Speak to the producer today.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    page.screenshot(path=str(tmp_path / "desktop-triage.png"), full_page=True)

    # The reporter comes back with the receipt and reads the reply (never the note).
    phone.goto(f"{live_server.url}/report/receipt/")
    phone.get_by_label("Your receipt").fill(receipt.lower())
    phone.get_by_role("button", name="Open my report").click()
    phone.get_by_text("Thank you for telling us. We are acting.").wait_for()
    assert phone.get_by_text("Speak to the producer").count() == 0
    assert phone.get_by_text("Acknowledged").first.is_visible()
    phone.get_by_label("Write to the people handling your report").fill("Thank you.")
    phone.get_by_role("button", name="Send", exact=True).click()
    phone.get_by_text("Sent.", exact=True).wait_for()
    phone.screenshot(path=str(tmp_path / "phone-thread.png"), full_page=True)
    _fits(phone)
    # The refused submit answered 400 on purpose; nothing else went wrong in the page.
    assert [e for e in errors if "status of 400" not in e] == []

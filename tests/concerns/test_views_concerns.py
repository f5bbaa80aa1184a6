"""Concern pages: the public form (a failed submit keeps what was typed), the receipt shown
once, the receipt thread, triage pages, the reporting link's QR code."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from closedset.concerns import selectors as concern_selectors
from closedset.concerns.models import Report
from tests.concerns.conftest import file_report, token_of
from tests.conftest import Cast
from tests.consent.conftest import Casting, casting  # noqa: F401 - a fixture
from tests.shoot.conftest import add_day, rostered, schedule

pytestmark = pytest.mark.django_db


def _as(cast: Cast, key: str) -> Client:
    client = Client()
    client.force_login(cast.users[key], backend="django.contrib.auth.backends.ModelBackend")
    return client


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": "anonymous",
        "subject_names": "The second camera operator",
        "what": "Comments about my body every morning in the make-up trailer.",
        "wants": "For it to stop.",
    }
    data.update(changes)
    return data


def test_the_public_form_opens_without_an_account_and_warns_of_a_small_group(cast: Cast) -> None:
    response = Client().get(f"/report/{token_of(cast.production)}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Raise a concern about Production A" in page
    assert "Few people work on this production" in page
    assert "Pick people from this production" not in page  # no member list for strangers
    assert response["Cache-Control"].startswith("max-age=0")


def test_members_can_pick_people_but_not_themselves(cast: Cast) -> None:
    page = _as(cast, "crew").get(f"/report/{token_of(cast.production)}/").content.decode()
    assert "Pick people from this production" in page
    assert "Director" in page
    assert f'value="{cast.members["crew"].pk}"' not in page


def test_an_unknown_link_says_so(cast: Cast) -> None:
    response = Client().get("/report/not-a-real-token/")
    assert response.status_code == 404
    assert "reporting link is not valid" in response.content.decode()


def test_a_failed_submit_keeps_everything_that_was_typed(cast: Cast) -> None:
    long_text = "It kept happening. " * 1100
    response = Client().post(f"/report/{token_of(cast.production)}/", _form(what=long_text))
    page = response.content.decode()
    assert response.status_code == 400
    assert "the limit is 20,000" in page
    assert "Nothing was sent yet" in page
    assert "It kept happening." in page
    assert "For it to stop." in page
    assert "The second camera operator" in page
    assert Report.objects.count() == 0
    empty = Client().post(f"/report/{token_of(cast.production)}/", _form(subject_names=""))
    assert empty.status_code == 400
    assert "Say who the report is about" in empty.content.decode()
    assert "make-up trailer" in empty.content.decode()


def test_a_sent_report_shows_its_receipt_once_and_the_thread_opens_with_it(cast: Cast) -> None:
    response = Client().post(f"/report/{token_of(cast.production)}/", _form())
    page = response.content.decode()
    assert response.status_code == 200
    assert "shown only this once" in page
    report = Report.objects.get()
    receipt = page.split('id="receipt-code"><code>')[1].split("<")[0]
    assert receipt.replace("-", "")[:8] == report.receipt_lookup
    thread = Client().post("/report/receipt/", {"receipt": receipt})
    assert thread.status_code == 200
    assert "make-up trailer" in thread.content.decode()
    assert thread["Cache-Control"].startswith("max-age=0")
    answered = Client().post(
        "/report/receipt/", {"receipt": receipt, "action": "answer", "text": "One more thing."}
    )
    assert "One more thing." in answered.content.decode()
    assert "Sent." in answered.content.decode()


def test_a_wrong_receipt_on_the_page_gives_the_same_message_as_an_unknown_one(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    raw = filed.receipt.replace("-", "")
    wrong = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    unknown = "ZZZZZZZZ" + raw[8:]
    first = Client().post("/report/receipt/", {"receipt": wrong})
    second = Client().post("/report/receipt/", {"receipt": unknown})
    assert first.status_code == second.status_code == 401
    message = "No report opens with this receipt"
    assert message in first.content.decode() and message in second.content.decode()
    malformed = Client().post("/report/receipt/", {"receipt": "hello"})
    assert malformed.status_code == 400
    assert "36 letters and digits" in malformed.content.decode()


def test_a_logged_in_member_reports_under_their_name_from_the_page(cast: Cast) -> None:
    client = _as(cast, "crew")
    response = client.post(
        f"/report/{token_of(cast.production)}/",
        _form(kind="named", subject_members=[str(cast.members["director"].pk)], subject_names=""),
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.reporter == cast.crew


def test_members_reach_the_form_from_their_production(cast: Cast) -> None:
    response = _as(cast, "crew").get(f"/productions/{cast.production.pk}/report/")
    assert response.status_code == 302
    assert response["Location"] == f"/report/{token_of(cast.production)}/"
    assert (
        _as(cast, "outsider").get(f"/productions/{cast.production.pk}/report/").status_code == 404
    )
    detail = _as(cast, "crew").get(f"/productions/{cast.production.pk}/").content.decode()
    assert "Raise a concern" in detail
    assert "Reporting link" not in detail


@pytest.mark.parametrize(
    ("key", "status"),
    [("coordinator", 200), ("safety", 200), ("producer", 404), ("crew", 404), ("outsider", 404)],
)
def test_the_qr_page_is_for_those_who_hand_out_the_link(cast: Cast, key: str, status: int) -> None:
    response = _as(cast, key).get(f"/productions/{cast.production.pk}/report-link/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert 'src="data:image/svg+xml' in page
        assert f"/report/{token_of(cast.production)}/" in page


def test_the_triage_page_records_a_reply_and_keeps_text_on_error(cast: Cast) -> None:
    filed = file_report(cast, kind="stand_down", about=["director"])
    client = _as(cast, "coordinator")
    path = f"/concerns/{filed.report.pk}/"
    refused = client.post(path, {"state": "in_progress", "reply": "We want to help."})
    assert refused.status_code == 409
    assert "stand down" in refused.content.decode()
    assert "We want to help." in refused.content.decode()
    saved = client.post(path, {"state": "acknowledged", "reply": "We want to help."})
    assert saved.status_code == 302
    page = client.get(path).content.decode()
    assert "We want to help." in page and "Acknowledged" in page
    assert _as(cast, "director").get(path).status_code == 404
    assert _as(cast, "producer").post(path, {"state": "resolved"}).status_code == 404


def test_a_small_closed_set_is_warned_of_even_in_a_large_production(
    cast: Cast,
    casting: Casting,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(concern_selectors, "SMALL_GROUP", 3)  # 9 people: a large production
    url = f"/report/{token_of(cast.production)}/"
    page = Client().get(url).content.decode()
    assert "Few people work" not in page and "Closed sets on this production" not in page
    entry = schedule(cast, add_day(cast, 3), casting.kitchen)
    rostered(cast, entry, "crew", "ad")
    page = Client().get(url).content.decode()
    assert "Closed sets on this production have only a few people" in page

"""Routing: the people who handle concerns receive a report, minus anyone it names; a named
person never reads it, sees that it exists, or sees it counted — in pages, the API, counts,
the dashboard, notifications and e-mails — whatever their role."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings

from closedset.concerns import services
from closedset.concerns.models import Report
from tests.concerns.conftest import file_report
from tests.conftest import ROLES, Cast

HANDLERS = {"coordinator", "safety"}
EVERYONE = [*ROLES, "outsider", "other_producer"]


def _sees(cast: Cast, key: str, report: Report) -> dict[str, Any]:
    client = Client()
    client.force_login(cast.users[key], backend="django.contrib.auth.backends.ModelBackend")
    p = cast.production.pk
    api_list = client.get(f"/api/v1/productions/{p}/concerns")
    api_get = client.get(f"/api/v1/concerns/{report.pk}")
    page_list = client.get(f"/productions/{p}/concerns/")
    page_get = client.get(f"/concerns/{report.pk}/")
    dashboard = client.get("/").content.decode()
    return {
        "api_list": api_list.status_code == 200
        and str(report.pk) in [i["id"] for i in api_list.json()["items"]],
        "api_get": api_get.status_code == 200,
        "page_list": page_list.status_code == 200 and str(report.pk) in page_list.content.decode(),
        "page_get": page_get.status_code == 200,
        "dashboard_count": "open concern" in dashboard,
        "api_list_status": api_list.status_code,
        "page_get_status": page_get.status_code,
    }


@pytest.mark.parametrize("named", list(ROLES))
def test_a_report_naming_anyone_in_any_role_reaches_the_handlers_except_them(
    cast: Cast, named: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        filed = file_report(cast, about=[named])
    recipients = HANDLERS - {named}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{k}@example.test" for k in recipients)
    assert all("touching" not in m.body for m in mail.outbox)
    for key in EVERYONE:
        seen = _sees(cast, key, filed.report)
        expected = key in recipients
        assert seen["api_list"] is expected, (key, seen)
        assert seen["api_get"] is expected, (key, seen)
        assert seen["page_list"] is expected, (key, seen)
        assert seen["page_get"] is expected, (key, seen)
        assert seen["dashboard_count"] is expected, (key, seen)
        if not expected:
            assert seen["page_get_status"] == 404
        if key == named and named in HANDLERS:
            # The named handler's own list answers, but empty: no count, no trace.
            assert seen["api_list_status"] == 200


@pytest.mark.parametrize("typed", ["Coordinator", "  COORDINATOR ", "coördinator"])
def test_a_typed_name_that_is_a_members_name_routes_around_them_too(cast: Cast, typed: str) -> None:
    filed = file_report(cast, names=[typed])
    assert _sees(cast, "coordinator", filed.report)["api_get"] is False
    assert _sees(cast, "safety", filed.report)["api_get"] is True


def test_the_named_handlers_list_and_counts_stay_empty(cast: Cast) -> None:
    file_report(cast, about=["safety"])
    client = Client()
    client.force_login(cast.safety, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(f"/api/v1/productions/{cast.production.pk}/concerns")
    assert response.json() == {"items": [], "count": 0}
    page = client.get(f"/productions/{cast.production.pk}/concerns/").content.decode()
    assert "No concerns to handle" in page
    assert "open concern" not in client.get("/").content.decode()


@override_settings(CLOSEDSET_EXTERNAL_CONTACT_EMAIL="help@union.test")
def test_a_report_naming_every_handler_goes_to_the_external_contact_without_the_body_if_anonymous(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        filed = file_report(cast, about=["coordinator", "safety"])
    report = Report.objects.get(pk=filed.report.pk)
    assert report.routed_externally
    (message,) = mail.outbox
    assert message.to == ["help@union.test"]
    assert "touching" not in message.body
    assert "anonymously" in message.body
    for key in EVERYONE:
        assert _sees(cast, key, report)["api_get"] is False


@override_settings(CLOSEDSET_EXTERNAL_CONTACT_EMAIL="help@union.test")
def test_a_named_report_naming_every_handler_reaches_the_external_contact_in_full(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        file_report(cast, kind="named", about=["coordinator", "safety"], actor=cast.crew)
    (message,) = mail.outbox
    assert message.to == ["help@union.test"]
    assert "touching" in message.body
    assert "crew@example.test" in message.body
    assert "coordinator@example.test" not in message.body


def test_without_an_external_contact_the_reporter_is_told_in_their_thread(cast: Cast) -> None:
    filed = file_report(cast, about=["coordinator", "safety"])
    client = Client()
    response = client.get("/api/v1/report/receipt", HTTP_AUTHORIZATION=f"Bearer {filed.receipt}")
    (entry,) = response.json()["entries"]
    assert "No external contact is configured" in entry["text"]


def test_follow_up_e_mails_never_reach_a_named_handler(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    filed = file_report(cast, kind="stand_down", about=["safety", "producer"])
    opened = services.receipt_open(receipt=filed.receipt, address="10.0.0.1")
    with django_capture_on_commit_callbacks(execute=True):
        services.reporter_answer(report=opened, text="More detail.", go=True)
    assert [m.to for m in mail.outbox] == [["coordinator@example.test"]]
    assert "More detail" not in mail.outbox[0].body


def test_a_match_tells_only_the_handlers_not_named(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    file_report(cast, kind="hold_for_match", about=["coordinator"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        file_report(cast, kind="hold_for_match", names=["Coordinator"])
    assert {m.to[0] for m in mail.outbox} == {"safety@example.test"}

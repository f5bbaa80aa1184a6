"""The concerns API: public reporting, the receipt thread, triage, the report token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from closedset.accounts.services import token_create
from closedset.concerns.models import Report
from tests.concerns.conftest import file_report, token_of
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


def _post(client: Client, path: str, data: dict[str, Any], **headers: Any) -> Any:
    return client.post(path, data=json.dumps(data), content_type="application/json", **headers)


def _as(cast: Cast, key: str) -> Client:
    client = Client(enforce_csrf_checks=False)
    client.force_login(cast.users[key], backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_anyone_with_the_link_reports_and_gets_a_receipt_once(cast: Cast) -> None:
    response = _post(
        Client(),
        f"/api/v1/report/{token_of(cast.production)}",
        {
            "kind": "anonymous",
            "subjects": [{"member_id": str(cast.members["director"].pk)}, {"name": "A runner"}],
            "body": "Something happened.",
            "wants": "Make it stop.",
        },
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Sneaky/1.0",
    )
    assert response.status_code == 201, response.content
    receipt = response.json()["receipt"]
    assert len(receipt.split("-")) == 9
    thread = Client().get("/api/v1/report/receipt", HTTP_AUTHORIZATION=f"Bearer {receipt}")
    assert thread.status_code == 200
    assert thread.json()["body"]["what"] == "Something happened."
    assert thread.json()["subjects"] == ["Director", "A runner"]
    assert "receipt" not in thread.json()


@pytest.mark.parametrize(
    ("payload", "status", "text"),
    [
        ({"kind": "anonymous", "subjects": [{"name": "X"}], "body": ""}, 400, "empty"),
        ({"kind": "anonymous", "subjects": [{"name": "X"}], "body": "y" * 20_001}, 400, "20,000"),
        ({"kind": "anonymous", "subjects": [], "body": "y"}, 400, "Say who"),
        ({"kind": "rumour", "subjects": [{"name": "X"}], "body": "y"}, 422, ""),
    ],
)
def test_bad_reports_by_api_get_a_clear_error(
    cast: Cast, payload: dict[str, Any], status: int, text: str
) -> None:
    response = _post(Client(), f"/api/v1/report/{token_of(cast.production)}", payload)
    assert response.status_code == status
    assert text in json.dumps(response.json())
    assert Report.objects.count() == 0


def test_an_unknown_token_is_404(cast: Cast) -> None:
    response = _post(
        Client(), "/api/v1/report/not-a-token", {"kind": "anonymous", "subjects": [], "body": "y"}
    )
    assert response.status_code == 404
    assert "reporting link is not valid" in response.json()["detail"]


def test_the_reporter_answers_and_says_go_through_the_api(cast: Cast) -> None:
    filed = file_report(cast, kind="stand_down", about=["director"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {filed.receipt}"}
    response = _post(Client(), "/api/v1/report/receipt", {"text": "Ready now.", "go": True}, **auth)
    assert response.status_code == 200
    body = response.json()
    assert body["standing_down"] is False
    assert [e["kind"] for e in body["entries"]] == ["reporter", "system"]
    again = _post(Client(), "/api/v1/report/receipt", {"go": True}, **auth)
    assert again.status_code == 409


def test_a_wrong_or_malformed_receipt_is_refused_and_internal_notes_never_show(
    cast: Cast,
) -> None:
    filed = file_report(cast, about=["director"])
    client = _as(cast, "safety")
    response = client.patch(
        f"/api/v1/concerns/{filed.report.pk}",
        data=json.dumps({"note": "Internal only.", "reply": "We are on it."}),
        content_type="application/json",
    )
    assert response.status_code == 200
    thread = Client().get("/api/v1/report/receipt", HTTP_AUTHORIZATION=f"Bearer {filed.receipt}")
    texts = [e["text"] for e in thread.json()["entries"]]
    assert texts == ["We are on it."]
    assert all(e["author"] == "" for e in thread.json()["entries"])
    malformed = Client().get("/api/v1/report/receipt", HTTP_AUTHORIZATION="Bearer nope")
    assert malformed.status_code == 400
    assert "36 letters" in malformed.json()["detail"]


def test_receipts_and_api_tokens_never_open_each_others_doors(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    api_token = token_create(actor=cast.safety, user=cast.safety, name="script")
    as_receipt = Client().get(
        "/api/v1/report/receipt", HTTP_AUTHORIZATION=f"Bearer {api_token.plaintext}"
    )
    assert as_receipt.status_code in {400, 401}
    as_token = Client().get(
        f"/api/v1/concerns/{filed.report.pk}", HTTP_AUTHORIZATION=f"Bearer {filed.receipt}"
    )
    assert as_token.status_code == 401
    with_token = Client().get(
        f"/api/v1/concerns/{filed.report.pk}", HTTP_AUTHORIZATION=f"Bearer {api_token.plaintext}"
    )
    assert with_token.status_code == 200


@pytest.mark.parametrize(
    ("key", "sees_token"),
    [
        ("coordinator", True),
        ("safety", True),
        ("producer", False),
        ("director", False),
        ("performer", False),
        ("crew", False),
        ("ad", False),
    ],
)
def test_the_report_token_is_in_the_production_for_those_who_hand_out_the_link(
    cast: Cast, key: str, sees_token: bool
) -> None:
    body = _as(cast, key).get(f"/api/v1/productions/{cast.production.pk}").json()
    assert (body["report_token"] == token_of(cast.production)) is sees_token
    if not sees_token:
        assert body["report_token"] is None


def test_triage_by_api_changes_state_and_refuses_bad_values(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    client = _as(cast, "coordinator")
    path = f"/api/v1/concerns/{filed.report.pk}"
    ok = client.patch(
        path, data=json.dumps({"state": "acknowledged"}), content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["state"] == "acknowledged"
    bad = client.patch(path, data=json.dumps({"state": "lost"}), content_type="application/json")
    assert bad.status_code == 422
    nothing = client.patch(path, data=json.dumps({}), content_type="application/json")
    assert nothing.status_code == 400
    for key in ("producer", "director", "crew", "outsider", "other_producer"):
        assert (
            _as(cast, key)
            .patch(path, data=json.dumps({"state": "resolved"}), content_type="application/json")
            .status_code
            == 404
        )
    assert Report.objects.get(pk=filed.report.pk).state == "acknowledged"

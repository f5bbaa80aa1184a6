"""GET /api/v1/me, and how the API knows who is asking: session, bearer token or nobody."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from tests.accounts.authenticator import totp_code
from tests.conftest import PASSWORD, Cast

from closedset.accounts import services
from closedset.accounts.models import User
from closedset.productions.models import Invitation

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]
ME = "/api/v1/me"
UNAUTHENTICATED = "Log in or send an API token (Authorization: Bearer …)."


def _bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_me_by_session_names_the_person_and_their_productions_with_roles(
    login: Login, cast: Cast
) -> None:
    response = login(cast.coordinator).get(ME)
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": str(cast.coordinator.pk),
        "email": "coordinator@example.test",
        "name": "Coordinator",
        "productions": [
            {"id": str(cast.production.pk), "title": "Production A", "roles": ["coordinator"]}
        ],
    }


def test_me_by_bearer_token_answers_for_the_tokens_owner(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    response = Client().get(ME, **_bearer(issued.plaintext))
    assert response.status_code == 200
    assert response.json()["id"] == str(cast.performer.pk)
    assert response.json()["productions"][0]["roles"] == ["performer"]


def test_me_for_a_person_in_no_production_lists_none(login: Login, cast: Cast) -> None:
    response = login(cast.outsider).get(ME)
    assert response.status_code == 200
    assert response.json()["productions"] == []


def test_me_lists_only_the_persons_own_productions(login: Login, cast: Cast) -> None:
    body = login(cast.other_producer).get(ME).json()
    assert [p["title"] for p in body["productions"]] == ["Production B"]


def test_an_anonymous_request_gets_401_with_a_json_detail(cast: Cast) -> None:
    response = Client().get(ME)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": UNAUTHENTICATED}


def test_a_revoked_token_gets_401(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    services.token_revoke(actor=cast.performer, token=issued.token)
    response = Client().get(ME, **_bearer(issued.plaintext))
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-token",
        "Bearer cs_",
        "Bearer cs_" + "A" * 43,
        "Bearer " + "cs_" + "x" * 300,
        "Bearer",
        "Basic cGVyZm9ybWVyOnBhc3N3b3Jk",
        "cs_abc",
    ],
)
def test_a_malformed_or_unknown_token_gets_401(cast: Cast, header: str) -> None:
    services.token_create(actor=cast.performer, user=cast.performer)
    response = Client().get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}


def test_a_token_with_one_character_changed_gets_401(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    last = issued.plaintext[-1]
    altered = issued.plaintext[:-1] + ("a" if last != "a" else "b")
    assert Client().get(ME, **_bearer(altered)).status_code == 401


def test_the_token_of_a_deactivated_person_gets_401(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    User.objects.filter(pk=cast.performer.pk).update(is_active=False)
    assert Client().get(ME, **_bearer(issued.plaintext)).status_code == 401


def test_a_session_still_waiting_for_its_two_factor_code_gets_401(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    services.totp_confirm(actor=cast.coordinator, token=totp_code(device))
    client = Client()
    response = client.post(
        "/account/login/", {"username": "coordinator@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json() == {"detail": UNAUTHENTICATED}


def test_a_session_that_entered_its_code_is_answered(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    services.totp_confirm(actor=cast.coordinator, token=totp_code(device))
    client = Client()
    client.post("/account/login/", {"username": "coordinator@example.test", "password": PASSWORD})
    client.post("/account/code/", {"token": totp_code(device, steps_ahead=1)})
    assert client.get(ME).status_code == 200


def test_writing_with_a_session_but_without_the_csrf_token_is_refused(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coordinator, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        f"/api/v1/productions/{cast.production.pk}/invitations",
        {"email": "new@example.test", "role": "crew"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Invitation.objects.exists()


def test_writing_with_a_session_and_the_csrf_token_works(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coordinator, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/v1/productions/{cast.production.pk}/invitations",
        {"email": "new@example.test", "role": "crew"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201, response.content
    assert Invitation.objects.filter(email="new@example.test").exists()


def test_writing_with_a_bearer_token_needs_no_csrf_token(cast: Cast) -> None:
    issued = services.token_create(actor=cast.coordinator, user=cast.coordinator)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/api/v1/productions/{cast.production.pk}/invitations",
        {"email": "new@example.test", "role": "crew"},
        content_type="application/json",
        **_bearer(issued.plaintext),
    )
    assert response.status_code == 201, response.content


def test_me_cannot_be_written(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(ME, {}, content_type="application/json")
        assert response.status_code == 405, method

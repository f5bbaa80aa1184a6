from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss, nudity

from closedset.accounts.models import User
from closedset.consent.models import ConsentVersion


def _url(casting: Casting, member_id: object, suffix: str = "") -> str:
    return f"/api/v1/scenes/{casting.kitchen.pk}/consents/{member_id}{suffix}"


def test_the_vocabulary_is_published(cast: Cast, login: Callable[[User], Client]) -> None:
    body = login(cast.performer).get("/api/v1/vocabulary").json()
    assert body["version"]
    assert any(a["code"] == "lips" for a in body["body_areas"])


def test_a_performer_puts_and_gets_their_answers(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    member = cast.members["performer"]
    partner = cast.members["partner"]
    put = client.put(
        _url(casting, member.pk),
        {"answers": answers((kiss("give", partner), "yes"), (nudity(), "no")), "version": 0},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    body = put.json()
    assert body["version"] == 1
    assert body["partners"] == {str(partner.pk): partner.user.name}
    got = client.get(_url(casting, member.pk)).json()
    assert {a["answer"] for a in got["answers"]} == {"yes", "no"}
    assert got["history"][0]["version"] == 1


@pytest.mark.parametrize("key", ["director", "producer", "ad", "crew", "safety", "partner"])
def test_everyone_else_gets_404_for_answers_and_notes(
    cast: Cast, casting: Casting, login: Callable[[User], Client], key: str
) -> None:
    login(cast.performer).put(
        _url(casting, cast.members["performer"].pk),
        {"answers": answers((nudity(), "no")), "note": "private"},
        content_type="application/json",
    )
    client = login(cast.users[key])
    member = cast.members["performer"].pk
    assert client.get(_url(casting, member)).status_code == 404
    put = client.put(
        _url(casting, member),
        {"answers": answers((nudity(), "yes"))},
        content_type="application/json",
    )
    assert put.status_code == 404
    assert (
        client.post(
            _url(casting, member, "/withdraw"), {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert ConsentVersion.objects.count() == 1


def test_another_production_and_unknown_ids_are_404(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    assert (
        login(cast.other_producer).get(_url(casting, cast.members["performer"].pk)).status_code
        == 404
    )
    client = login(cast.coordinator)
    assert client.get(_url(casting, uuid.uuid4())).status_code == 404
    assert client.get(f"/api/v1/scenes/{uuid.uuid4()}/consents/{uuid.uuid4()}").status_code == 404


def test_anonymous_is_401(cast: Cast, casting: Casting) -> None:
    assert Client().get(_url(casting, cast.members["performer"].pk)).status_code == 401


def test_the_coordinator_reads_and_a_minor_sees_the_r10_block(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.coordinator)
    url = f"/api/v1/scenes/{casting.yard.pk}/consents/{casting.minor.pk}"
    refused = client.put(
        url, {"answers": answers((nudity(), "yes"))}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "R10" in refused.json()["detail"]
    assert ConsentVersion.objects.count() == 0


def test_withdraw_in_one_request_without_a_reason(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    member = cast.members["performer"].pk
    client.put(
        _url(casting, member),
        {"answers": answers((kiss("give", cast.members["partner"]), "yes"))},
        content_type="application/json",
    )
    response = client.post(_url(casting, member, "/withdraw"), {}, content_type="application/json")
    assert response.status_code == 200
    assert {a["answer"] for a in response.json()["answers"]} == {"no"}
    assert response.json()["history"][0]["kind"] == "withdrawal"


def test_a_stale_put_is_409(cast: Cast, casting: Casting, login: Callable[[User], Client]) -> None:
    client = login(cast.performer)
    member = cast.members["performer"].pk
    body = {"answers": answers((nudity(), "no")), "version": 0}
    assert (
        client.put(_url(casting, member), body, content_type="application/json").status_code == 200
    )
    stale = client.put(_url(casting, member), body, content_type="application/json")
    assert stale.status_code == 409

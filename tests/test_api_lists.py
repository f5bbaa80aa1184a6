"""Lists never contain what the matching detail endpoint would refuse, for every person."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from closedset.accounts.models import User
from closedset.productions import services
from tests.conftest import Cast


@pytest.mark.django_db
def test_every_listed_production_and_member_opens_for_every_person(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    services.invitation_create(
        actor=cast.producer, access=cast.access("producer"), email="new@example.test", role="crew"
    )
    checked = 0
    for key, user in cast.users.items():
        client = login(user)
        productions = client.get("/api/v1/productions").json()["items"]
        if key == "outsider":
            assert productions == []
        for production in productions:
            assert client.get(f"/api/v1/productions/{production['id']}").status_code == 200
            members = client.get(f"/api/v1/productions/{production['id']}/members").json()
            for member in members["items"]:
                detail = client.get(
                    f"/api/v1/productions/{production['id']}/members/{member['id']}"
                )
                assert detail.status_code == 200, (key, member)
                assert detail.json() == member
                checked += 1
            invitations = client.get(f"/api/v1/productions/{production['id']}/invitations")
            if invitations.status_code == 200:
                for invitation in invitations.json()["items"]:
                    assert invitation["email"] == "new@example.test"
            else:
                assert invitations.status_code == 403
        client.logout()
    assert checked > 20


@pytest.mark.django_db
def test_a_member_of_one_production_cannot_open_another_productions_members(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    other_id = cast.other_production.pk
    client = login(cast.coordinator)
    assert client.get(f"/api/v1/productions/{other_id}").status_code == 404
    assert client.get(f"/api/v1/productions/{other_id}/members").status_code == 404
    member = cast.members["performer"]
    url = f"/api/v1/productions/{other_id}/members/{member.pk}"
    assert client.get(url).status_code == 404

"""The productions API: productions, members and invitations, for every kind of caller."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pytest_django import Settings
from tests.conftest import PASSWORD, Cast

from closedset.accounts.models import User
from closedset.core.models import AuditAction, AuditEvent
from closedset.core.permissions import Role
from closedset.productions import services
from closedset.productions.models import Invitation
from closedset.productions.policies import access_for

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]

EVERYONE_IN_A = (
    "coordinator",
    "performer",
    "partner",
    "director",
    "producer",
    "ad",
    "crew",
    "safety",
)
CONTACT_READERS = {"coordinator", "producer", "ad", "safety"}
INVITERS = ("coordinator", "producer")
NOT_INVITERS = ("performer", "director", "ad", "crew", "safety")
NOT_FOUND = {"detail": "Not found."}
FORBIDDEN = "Your role in this production does not allow this."
MALFORMED_IDS = ("123", "not-a-uuid", "00000000-0000-0000-0000-00000000000g")


def _production(cast: Cast, production: Any = None) -> str:
    return f"/api/v1/productions/{(production or cast.production).pk}"


def _invite(cast: Cast, email: str = "newcomer@example.test") -> services.IssuedInvitation:
    return services.invitation_create(
        actor=cast.coordinator, access=cast.access("coordinator"), email=email, role=Role.CREW
    )


def _assert_not_500(response: Any) -> None:
    assert response.status_code != 500, response.content
    assert response.status_code in {404, 422}, response.content
    assert "detail" in response.json()


# --- GET /productions ----------------------------------------------------------------------


def test_a_member_lists_only_their_own_productions_with_their_roles(
    login: Login, cast: Cast
) -> None:
    response = login(cast.coordinator).get("/api/v1/productions")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item == {
        "id": str(cast.production.pk),
        "title": "Production A",
        "company": "",
        "policy_pack": "sag_aftra",
        "notice_hours": 48,
        "time_zone": "Europe/London",
        "roles": ["coordinator"],
    }


def test_the_producer_next_door_lists_only_their_production(login: Login, cast: Cast) -> None:
    body = login(cast.other_producer).get("/api/v1/productions").json()
    assert [p["title"] for p in body["items"]] == ["Production B"]


def test_a_person_in_no_production_lists_none(login: Login, cast: Cast) -> None:
    assert login(cast.outsider).get("/api/v1/productions").json() == {"items": [], "count": 0}


def test_the_production_list_is_paginated(login: Login, cast: Cast) -> None:
    services.production_create(actor=cast.producer, title="Another Show")
    client = login(cast.producer)
    page = client.get("/api/v1/productions?limit=1&offset=1").json()
    assert page["count"] == 2
    assert [p["title"] for p in page["items"]] == ["Production A"]


def test_listing_productions_anonymously_gets_401(cast: Cast) -> None:
    response = Client().get("/api/v1/productions")
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_production_list_cannot_be_written(login: Login, cast: Cast, method: str) -> None:
    response = getattr(login(cast.producer), method)(
        "/api/v1/productions", {}, content_type="application/json"
    )
    assert response.status_code == 405


# --- GET /productions/{id} -----------------------------------------------------------------


def test_a_member_opens_their_production_with_their_roles_and_permissions(
    login: Login, cast: Cast
) -> None:
    response = login(cast.director).get(_production(cast))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(cast.production.pk)
    assert body["roles"] == ["director"]
    assert "brief.view" in body["permissions"]
    assert "production.invite" not in body["permissions"]
    assert body["permissions"] == sorted(body["permissions"])


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_a_production_you_do_not_belong_to_is_404(login: Login, cast: Cast, key: str) -> None:
    response = login(cast.users[key]).get(_production(cast))
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_an_unknown_production_is_404_just_like_someone_elses(login: Login, cast: Cast) -> None:
    response = login(cast.producer).get(f"/api/v1/productions/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("bad_id", MALFORMED_IDS)
def test_a_malformed_production_id_is_refused_without_a_server_error(
    login: Login, cast: Cast, bad_id: str
) -> None:
    _assert_not_500(login(cast.producer).get(f"/api/v1/productions/{bad_id}"))


def test_opening_a_production_anonymously_gets_401(cast: Cast) -> None:
    response = Client().get(_production(cast))
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_production_cannot_be_written_through_this_path(
    login: Login, cast: Cast, method: str
) -> None:
    response = getattr(login(cast.producer), method)(
        _production(cast), {}, content_type="application/json"
    )
    assert response.status_code == 405


# --- members -------------------------------------------------------------------------------


def _emails_by_name(response: Any) -> dict[str, str | None]:
    assert response.status_code == 200, response.content
    return {m["name"]: m["email"] for m in response.json()["items"]}


def test_a_member_lists_everyone_in_the_production_with_their_roles(
    login: Login, cast: Cast
) -> None:
    response = login(cast.crew).get(_production(cast) + "/members")
    body = response.json()
    assert body["count"] == 8
    by_name = {m["name"]: m for m in body["items"]}
    assert by_name["Pat Producer"]["roles"] == ["producer"]
    assert by_name["Crew"]["department"] == "Camera"
    assert by_name["Ad"]["roles"] == ["assistant_director"]
    assert "Olive Other" not in by_name


@pytest.mark.parametrize("viewer", EVERYONE_IN_A)
def test_member_emails_only_for_roles_that_need_contact_details_and_for_yourself(
    login: Login, cast: Cast, viewer: str
) -> None:
    emails = _emails_by_name(login(cast.users[viewer]).get(_production(cast) + "/members"))
    own_name = cast.users[viewer].name
    for name, email in emails.items():
        if viewer in CONTACT_READERS or name == own_name:
            assert email is not None and email.endswith("@example.test"), (viewer, name)
        else:
            assert email is None, (viewer, name)
    assert emails[own_name] == cast.users[viewer].email


@pytest.mark.parametrize("viewer", ["director", "performer", "crew"])
def test_roles_without_contact_needs_see_null_for_others(
    login: Login, cast: Cast, viewer: str
) -> None:
    emails = _emails_by_name(login(cast.users[viewer]).get(_production(cast) + "/members"))
    others = [email for name, email in emails.items() if name != cast.users[viewer].name]
    assert others
    assert set(others) == {None}


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_the_members_of_a_production_you_do_not_belong_to_are_404(
    login: Login, cast: Cast, key: str
) -> None:
    response = login(cast.users[key]).get(_production(cast) + "/members")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_members_of_an_unknown_production_are_404(login: Login, cast: Cast) -> None:
    response = login(cast.producer).get(f"/api/v1/productions/{uuid.uuid4()}/members")
    assert response.status_code == 404


@pytest.mark.parametrize("bad_id", MALFORMED_IDS)
def test_members_of_a_malformed_production_id_are_refused_without_a_server_error(
    login: Login, cast: Cast, bad_id: str
) -> None:
    _assert_not_500(login(cast.producer).get(f"/api/v1/productions/{bad_id}/members"))


def test_listing_members_anonymously_gets_401(cast: Cast) -> None:
    assert Client().get(_production(cast) + "/members").status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_member_list_cannot_be_written(login: Login, cast: Cast, method: str) -> None:
    response = getattr(login(cast.producer), method)(
        _production(cast) + "/members", {}, content_type="application/json"
    )
    assert response.status_code == 405


def test_a_member_opens_one_member(login: Login, cast: Cast) -> None:
    member = cast.members["performer"]
    response = login(cast.coordinator).get(_production(cast) + f"/members/{member.pk}")
    assert response.status_code == 200
    assert response.json() == {
        "id": str(member.pk),
        "name": "Performer",
        "roles": ["performer"],
        "department": "",
        "email": "performer@example.test",
    }


@pytest.mark.parametrize("viewer", EVERYONE_IN_A)
def test_one_members_email_follows_the_same_rule(login: Login, cast: Cast, viewer: str) -> None:
    target = "partner" if viewer != "partner" else "performer"
    client = login(cast.users[viewer])
    other = client.get(_production(cast) + f"/members/{cast.members[target].pk}").json()
    own = client.get(_production(cast) + f"/members/{cast.members[viewer].pk}").json()
    assert (other["email"] is not None) is (viewer in CONTACT_READERS)
    assert own["email"] == cast.users[viewer].email


def test_a_member_of_another_production_is_404_even_through_your_own_production(
    login: Login, cast: Cast
) -> None:
    other = access_for(cast.other_producer, cast.other_production)
    assert other is not None
    response = login(cast.producer).get(_production(cast) + f"/members/{other.membership.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_a_member_of_a_production_you_do_not_belong_to_is_404(
    login: Login, cast: Cast, key: str
) -> None:
    member = cast.members["performer"]
    response = login(cast.users[key]).get(_production(cast) + f"/members/{member.pk}")
    assert response.status_code == 404


def test_an_unknown_member_is_404(login: Login, cast: Cast) -> None:
    response = login(cast.producer).get(_production(cast) + f"/members/{uuid.uuid4()}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("bad_id", MALFORMED_IDS)
def test_a_malformed_member_id_is_refused_without_a_server_error(
    login: Login, cast: Cast, bad_id: str
) -> None:
    _assert_not_500(login(cast.producer).get(_production(cast) + f"/members/{bad_id}"))


def test_opening_a_member_anonymously_gets_401(cast: Cast) -> None:
    member = cast.members["performer"]
    assert Client().get(_production(cast) + f"/members/{member.pk}").status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_member_cannot_be_written_through_this_path(
    login: Login, cast: Cast, method: str
) -> None:
    member = cast.members["performer"]
    response = getattr(login(cast.producer), method)(
        _production(cast) + f"/members/{member.pk}", {}, content_type="application/json"
    )
    assert response.status_code == 405


# --- GET /productions/{id}/invitations -----------------------------------------------------


@pytest.mark.parametrize("key", INVITERS)
def test_an_inviter_lists_the_open_invitations(login: Login, cast: Cast, key: str) -> None:
    issued = _invite(cast)
    response = login(cast.users[key]).get(_production(cast) + "/invitations")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["id"] == str(issued.invitation.pk)
    assert item["email"] == "newcomer@example.test"
    assert item["role"] == "crew"
    assert "link" not in item
    assert issued.secret not in response.content.decode()


@pytest.mark.parametrize("key", NOT_INVITERS)
def test_a_role_that_may_not_invite_is_403_on_the_invitation_list(
    login: Login, cast: Cast, key: str
) -> None:
    _invite(cast)
    response = login(cast.users[key]).get(_production(cast) + "/invitations")
    assert response.status_code == 403
    assert response.json() == {"detail": FORBIDDEN}


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_the_invitations_of_a_production_you_do_not_belong_to_are_404(
    login: Login, cast: Cast, key: str
) -> None:
    _invite(cast)
    response = login(cast.users[key]).get(_production(cast) + "/invitations")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_invitations_of_an_unknown_production_are_404(login: Login, cast: Cast) -> None:
    response = login(cast.producer).get(f"/api/v1/productions/{uuid.uuid4()}/invitations")
    assert response.status_code == 404


@pytest.mark.parametrize("bad_id", MALFORMED_IDS)
def test_invitations_of_a_malformed_production_id_are_refused_without_a_server_error(
    login: Login, cast: Cast, bad_id: str
) -> None:
    _assert_not_500(login(cast.producer).get(f"/api/v1/productions/{bad_id}/invitations"))


def test_listing_invitations_anonymously_gets_401(cast: Cast) -> None:
    assert Client().get(_production(cast) + "/invitations").status_code == 401


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_invitation_list_cannot_be_replaced_or_deleted(
    login: Login, cast: Cast, method: str
) -> None:
    response = getattr(login(cast.producer), method)(
        _production(cast) + "/invitations", {}, content_type="application/json"
    )
    assert response.status_code == 405


# --- POST /productions/{id}/invitations ----------------------------------------------------


def _post_invitation(client: Client, cast: Cast, **payload: Any) -> Any:
    body = {"email": "newcomer@example.test", "role": "performer", **payload}
    return client.post(_production(cast) + "/invitations", body, content_type="application/json")


@pytest.mark.parametrize("key", INVITERS)
def test_an_inviter_creates_an_invitation_and_gets_the_link_once(
    login: Login, cast: Cast, key: str
) -> None:
    response = _post_invitation(
        login(cast.users[key]), cast, name="Nia", department="Stunts", email="Nia@Example.test"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "nia@example.test"
    assert body["role"] == "performer"
    assert body["name"] == "Nia"
    assert body["department"] == "Stunts"
    invitation = Invitation.objects.get(pk=body["id"])
    assert invitation.invited_by == cast.users[key]
    secret = body["link"].rstrip("/").rsplit("/", 1)[-1]
    membership = services.invitation_accept(secret=secret, name="Nia", password=PASSWORD)
    assert membership.production == cast.production


@pytest.mark.parametrize("key", NOT_INVITERS)
def test_a_role_that_may_not_invite_is_403_and_nothing_is_stored(
    login: Login, cast: Cast, key: str
) -> None:
    response = _post_invitation(login(cast.users[key]), cast)
    assert response.status_code == 403
    assert response.json() == {"detail": FORBIDDEN}
    assert not Invitation.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.INVITATION_CREATED).exists()


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_inviting_into_a_production_you_do_not_belong_to_is_404(
    login: Login, cast: Cast, key: str
) -> None:
    response = _post_invitation(login(cast.users[key]), cast)
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_into_an_unknown_production_is_404(login: Login, cast: Cast) -> None:
    response = login(cast.producer).post(
        f"/api/v1/productions/{uuid.uuid4()}/invitations",
        {"email": "x@example.test", "role": "crew"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_inviting_anonymously_gets_401(cast: Cast) -> None:
    response = _post_invitation(Client(), cast)
    assert response.status_code == 401
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"role": "boss"},
        {"role": ""},
        {"email": None},
        {"name": "n" * 151},
        {"department": "d" * 101},
        {"email": "e" * 250 + "@example.test"},
    ],
)
def test_an_invitation_with_invalid_fields_is_422_and_nothing_is_stored(
    login: Login, cast: Cast, payload: dict[str, Any]
) -> None:
    response = _post_invitation(login(cast.coordinator), cast, **payload)
    assert response.status_code == 422, response.content
    assert isinstance(response.json()["detail"], list)
    assert not Invitation.objects.exists()


def test_an_invitation_that_is_not_json_is_400(login: Login, cast: Cast) -> None:
    response = login(cast.coordinator).post(
        _production(cast) + "/invitations", "not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}
    assert not Invitation.objects.exists()


def test_an_invitation_without_a_body_is_422(login: Login, cast: Cast) -> None:
    response = login(cast.coordinator).post(
        _production(cast) + "/invitations", "", content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Field required"
    assert not Invitation.objects.exists()


def test_an_invitation_to_something_that_is_not_an_email_is_400_naming_the_field(
    login: Login, cast: Cast
) -> None:
    response = _post_invitation(login(cast.coordinator), cast, email="not an email")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "email"
    assert "valid email" in body["detail"]
    assert not Invitation.objects.exists()


def test_inviting_a_member_into_a_role_they_hold_is_409(login: Login, cast: Cast) -> None:
    response = _post_invitation(
        login(cast.coordinator), cast, email="performer@example.test", role="performer"
    )
    assert response.status_code == 409
    assert "already a member in that role" in response.json()["detail"]
    assert not Invitation.objects.exists()


def test_an_oversized_api_request_is_413_and_nothing_is_stored(
    login: Login, cast: Cast, settings: Settings
) -> None:
    settings.CLOSEDSET_MAX_REQUEST_BYTES = 1024
    response = _post_invitation(login(cast.coordinator), cast, name="x" * 2000)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert not Invitation.objects.exists()


# --- DELETE /invitations/{id} --------------------------------------------------------------


@pytest.mark.parametrize("key", INVITERS)
def test_an_inviter_withdraws_an_invitation(login: Login, cast: Cast, key: str) -> None:
    issued = _invite(cast)
    response = login(cast.users[key]).delete(f"/api/v1/invitations/{issued.invitation.pk}")
    assert response.status_code == 204
    assert Invitation.objects.get(pk=issued.invitation.pk).revoked_at is not None


@pytest.mark.parametrize("key", [*NOT_INVITERS, "other_producer", "outsider"])
def test_anyone_who_may_not_invite_cannot_see_an_invitation_to_withdraw_it(
    login: Login, cast: Cast, key: str
) -> None:
    issued = _invite(cast)
    response = login(cast.users[key]).delete(f"/api/v1/invitations/{issued.invitation.pk}")
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    assert Invitation.objects.get(pk=issued.invitation.pk).revoked_at is None


def test_withdrawing_an_unknown_invitation_is_404(login: Login, cast: Cast) -> None:
    response = login(cast.coordinator).delete(f"/api/v1/invitations/{uuid.uuid4()}")
    assert response.status_code == 404


@pytest.mark.parametrize("bad_id", MALFORMED_IDS)
def test_withdrawing_a_malformed_invitation_id_is_refused_without_a_server_error(
    login: Login, cast: Cast, bad_id: str
) -> None:
    _assert_not_500(login(cast.coordinator).delete(f"/api/v1/invitations/{bad_id}"))


def test_withdrawing_anonymously_gets_401(cast: Cast) -> None:
    issued = _invite(cast)
    assert Client().delete(f"/api/v1/invitations/{issued.invitation.pk}").status_code == 401
    assert Invitation.objects.get(pk=issued.invitation.pk).revoked_at is None


def test_withdrawing_an_accepted_invitation_is_409(login: Login, cast: Cast) -> None:
    issued = _invite(cast)
    services.invitation_accept(secret=issued.secret, name="Nia", password=PASSWORD)
    response = login(cast.coordinator).delete(f"/api/v1/invitations/{issued.invitation.pk}")
    assert response.status_code == 409
    assert "already accepted" in response.json()["detail"]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch"])
def test_an_invitation_can_only_be_deleted_through_this_path(
    login: Login, cast: Cast, method: str
) -> None:
    issued = _invite(cast)
    response = getattr(login(cast.coordinator), method)(
        f"/api/v1/invitations/{issued.invitation.pk}", {}, content_type="application/json"
    )
    assert response.status_code == 405
    assert Invitation.objects.get(pk=issued.invitation.pk).revoked_at is None

"""Who may see and do what in a production: "not found" outside, "forbidden" inside."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from tests.conftest import Cast

from closedset.core.errors import Forbidden, NotFound
from closedset.core.permissions import Perm, Role
from closedset.productions import services
from closedset.productions.policies import (
    access_for,
    can_view_contacts,
    can_view_private_member_data,
    get_invitation_for_actor,
    get_member_for_actor,
    get_production_for_actor,
    productions_for,
)

pytestmark = pytest.mark.django_db

EVERYONE_IN_A = ("coordinator", "performer", "partner", "director", "producer", "ad", "crew")
INVITERS = {"coordinator", "producer"}
CONTACT_READERS = {"coordinator", "producer", "ad", "safety"}
PRIVATE_READERS = {"coordinator"}


# --- productions ---------------------------------------------------------------------------


def test_a_person_sees_only_the_productions_they_belong_to(cast: Cast) -> None:
    assert list(productions_for(cast.performer)) == [cast.production]
    assert list(productions_for(cast.other_producer)) == [cast.other_production]
    assert list(productions_for(cast.outsider)) == []


def test_nobody_anonymous_sees_any_production(cast: Cast) -> None:
    assert list(productions_for(AnonymousUser())) == []
    assert access_for(AnonymousUser(), cast.production) is None


def test_a_person_with_two_roles_has_the_permissions_of_both(cast: Cast) -> None:
    producer_access = cast.access("producer")
    services.member_add(
        actor=cast.producer,
        access=producer_access,
        user=cast.crew,
        roles=[Role.PERFORMER],
    )
    access = cast.access("crew")
    assert access.roles == {Role.CREW, Role.PERFORMER}
    assert access.has(Perm.CONSENT_EDIT_OWN)
    assert list(productions_for(cast.crew)) == [cast.production]


@pytest.mark.parametrize("key", [*EVERYONE_IN_A, "safety"])
def test_every_member_can_open_their_production(cast: Cast, key: str) -> None:
    access = get_production_for_actor(cast.users[key], cast.production.pk)
    assert access.production == cast.production
    assert access.membership == cast.members[key]


def test_a_production_can_be_looked_up_by_the_text_of_its_id(cast: Cast) -> None:
    access = get_production_for_actor(cast.performer, str(cast.production.pk))
    assert access.production == cast.production


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_a_production_you_do_not_belong_to_is_not_found(cast: Cast, key: str) -> None:
    with pytest.raises(NotFound):
        get_production_for_actor(cast.users[key], cast.production.pk)


def test_an_anonymous_person_finds_no_production(cast: Cast) -> None:
    with pytest.raises(NotFound):
        get_production_for_actor(AnonymousUser(), cast.production.pk)


@pytest.mark.parametrize("bad_id", [uuid.uuid4(), "not-a-uuid", "", None, 12, "1" * 500])
def test_an_unknown_or_malformed_production_id_is_not_found(cast: Cast, bad_id: object) -> None:
    with pytest.raises(NotFound):
        get_production_for_actor(cast.producer, bad_id)


@pytest.mark.parametrize("key", EVERYONE_IN_A)
def test_only_coordinators_and_producers_may_invite(cast: Cast, key: str) -> None:
    if key in INVITERS:
        access = get_production_for_actor(
            cast.users[key], cast.production.pk, need=Perm.MEMBERS_INVITE
        )
        assert access.has(Perm.MEMBERS_INVITE)
    else:
        with pytest.raises(Forbidden, match="does not allow this"):
            get_production_for_actor(cast.users[key], cast.production.pk, need=Perm.MEMBERS_INVITE)


def test_a_member_of_another_production_is_not_told_they_lack_a_permission(cast: Cast) -> None:
    with pytest.raises(NotFound):
        get_production_for_actor(cast.other_producer, cast.production.pk, need=Perm.AUDIT_VIEW)


# --- members -------------------------------------------------------------------------------


def test_a_member_can_look_up_another_member_of_their_production(cast: Cast) -> None:
    access, member = get_member_for_actor(cast.crew, cast.members["performer"].pk)
    assert member == cast.members["performer"]
    assert access.membership == cast.members["crew"]


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_a_member_of_a_production_you_do_not_belong_to_is_not_found(cast: Cast, key: str) -> None:
    with pytest.raises(NotFound):
        get_member_for_actor(cast.users[key], cast.members["performer"].pk)


@pytest.mark.parametrize("bad_id", [uuid.uuid4(), "nope", None])
def test_an_unknown_member_is_not_found(cast: Cast, bad_id: object) -> None:
    with pytest.raises(NotFound):
        get_member_for_actor(cast.producer, bad_id)


def test_looking_up_a_member_for_an_action_the_role_lacks_is_forbidden(cast: Cast) -> None:
    with pytest.raises(Forbidden):
        get_member_for_actor(cast.crew, cast.members["performer"].pk, need=Perm.MEMBERS_MANAGE)
    access, _ = get_member_for_actor(
        cast.producer, cast.members["performer"].pk, need=Perm.MEMBERS_MANAGE
    )
    assert access.has(Perm.MEMBERS_MANAGE)


@pytest.mark.parametrize("key", [*EVERYONE_IN_A, "safety"])
def test_contact_details_of_others_only_for_roles_that_need_them(cast: Cast, key: str) -> None:
    access = cast.access(key)
    other = cast.members["partner" if key != "partner" else "performer"]
    assert can_view_contacts(access, other) is (key in CONTACT_READERS)


@pytest.mark.parametrize("key", [*EVERYONE_IN_A, "safety"])
def test_everyone_may_see_their_own_contact_details(cast: Cast, key: str) -> None:
    assert can_view_contacts(cast.access(key), cast.members[key])


@pytest.mark.parametrize("key", [*EVERYONE_IN_A, "safety"])
def test_a_performers_private_data_is_for_them_and_the_coordinator_only(
    cast: Cast, key: str
) -> None:
    allowed = key in PRIVATE_READERS or key == "performer"
    assert can_view_private_member_data(cast.access(key), cast.members["performer"]) is allowed


# --- invitations ---------------------------------------------------------------------------


def _invitation(cast: Cast) -> uuid.UUID:
    issued = services.invitation_create(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        email="newcomer@example.test",
        role=Role.CREW,
    )
    return issued.invitation.pk


@pytest.mark.parametrize("key", sorted(INVITERS))
def test_an_inviter_can_fetch_an_invitation_of_their_production(cast: Cast, key: str) -> None:
    invitation_id = _invitation(cast)
    access, invitation = get_invitation_for_actor(cast.users[key], invitation_id)
    assert invitation.pk == invitation_id
    assert access.production == cast.production


@pytest.mark.parametrize(
    "key", ["performer", "director", "ad", "crew", "safety", "other_producer", "outsider"]
)
def test_anyone_who_may_not_invite_does_not_find_invitations(cast: Cast, key: str) -> None:
    invitation_id = _invitation(cast)
    with pytest.raises(NotFound):
        get_invitation_for_actor(cast.users[key], invitation_id)


@pytest.mark.parametrize("bad_id", [uuid.uuid4(), "garbage", None])
def test_an_unknown_invitation_is_not_found(cast: Cast, bad_id: object) -> None:
    with pytest.raises(NotFound):
        get_invitation_for_actor(cast.producer, bad_id)

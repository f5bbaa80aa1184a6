"""Writes for productions, members and invitations: checked, audited, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings
from tests.conftest import PASSWORD, Cast

from closedset.accounts.models import User
from closedset.accounts.services import user_create
from closedset.core import crypto
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction, AuditEvent, DataKey
from closedset.core.permissions import Role
from closedset.productions import selectors, services
from closedset.productions.models import Invitation, MemberRole, Membership, Production
from closedset.productions.policies import access_for

pytestmark = pytest.mark.django_db

ROWS = (User, Production, DataKey, Membership, MemberRole, Invitation, AuditEvent)


def _counts() -> dict[str, Any]:
    """Every table a service here may touch, and the state of every invitation."""
    counts: dict[str, Any] = {model.__name__: model.objects.count() for model in ROWS}
    counts["invitations"] = sorted(
        Invitation.objects.values_list("id", "accepted_at", "accepted_by", "revoked_at")
    )
    counts["roles"] = sorted(MemberRole.objects.values_list("membership_id", "role"))
    return counts


def _events(action: AuditAction, **filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, **filters))


def _refused(call: Callable[[], object], error: type[ServiceError], match: str) -> ServiceError:
    """Run ``call``, expect ``error`` with ``match`` in its message, and nothing changed."""
    before = _counts()
    with pytest.raises(error, match=match) as caught:
        call()
    assert _counts() == before
    return caught.value


def _invite(
    cast: Cast, email: str = "newcomer@example.test", role: str = Role.PERFORMER, **kwargs: Any
) -> services.IssuedInvitation:
    return services.invitation_create(
        actor=cast.coordinator, access=cast.access("coordinator"), email=email, role=role, **kwargs
    )


# --- productions ---------------------------------------------------------------------------


def test_creating_a_production_makes_its_data_key_and_the_creator_its_producer() -> None:
    creator = user_create(actor=None, email="pat@example.test", name="Pat", password=PASSWORD)
    production = services.production_create(
        actor=creator, title="  The Long Night ", company=" Nightjar Films ", time_zone="Asia/Tokyo"
    )
    production.refresh_from_db()
    assert production.title == "The Long Night"
    assert production.company == "Nightjar Films"
    assert production.time_zone == "Asia/Tokyo"
    assert production.notice_hours == 48
    data_key = DataKey.objects.get(production=production)
    assert data_key.destroyed_at is None
    assert bytes(data_key.wrapped)
    access = access_for(creator, production)
    assert access is not None
    assert access.roles == {Role.PRODUCER}
    created = _events(AuditAction.PRODUCTION_CREATED, production=production)
    added = _events(AuditAction.MEMBER_ADDED, production=production)
    assert [e.actor_id for e in created] == [creator.pk]
    assert [e.object_id for e in added] == [str(access.membership.pk)]
    assert "producer" in added[0].summary
    assert created[0].seq < added[0].seq


def test_a_coordinator_can_start_a_production_as_its_coordinator() -> None:
    creator = user_create(actor=None, email="ic@example.test", name="Ivy", password=PASSWORD)
    production = services.production_create(
        actor=creator, title="Tide", creator_roles=[Role.COORDINATOR]
    )
    access = access_for(creator, production)
    assert access is not None
    assert access.roles == {Role.COORDINATOR}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "cannot be blank"),
        ({"title": "x" * 201}, "title", "at most 200"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "not a time zone name"),
        ({"notice_hours": 24 * 15}, "notice_hours", "less than or equal to 336"),
        ({"creator_roles": []}, "role", "Choose at least one role."),
        ({"creator_roles": ["boss"]}, "role", "'boss' is not a role."),
    ],
)
def test_a_production_with_bad_details_is_refused_and_nothing_is_created(
    cast: Cast, changes: dict[str, Any], field: str, message: str
) -> None:
    arguments: dict[str, Any] = {"actor": cast.outsider, "title": "New Show", **changes}
    error = _refused(lambda: services.production_create(**arguments), ServiceError, message)
    assert error.field == field


def test_a_producer_can_change_the_productions_settings(cast: Cast) -> None:
    services.production_update(
        actor=cast.producer, access=cast.access("producer"), title=" Renamed ", notice_hours=72
    )
    cast.production.refresh_from_db()
    assert cast.production.title == "Renamed"
    assert cast.production.notice_hours == 72
    (event,) = _events(AuditAction.PRODUCTION_UPDATED, production=cast.production)
    assert event.summary == "changed notice_hours, title"


@pytest.mark.parametrize("key", ["coordinator", "director", "performer", "crew"])
def test_only_a_producer_can_change_the_productions_settings(cast: Cast, key: str) -> None:
    _refused(
        lambda: services.production_update(
            actor=cast.users[key], access=cast.access(key), title="Mine now"
        ),
        Forbidden,
        "does not allow this",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"owner": "me"}, "Unknown setting: owner."),
        ({"time_zone": "Nowhere/Special"}, "not a time zone name"),
        ({"policy_pack": "anything_goes"}, "not a valid choice"),
    ],
)
def test_a_bad_settings_change_is_refused_and_nothing_changes(
    cast: Cast, changes: dict[str, Any], message: str
) -> None:
    _refused(
        lambda: services.production_update(
            actor=cast.producer, access=cast.access("producer"), **changes
        ),
        ServiceError,
        message,
    )
    cast.production.refresh_from_db()
    assert cast.production.time_zone == "Europe/London"


def test_shredding_a_production_makes_its_sealed_data_unreadable(cast: Cast) -> None:
    performer = cast.members["performer"]
    services.member_set_date_of_birth(
        actor=cast.performer,
        access=cast.access("performer"),
        member=performer,
        date_of_birth=date(1990, 5, 17),
    )
    services.production_shred(actor=cast.producer, access=cast.access("producer"))
    cast.production.refresh_from_db()
    assert cast.production.shredded_at is not None
    assert DataKey.objects.get(production=cast.production).destroyed_at is not None
    assert _events(AuditAction.PRODUCTION_SHREDDED, production=cast.production)
    with pytest.raises(crypto.KeyDestroyed):
        selectors.member_date_of_birth(
            access=cast.access("performer"), member=Membership.objects.get(pk=performer.pk)
        )


def test_only_a_producer_can_shred_a_production(cast: Cast) -> None:
    _refused(
        lambda: services.production_shred(
            actor=cast.coordinator, access=cast.access("coordinator")
        ),
        Forbidden,
        "does not allow this",
    )


# --- members -------------------------------------------------------------------------------


def test_a_producer_adds_a_person_in_a_role_with_a_department(cast: Cast) -> None:
    membership = services.member_add(
        actor=cast.producer,
        access=cast.access("producer"),
        user=cast.outsider,
        roles=[Role.CREW],
        department=" Hair and make-up ",
    )
    assert membership.department == "Hair and make-up"
    assert cast.access("outsider").roles == {Role.CREW}
    assert _events(AuditAction.MEMBER_ADDED, object_id=str(membership.pk))


def test_adding_a_role_someone_already_holds_changes_nothing(cast: Cast) -> None:
    before = _counts()
    services.member_add(
        actor=cast.producer, access=cast.access("producer"), user=cast.crew, roles=[Role.CREW]
    )
    assert _counts() == before


def test_adding_another_role_keeps_one_membership(cast: Cast) -> None:
    membership = services.member_add(
        actor=cast.producer,
        access=cast.access("producer"),
        user=cast.crew,
        roles=[Role.PERFORMER],
        department="Stunts",
    )
    assert membership == cast.members["crew"]
    assert membership.department == "Stunts"
    assert Membership.objects.filter(user=cast.crew).count() == 1
    assert cast.access("crew").roles == {Role.CREW, Role.PERFORMER}


@pytest.mark.parametrize("key", ["coordinator", "director", "ad", "performer"])
def test_only_a_producer_adds_members_directly(cast: Cast, key: str) -> None:
    _refused(
        lambda: services.member_add(
            actor=cast.users[key], access=cast.access(key), user=cast.outsider, roles=[Role.CREW]
        ),
        Forbidden,
        "does not allow this",
    )


# --- date of birth (sealed, need to know) --------------------------------------------------


def _set_dob(cast: Cast, key: str, value: date | None, *, by: str | None = None) -> None:
    actor = by or key
    services.member_set_date_of_birth(
        actor=cast.users[actor],
        access=cast.access(actor),
        member=cast.members[key],
        date_of_birth=value,
    )


def _read_dob(cast: Cast, key: str, *, by: str) -> date | None:
    member = Membership.objects.get(pk=cast.members[key].pk)
    return selectors.member_date_of_birth(access=cast.access(by), member=member)


def test_a_date_of_birth_is_stored_sealed_and_its_writing_is_audited(cast: Cast) -> None:
    _set_dob(cast, "performer", date(2006, 2, 28))
    stored = Membership.objects.get(pk=cast.members["performer"].pk)
    assert isinstance(stored.date_of_birth, crypto.Sealed)
    assert "2006" not in stored.date_of_birth.token
    (event,) = _events(AuditAction.MEMBER_PRIVATE_WRITTEN)
    assert event.object_id == str(stored.pk)
    assert "2006" not in event.summary


def test_a_performer_reads_their_own_date_of_birth(cast: Cast) -> None:
    _set_dob(cast, "performer", date(2006, 2, 28))
    assert _read_dob(cast, "performer", by="performer") == date(2006, 2, 28)


def test_the_coordinator_reads_a_performers_date_of_birth_and_the_read_is_audited(
    cast: Cast,
) -> None:
    _set_dob(cast, "performer", date(2006, 2, 28))
    assert _read_dob(cast, "performer", by="coordinator") == date(2006, 2, 28)
    (event,) = _events(AuditAction.MEMBER_PRIVATE_READ)
    assert event.actor_id == cast.coordinator.pk
    assert event.production_id == cast.production.pk
    assert event.object_id == str(cast.members["performer"].pk)
    assert "2006" not in event.summary


def test_the_coordinator_can_record_a_performers_date_of_birth(cast: Cast) -> None:
    _set_dob(cast, "performer", date(2001, 1, 9), by="coordinator")
    assert _read_dob(cast, "performer", by="performer") == date(2001, 1, 9)


def test_a_date_of_birth_can_be_cleared(cast: Cast) -> None:
    _set_dob(cast, "performer", date(2001, 1, 9))
    _set_dob(cast, "performer", None)
    assert _read_dob(cast, "performer", by="performer") is None


@pytest.mark.parametrize("key", ["director", "producer", "ad", "crew", "safety", "partner"])
def test_director_and_others_cannot_read_a_performers_date_of_birth_and_no_read_is_recorded(
    cast: Cast, key: str
) -> None:
    _set_dob(cast, "performer", date(2006, 2, 28))
    with pytest.raises(NotFound):
        _read_dob(cast, "performer", by=key)
    assert _events(AuditAction.MEMBER_PRIVATE_READ) == []


@pytest.mark.parametrize("key", ["director", "producer", "crew", "partner"])
def test_others_cannot_record_a_performers_date_of_birth(cast: Cast, key: str) -> None:
    _refused(lambda: _set_dob(cast, "performer", date(2000, 1, 1), by=key), NotFound, "Not found")


def test_a_member_of_another_production_cannot_be_given_a_date_of_birth(cast: Cast) -> None:
    other = access_for(cast.other_producer, cast.other_production)
    assert other is not None
    _refused(
        lambda: services.member_set_date_of_birth(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            member=other.membership,
            date_of_birth=date(2000, 1, 1),
        ),
        NotFound,
        "Not found",
    )


def test_a_date_of_birth_in_the_future_is_refused(cast: Cast) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    error = _refused(
        lambda: _set_dob(cast, "performer", tomorrow), ServiceError, "cannot be in the future"
    )
    assert error.field == "date_of_birth"


# --- invitations: creating -----------------------------------------------------------------


def test_a_coordinator_invites_a_person_and_an_email_with_the_link_is_sent_after_commit(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        issued = _invite(cast, email=" New.Comer@Example.TEST ", name=" Nia ", department=" Grip ")
    invitation = Invitation.objects.get(pk=issued.invitation.pk)
    assert invitation.email == "new.comer@example.test"
    assert invitation.name == "Nia"
    assert invitation.department == "Grip"
    assert invitation.role == Role.PERFORMER
    assert invitation.invited_by == cast.coordinator
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert issued.secret not in invitation.digest
    assert issued.url.endswith(f"/invite/{issued.secret}/")
    (message,) = mail.outbox
    assert message.to == ["new.comer@example.test"]
    assert message.subject == "You are invited to Production A on Closed Set"
    assert issued.url in message.body
    assert "Coordinator invited you to join Production A" in message.body
    (event,) = _events(AuditAction.INVITATION_CREATED)
    assert event.object_id == str(invitation.pk)
    assert issued.secret not in event.summary


def test_no_email_is_sent_when_the_invitation_is_rolled_back(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(cast)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_producer_can_invite_too(cast: Cast) -> None:
    issued = services.invitation_create(
        actor=cast.producer,
        access=cast.access("producer"),
        email="grip@example.test",
        role=Role.CREW,
    )
    assert issued.invitation.production == cast.production


@pytest.mark.parametrize("key", ["performer", "director", "ad", "crew", "safety"])
def test_a_role_that_may_not_invite_is_refused_and_nothing_is_stored(cast: Cast, key: str) -> None:
    _refused(
        lambda: services.invitation_create(
            actor=cast.users[key], access=cast.access(key), email="x@example.test", role="crew"
        ),
        Forbidden,
        "does not allow this",
    )


@pytest.mark.parametrize(
    ("email", "role", "field", "message"),
    [
        ("not-an-email", Role.CREW, "email", "valid email"),
        ("", Role.CREW, "email", "cannot be blank"),
        ("someone@example.test", "boss", "role", "'boss' is not a role."),
    ],
)
def test_an_invitation_with_bad_details_is_refused_and_nothing_is_stored(
    cast: Cast, email: str, role: str, field: str, message: str
) -> None:
    error = _refused(lambda: _invite(cast, email=email, role=role), ServiceError, message)
    assert error.field == field


def test_inviting_a_member_into_a_role_they_hold_is_refused(cast: Cast) -> None:
    _refused(
        lambda: _invite(cast, email="PERFORMER@example.test", role=Role.PERFORMER),
        Conflict,
        "performer@example.test is already a member in that role.",
    )


def test_a_member_can_be_invited_into_another_role(cast: Cast) -> None:
    issued = _invite(cast, email="crew@example.test", role=Role.PERFORMER)
    assert issued.invitation.role == Role.PERFORMER


# --- invitations: accepting ----------------------------------------------------------------


def test_a_new_person_accepts_with_a_new_account_and_joins_in_the_invited_role(
    cast: Cast,
) -> None:
    issued = _invite(cast, name="Nia", department="Stunts")
    membership = services.invitation_accept(
        secret=issued.secret, name="Nia Newcomer", password=PASSWORD
    )
    user = User.objects.get(email="newcomer@example.test")
    assert membership.user == user
    assert user.name == "Nia Newcomer"
    assert user.check_password(PASSWORD)
    assert membership.department == "Stunts"
    access = access_for(user, cast.production)
    assert access is not None
    assert access.roles == {Role.PERFORMER}
    invitation = Invitation.objects.get(pk=issued.invitation.pk)
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    actions = set(AuditEvent.objects.filter(actor=user).values_list("action", flat=True).distinct())
    assert actions == {
        AuditAction.USER_CREATED,
        AuditAction.MEMBER_ADDED,
        AuditAction.INVITATION_ACCEPTED,
    }


def test_a_new_account_takes_the_name_on_the_invitation_when_none_is_given(cast: Cast) -> None:
    issued = _invite(cast, name="Nia From Invite")
    membership = services.invitation_accept(secret=issued.secret, password=PASSWORD)
    assert membership.user.name == "Nia From Invite"


def test_an_existing_account_accepts_while_logged_in(cast: Cast) -> None:
    issued = _invite(cast, email="outsider@example.test", role=Role.CREW)
    membership = services.invitation_accept(secret=issued.secret, user=cast.outsider)
    assert membership.user == cast.outsider
    assert cast.access("outsider").roles == {Role.CREW}
    assert User.objects.filter(email="outsider@example.test").count() == 1


def test_a_member_accepting_a_second_role_keeps_one_membership(cast: Cast) -> None:
    issued = _invite(cast, email="crew@example.test", role=Role.PERFORMER)
    membership = services.invitation_accept(secret=issued.secret, user=cast.crew)
    assert membership == cast.members["crew"]
    assert cast.access("crew").roles == {Role.CREW, Role.PERFORMER}


def test_a_used_invitation_cannot_be_used_again(cast: Cast) -> None:
    issued = _invite(cast)
    services.invitation_accept(secret=issued.secret, name="Nia", password=PASSWORD)
    error = _refused(
        lambda: services.invitation_accept(secret=issued.secret, name="Eve", password=PASSWORD),
        services.InvitationUnusable,
        "This invitation was already used. Log in to continue.",
    )
    assert error.status == 410


def test_an_expired_invitation_is_refused(cast: Cast, settings: Settings) -> None:
    settings.CLOSEDSET_INVITATION_DAYS = 0
    issued = _invite(cast)
    error = _refused(
        lambda: services.invitation_accept(secret=issued.secret, name="Nia", password=PASSWORD),
        services.InvitationUnusable,
        "This invitation has expired. Ask the person who sent it for a new one.",
    )
    assert error.status == 410


def test_a_withdrawn_invitation_is_refused(cast: Cast) -> None:
    issued = _invite(cast)
    services.invitation_revoke(
        actor=cast.coordinator, access=cast.access("coordinator"), invitation=issued.invitation
    )
    error = _refused(
        lambda: services.invitation_accept(secret=issued.secret, name="Nia", password=PASSWORD),
        services.InvitationUnusable,
        "This invitation was withdrawn. Ask for a new one.",
    )
    assert error.status == 410


@pytest.mark.parametrize("secret", ["", "x" * 101, "made-up-secret"])
def test_an_unknown_invitation_link_is_not_found(cast: Cast, secret: str) -> None:
    _invite(cast)
    error = _refused(
        lambda: services.invitation_accept(secret=secret, name="Nia", password=PASSWORD),
        NotFound,
        "This invitation link is not valid. Check that you copied all of it.",
    )
    assert error.status == 404


def test_an_invitation_for_someone_else_is_refused_to_the_wrong_account(cast: Cast) -> None:
    issued = _invite(cast)
    _refused(
        lambda: services.invitation_accept(secret=issued.secret, user=cast.outsider),
        ServiceError,
        "This invitation is for newcomer@example.test. Log out and open the link again.",
    )


def test_a_new_account_cannot_be_made_for_an_email_that_already_has_one(cast: Cast) -> None:
    issued = _invite(cast, email="outsider@example.test")
    error = _refused(
        lambda: services.invitation_accept(secret=issued.secret, name="Fake", password=PASSWORD),
        Conflict,
        "An account for outsider@example.test exists. Log in, then open the link again.",
    )
    assert error.status == 409
    cast.outsider.refresh_from_db()
    assert cast.outsider.name == "Oscar Outsider"


@pytest.mark.parametrize(
    ("password", "message"),
    [("short", "too short"), ("password1234", "too common"), ("1234567890", "entirely numeric")],
)
def test_a_weak_password_refuses_the_whole_acceptance(
    cast: Cast, password: str, message: str
) -> None:
    issued = _invite(cast)
    error = _refused(
        lambda: services.invitation_accept(secret=issued.secret, name="Nia", password=password),
        ServiceError,
        message,
    )
    assert error.field == "password"
    again = services.invitation_accept(secret=issued.secret, name="Nia", password=PASSWORD)
    assert again.user.email == "newcomer@example.test"


def test_a_blank_name_refuses_the_whole_acceptance(cast: Cast) -> None:
    issued = _invite(cast)
    _refused(
        lambda: services.invitation_accept(secret=issued.secret, name="  ", password=PASSWORD),
        ServiceError,
        "A name is required.",
    )


# --- invitations: withdrawing --------------------------------------------------------------


def test_a_coordinator_withdraws_an_open_invitation(cast: Cast) -> None:
    issued = _invite(cast)
    services.invitation_revoke(
        actor=cast.coordinator, access=cast.access("coordinator"), invitation=issued.invitation
    )
    assert Invitation.objects.get(pk=issued.invitation.pk).revoked_at is not None
    assert selectors.invitation_list(access=cast.access("coordinator")) == []
    (event,) = _events(AuditAction.INVITATION_REVOKED)
    assert event.object_id == str(issued.invitation.pk)


def test_withdrawing_twice_records_one_event(cast: Cast) -> None:
    issued = _invite(cast)
    for _ in range(2):
        services.invitation_revoke(
            actor=cast.coordinator, access=cast.access("coordinator"), invitation=issued.invitation
        )
    assert len(_events(AuditAction.INVITATION_REVOKED)) == 1


def test_an_accepted_invitation_cannot_be_withdrawn(cast: Cast) -> None:
    issued = _invite(cast)
    services.invitation_accept(secret=issued.secret, name="Nia", password=PASSWORD)
    invitation = Invitation.objects.get(pk=issued.invitation.pk)
    _refused(
        lambda: services.invitation_revoke(
            actor=cast.coordinator, access=cast.access("coordinator"), invitation=invitation
        ),
        Conflict,
        "already accepted",
    )


def test_a_role_that_may_not_invite_cannot_withdraw(cast: Cast) -> None:
    issued = _invite(cast)
    _refused(
        lambda: services.invitation_revoke(
            actor=cast.director, access=cast.access("director"), invitation=issued.invitation
        ),
        Forbidden,
        "does not allow this",
    )


def test_the_open_invitations_list_leaves_out_used_and_withdrawn_ones(cast: Cast) -> None:
    used = _invite(cast, email="used@example.test")
    withdrawn = _invite(cast, email="withdrawn@example.test")
    open_one = _invite(cast, email="open@example.test")
    services.invitation_accept(secret=used.secret, name="Used", password=PASSWORD)
    services.invitation_revoke(
        actor=cast.coordinator, access=cast.access("coordinator"), invitation=withdrawn.invitation
    )
    listed = selectors.invitation_list(access=cast.access("producer"))
    assert [i.pk for i in listed] == [open_one.invitation.pk]


def test_the_open_invitations_list_leaves_out_expired_ones(cast: Cast, settings: Settings) -> None:
    settings.CLOSEDSET_INVITATION_DAYS = 0
    _invite(cast, email="expired@example.test")
    settings.CLOSEDSET_INVITATION_DAYS = 7
    open_one = _invite(cast, email="open@example.test")
    listed = selectors.invitation_list(access=cast.access("coordinator"))
    assert [i.pk for i in listed] == [open_one.invitation.pk]

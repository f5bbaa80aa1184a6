"""Production pages: the dashboard, a production, inviting, and accepting an invitation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from pytest_django import Settings
from tests.conftest import PASSWORD, Cast

from closedset.accounts.models import User
from closedset.core.models import AuditEvent
from closedset.core.permissions import Role
from closedset.productions import services
from closedset.productions.models import Invitation, MemberRole, Membership, Production

pytestmark = pytest.mark.django_db

Login = Callable[[User], Client]

NOT_YOURS = "There is nothing here, or it is not yours to see."
NOT_ALLOWED = "Your role in this production does not allow this."


def _text(response: Any) -> str:
    return str(response.content.decode())


def _detail(cast: Cast, production: Production | None = None) -> str:
    return f"/productions/{(production or cast.production).pk}/"


def _invite(
    cast: Cast, email: str = "newcomer@example.test", role: str = Role.PERFORMER, **kw: Any
) -> services.IssuedInvitation:
    return services.invitation_create(
        actor=cast.coordinator, access=cast.access("coordinator"), email=email, role=role, **kw
    )


def _counts() -> tuple[int, ...]:
    models = (User, Membership, MemberRole, Invitation, Production, AuditEvent)
    accepted = Invitation.objects.filter(accepted_at__isnull=False).count()
    return (*(model.objects.count() for model in models), accepted)


# --- the dashboard -------------------------------------------------------------------------


def test_the_dashboard_lists_only_your_productions_with_your_roles(
    login: Login, cast: Cast
) -> None:
    page = _text(login(cast.coordinator).get("/"))
    assert "Production A" in page
    assert "Production B" not in page
    assert "You are: Intimacy coordinator" in page
    assert _detail(cast) in page


def test_the_producer_next_door_sees_only_their_production(login: Login, cast: Cast) -> None:
    page = _text(login(cast.other_producer).get("/"))
    assert "Production B" in page
    assert "Production A" not in page


def test_a_person_in_no_production_sees_how_to_get_started(login: Login, cast: Cast) -> None:
    response = login(cast.outsider).get("/")
    assert response.status_code == 200
    page = _text(response)
    assert "No productions yet" in page
    assert "When someone invites you to a production, it appears here." in page
    assert "Start a production" in page
    assert "Production A" not in page


def test_the_dashboard_sends_an_anonymous_visitor_to_log_in(cast: Cast) -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


# --- starting a production -----------------------------------------------------------------


def test_a_person_starts_a_production_and_lands_on_its_page(login: Login, cast: Cast) -> None:
    client = login(cast.outsider)
    assert client.get("/productions/new/").status_code == 200
    response = client.post(
        "/productions/new/",
        {"title": "Night Swim", "company": "Lido", "time_zone": "UTC", "my_role": "coordinator"},
        follow=True,
    )
    production = Production.objects.get(title="Night Swim")
    assert response.redirect_chain[-1][0] == _detail(cast, production)
    assert "Night Swim was created." in _text(response)
    assert cast.access("outsider", production).roles == {Role.COORDINATOR}


def test_a_production_without_a_title_is_refused_next_to_the_field(
    login: Login, cast: Cast
) -> None:
    client = login(cast.outsider)
    before = _counts()
    response = client.post(
        "/productions/new/", {"title": "", "time_zone": "UTC", "my_role": "producer"}
    )
    assert response.status_code == 200
    assert "This field is required." in _text(response)
    assert _counts() == before


def test_a_production_cannot_be_started_as_a_performer(login: Login, cast: Cast) -> None:
    client = login(cast.outsider)
    before = _counts()
    response = client.post(
        "/productions/new/", {"title": "Mine", "time_zone": "UTC", "my_role": "performer"}
    )
    assert response.status_code == 200
    assert "Select a valid choice." in _text(response)
    assert _counts() == before


# --- a production's page -------------------------------------------------------------------


def test_a_member_sees_the_production_and_everyone_in_it(login: Login, cast: Cast) -> None:
    response = login(cast.crew).get(_detail(cast))
    assert response.status_code == 200
    page = _text(response)
    assert "<h1>Production A</h1>" in page
    assert 'People <span class="count">(8)</span>' in page
    for name in ("Pat Producer", "Coordinator", "Performer", "Partner", "Director", "Safety"):
        assert name in page
    assert "Crew, Camera" not in page
    assert "Crew · Camera" in page
    assert "Olive Other" not in page


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_a_production_you_do_not_belong_to_is_404(login: Login, cast: Cast, key: str) -> None:
    response = login(cast.users[key]).get(_detail(cast))
    assert response.status_code == 404
    assert NOT_YOURS in _text(response)
    assert "Production A" not in _text(response)


def test_an_unknown_production_is_404(login: Login, cast: Cast) -> None:
    response = login(cast.producer).get(f"/productions/{uuid.uuid4()}/")
    assert response.status_code == 404
    assert NOT_YOURS in _text(response)


def test_a_production_page_cannot_be_posted_to(login: Login, cast: Cast) -> None:
    assert login(cast.producer).post(_detail(cast)).status_code == 405


@pytest.mark.parametrize("key", ["coordinator", "producer", "ad", "safety"])
def test_roles_that_need_contact_details_see_everyones_email(
    login: Login, cast: Cast, key: str
) -> None:
    page = _text(login(cast.users[key]).get(_detail(cast)))
    assert "performer@example.test" in page
    assert "crew@example.test" in page


@pytest.mark.parametrize("key", ["director", "performer", "crew"])
def test_other_roles_see_only_their_own_email(login: Login, cast: Cast, key: str) -> None:
    page = _text(login(cast.users[key]).get(_detail(cast)))
    assert f"{key}@example.test" in page
    others = [k for k in ("partner", "producer", "coordinator", "ad") if k != key]
    for other in others:
        assert f"{other}@example.test" not in page


@pytest.mark.parametrize("key", ["coordinator", "producer"])
def test_the_invite_form_is_shown_to_coordinators_and_producers(
    login: Login, cast: Cast, key: str
) -> None:
    page = _text(login(cast.users[key]).get(_detail(cast)))
    assert "Invite someone" in page
    assert f'action="/productions/{cast.production.pk}/invitations/"' in page


@pytest.mark.parametrize("key", ["performer", "director", "ad", "crew", "safety"])
def test_the_invite_form_is_hidden_from_other_roles(login: Login, cast: Cast, key: str) -> None:
    _invite(cast)
    page = _text(login(cast.users[key]).get(_detail(cast)))
    assert "Invite someone" not in page
    assert "newcomer@example.test" not in page


def test_open_invitations_are_listed_for_the_inviter_with_a_withdraw_button(
    login: Login, cast: Cast
) -> None:
    issued = _invite(cast, name="Nia")
    page = _text(login(cast.producer).get(_detail(cast)))
    assert "Open invitations" in page
    assert "Nia" in page
    assert f"/invitations/{issued.invitation.pk}/revoke/" in page
    assert issued.secret not in page


# --- inviting ------------------------------------------------------------------------------


def _invite_url(cast: Cast, production: Production | None = None) -> str:
    return f"/productions/{(production or cast.production).pk}/invitations/"


INVITE_FORM = {"email": "newcomer@example.test", "name": "Nia", "role": "performer"}


def test_a_coordinator_invites_someone_and_sees_the_link_once(login: Login, cast: Cast) -> None:
    client = login(cast.coordinator)
    assert client.get(_invite_url(cast)).status_code == 200
    response = client.post(_invite_url(cast), INVITE_FORM)
    assert response.status_code == 200
    page = _text(response)
    assert "An invitation was e-mailed to <strong>newcomer@example.test</strong>" in page
    assert "/invite/" in page
    invitation = Invitation.objects.get()
    assert invitation.role == Role.PERFORMER
    assert invitation.invited_by == cast.coordinator
    assert "/invite/" not in _text(client.get(_detail(cast)))


@pytest.mark.parametrize("key", ["performer", "director", "crew"])
def test_a_role_that_may_not_invite_gets_403_and_nothing_is_stored(
    login: Login, cast: Cast, key: str
) -> None:
    client = login(cast.users[key])
    assert client.get(_invite_url(cast)).status_code == 403
    response = client.post(_invite_url(cast), INVITE_FORM)
    assert response.status_code == 403
    assert NOT_ALLOWED in _text(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("key", ["other_producer", "outsider"])
def test_inviting_into_a_production_you_do_not_belong_to_is_404(
    login: Login, cast: Cast, key: str
) -> None:
    response = login(cast.users[key]).post(_invite_url(cast), INVITE_FORM)
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_into_an_unknown_production_is_404(login: Login, cast: Cast) -> None:
    response = login(cast.producer).post(f"/productions/{uuid.uuid4()}/invitations/", INVITE_FORM)
    assert response.status_code == 404


def test_an_invitation_to_a_bad_email_is_refused_next_to_the_field(
    login: Login, cast: Cast
) -> None:
    response = login(cast.coordinator).post(
        _invite_url(cast), {**INVITE_FORM, "email": "not an email"}
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in _text(response)
    assert not Invitation.objects.exists()


def test_an_invitation_without_a_role_is_refused(login: Login, cast: Cast) -> None:
    response = login(cast.coordinator).post(_invite_url(cast), {**INVITE_FORM, "role": ""})
    assert response.status_code == 200
    assert "This field is required." in _text(response)
    assert not Invitation.objects.exists()


def test_inviting_a_member_into_a_role_they_hold_shows_why(login: Login, cast: Cast) -> None:
    response = login(cast.coordinator).post(
        _invite_url(cast), {**INVITE_FORM, "email": "performer@example.test"}
    )
    assert response.status_code == 200
    assert "performer@example.test is already a member in that role." in _text(response)
    assert not Invitation.objects.exists()


def test_a_coordinator_withdraws_an_invitation_from_the_production_page(
    login: Login, cast: Cast
) -> None:
    issued = _invite(cast)
    response = login(cast.coordinator).post(
        f"/invitations/{issued.invitation.pk}/revoke/", follow=True
    )
    assert response.redirect_chain[-1][0] == _detail(cast)
    assert "The invitation for newcomer@example.test was withdrawn." in _text(response)
    assert Invitation.objects.get().revoked_at is not None


@pytest.mark.parametrize("key", ["performer", "director", "other_producer", "outsider"])
def test_others_cannot_withdraw_an_invitation_or_learn_it_exists(
    login: Login, cast: Cast, key: str
) -> None:
    issued = _invite(cast)
    response = login(cast.users[key]).post(f"/invitations/{issued.invitation.pk}/revoke/")
    assert response.status_code == 404
    assert Invitation.objects.get().revoked_at is None


def test_withdrawing_an_unknown_invitation_is_404(login: Login, cast: Cast) -> None:
    response = login(cast.coordinator).post(f"/invitations/{uuid.uuid4()}/revoke/")
    assert response.status_code == 404


def test_withdrawing_by_get_is_refused(login: Login, cast: Cast) -> None:
    issued = _invite(cast)
    response = login(cast.coordinator).get(f"/invitations/{issued.invitation.pk}/revoke/")
    assert response.status_code == 405
    assert Invitation.objects.get().revoked_at is None


# --- accepting an invitation ---------------------------------------------------------------


def _accept_url(issued: services.IssuedInvitation) -> str:
    return issued.path


NEW_ACCOUNT = {"name": "Nia Newcomer", "password1": PASSWORD, "password2": PASSWORD}


def test_a_new_person_creates_an_account_from_the_link_and_joins(cast: Cast) -> None:
    issued = _invite(cast, name="Nia")
    client = Client()
    page = client.get(_accept_url(issued))
    assert page.status_code == 200
    assert "Join Production A" in _text(page)
    assert "Coordinator invited <strong>newcomer@example.test</strong>" in _text(page)
    assert "Create account and join" in _text(page)
    assert 'value="Nia"' in _text(page)
    response = client.post(_accept_url(issued), NEW_ACCOUNT, follow=True)
    assert response.redirect_chain[-1][0] == _detail(cast)
    assert "Welcome to Production A." in _text(response)
    user = User.objects.get(email="newcomer@example.test")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert cast.access("producer").production.members.filter(user=user).exists()


def test_two_different_passwords_are_refused_and_no_account_is_made(cast: Cast) -> None:
    issued = _invite(cast)
    before = _counts()
    response = Client().post(_accept_url(issued), {**NEW_ACCOUNT, "password2": "something else"})
    assert response.status_code == 200
    assert "The two passwords differ." in _text(response)
    assert _counts() == before


def test_a_weak_password_is_refused_next_to_the_field_and_nothing_changes(cast: Cast) -> None:
    issued = _invite(cast)
    before = _counts()
    response = Client().post(
        _accept_url(issued), {"name": "Nia", "password1": "abc", "password2": "abc"}
    )
    assert response.status_code == 200
    assert "This password is too short." in _text(response)
    assert _counts() == before


def test_a_person_with_an_account_is_asked_to_log_in_first(cast: Cast) -> None:
    issued = _invite(cast, email="outsider@example.test")
    page = _text(Client().get(_accept_url(issued)))
    assert "You already have an account." in page
    assert f"/account/login/?next=/invite/{issued.secret}/" in page
    assert "Create account and join" not in page


def test_a_person_with_an_account_cannot_join_by_making_another_one(cast: Cast) -> None:
    issued = _invite(cast, email="outsider@example.test")
    before = _counts()
    response = Client().post(_accept_url(issued), NEW_ACCOUNT)
    assert response.status_code == 200
    assert "You already have an account." in _text(response)
    assert _counts() == before
    assert User.objects.get(email="outsider@example.test").name == "Oscar Outsider"


def test_a_person_logs_in_through_the_link_and_joins(cast: Cast) -> None:
    issued = _invite(cast, email="outsider@example.test", role=Role.CREW)
    client = Client()
    logged_in = client.post(
        "/account/login/",
        {"username": "outsider@example.test", "password": PASSWORD, "next": _accept_url(issued)},
    )
    assert logged_in["Location"] == _accept_url(issued)
    page = _text(client.get(_accept_url(issued)))
    assert "Join as Oscar Outsider" in page
    response = client.post(_accept_url(issued))
    assert response.status_code == 302
    assert response["Location"] == _detail(cast)
    assert cast.access("outsider").roles == {Role.CREW}


def test_a_logged_in_person_with_the_wrong_account_is_told_and_does_not_join(
    login: Login, cast: Cast
) -> None:
    issued = _invite(cast)
    client = login(cast.outsider)
    before = _counts()
    response = client.post(_accept_url(issued))
    assert response.status_code == 200
    assert (
        "This invitation is for newcomer@example.test. Log out and open the link again."
        in _text(response)
    )
    assert _counts() == before


def test_an_expired_link_shows_a_410_page_that_says_so(cast: Cast, settings: Settings) -> None:
    settings.CLOSEDSET_INVITATION_DAYS = 0
    issued = _invite(cast)
    for method in ("get", "post"):
        response = getattr(Client(), method)(_accept_url(issued))
        assert response.status_code == 410
        assert "This invitation has expired. Ask the person who sent it for a new one." in _text(
            response
        )
        assert "No longer valid" in _text(response)


def test_a_used_link_shows_a_410_page(cast: Cast) -> None:
    issued = _invite(cast)
    Client().post(_accept_url(issued), NEW_ACCOUNT)
    before = _counts()
    response = Client().post(_accept_url(issued), {**NEW_ACCOUNT, "name": "Eve"})
    assert response.status_code == 410
    assert "This invitation was already used. Log in to continue." in _text(response)
    assert _counts() == before


def test_a_withdrawn_link_shows_a_410_page(cast: Cast) -> None:
    issued = _invite(cast)
    services.invitation_revoke(
        actor=cast.coordinator, access=cast.access("coordinator"), invitation=issued.invitation
    )
    response = Client().get(_accept_url(issued))
    assert response.status_code == 410
    assert "This invitation was withdrawn. Ask for a new one." in _text(response)


def test_an_unknown_link_shows_a_404_page(cast: Cast) -> None:
    _invite(cast)
    response = Client().get("/invite/made-up-secret/")
    assert response.status_code == 404
    assert "This invitation link is not valid. Check that you copied all of it." in _text(response)


def test_a_join_from_the_wrong_account_in_a_browser_is_refused_the_same_way(
    cast: Cast,
) -> None:
    issued = _invite(cast)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.outsider, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(_accept_url(issued))
    token = client.cookies["csrftoken"].value
    assert "Join as Oscar Outsider" in _text(page)
    response = client.post(_accept_url(issued), {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "This invitation is for newcomer@example.test." in _text(response)
    assert not Membership.objects.filter(user=cast.outsider).exists()


def test_an_invitation_link_cannot_be_deleted_or_replaced(cast: Cast) -> None:
    issued = _invite(cast)
    assert Client().put(_accept_url(issued)).status_code == 405
    assert Client().delete(_accept_url(issued)).status_code == 405


# --- request size --------------------------------------------------------------------------


def test_an_oversized_request_body_gets_a_413_page_and_changes_nothing(
    login: Login, cast: Cast, settings: Settings
) -> None:
    settings.CLOSEDSET_MAX_REQUEST_BYTES = 1024
    client = login(cast.coordinator)
    before = _counts()
    response = client.post(_invite_url(cast), {**INVITE_FORM, "name": "x" * 4000})
    assert response.status_code == 413
    assert "The request is too large" in _text(response)
    assert "Too large" in _text(response)
    assert _counts() == before


def test_an_oversized_log_in_is_refused_before_it_is_read(cast: Cast, settings: Settings) -> None:
    settings.CLOSEDSET_MAX_REQUEST_BYTES = 1024
    response = Client().post(
        "/account/login/", {"username": "performer@example.test", "password": "p" * 4000}
    )
    assert response.status_code == 413

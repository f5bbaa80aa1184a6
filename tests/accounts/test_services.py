"""Writes for people, their API tokens and their two-factor devices."""

from __future__ import annotations

import hashlib

import pytest
from django.db.models import Model
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.accounts.authenticator import totp_code
from tests.conftest import PASSWORD, Cast

from closedset.accounts import services
from closedset.accounts.models import ApiToken, User
from closedset.core.errors import Conflict, NotFound, ServiceError
from closedset.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _events(action: AuditAction, obj: Model) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk)).count()


# --- user_create ---------------------------------------------------------------------------


def test_a_new_person_is_stored_with_a_lower_case_email_and_a_hashed_password() -> None:
    user = services.user_create(
        actor=None, email="  Zoe.Lukasz@Example.TEST ", name=" Zoë Łukasz ", password=PASSWORD
    )
    user.refresh_from_db()
    assert user.email == "zoe.lukasz@example.test"
    assert user.name == "Zoë Łukasz"
    assert user.check_password(PASSWORD)
    assert PASSWORD not in user.password
    assert not user.is_staff


def test_creating_a_person_records_who_created_them() -> None:
    admin = services.user_create(
        actor=None, email="admin@example.test", name="Ada Admin", password=PASSWORD, is_staff=True
    )
    user = services.user_create(
        actor=admin, email="new@example.test", name="New Person", password=PASSWORD
    )
    event = AuditEvent.objects.get(action=AuditAction.USER_CREATED, object_id=str(user.pk))
    assert event.actor_id == admin.pk
    assert admin.is_staff
    assert admin.is_superuser


def test_a_person_who_signs_up_is_recorded_as_creating_themself() -> None:
    user = services.user_create(
        actor=None, email="self@example.test", name="Self Made", password=PASSWORD
    )
    event = AuditEvent.objects.get(action=AuditAction.USER_CREATED, object_id=str(user.pk))
    assert event.actor_id == user.pk


def test_a_person_without_a_password_cannot_log_in_with_one() -> None:
    user = services.user_create(
        actor=None, email="nopass@example.test", name="No Pass", password=None
    )
    assert not user.has_usable_password()


@pytest.mark.parametrize(
    ("email", "name", "password", "field", "message"),
    [
        ("a@example.test", "   ", PASSWORD, "name", "A name is required."),
        ("not-an-email", "Someone", PASSWORD, "email", "valid email"),
        ("short@example.test", "Someone", "abc12", "password", "too short"),
        ("common@example.test", "Someone", "password123", "password", "too common"),
        ("numbers@example.test", "Someone", "8472910365", "password", "entirely numeric"),
        (
            "veronica.valdez@example.test",
            "Someone",
            "veronica.valdez@example.test",
            "password",
            "similar",
        ),
    ],
)
def test_a_person_with_bad_details_is_refused_with_a_clear_message_and_nothing_stored(
    email: str, name: str, password: str, field: str, message: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        services.user_create(actor=None, email=email, name=name, password=password)
    assert caught.value.field == field
    assert message in caught.value.message
    assert User.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_an_email_already_in_use_is_refused_whatever_its_case() -> None:
    services.user_create(actor=None, email="taken@example.test", name="First", password=PASSWORD)
    with pytest.raises(ServiceError, match="already exists") as caught:
        services.user_create(
            actor=None, email="TAKEN@example.test", name="Second", password=PASSWORD
        )
    assert caught.value.field == "email"
    assert User.objects.count() == 1


# --- passwords and re-authentication ------------------------------------------------------


def test_a_person_can_change_their_password_and_the_change_is_audited(cast: Cast) -> None:
    services.user_set_password(actor=cast.crew, user=cast.crew, password="a brand new passphrase")
    cast.crew.refresh_from_db()
    assert cast.crew.check_password("a brand new passphrase")
    assert not cast.crew.check_password(PASSWORD)
    assert _events(AuditAction.USER_PASSWORD_CHANGED, cast.crew) == 1
    assert _events(AuditAction.USER_PASSWORD_RESET, cast.crew) == 0


def test_a_password_reset_is_audited_as_a_reset(cast: Cast) -> None:
    services.user_set_password(
        actor=cast.crew, user=cast.crew, password="a brand new passphrase", reset=True
    )
    assert _events(AuditAction.USER_PASSWORD_RESET, cast.crew) == 1
    assert _events(AuditAction.USER_PASSWORD_CHANGED, cast.crew) == 0


def test_a_weak_new_password_is_refused_and_the_old_one_still_works(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="too short") as caught:
        services.user_set_password(actor=cast.crew, user=cast.crew, password="short1")
    assert caught.value.field == "password"
    cast.crew.refresh_from_db()
    assert cast.crew.check_password(PASSWORD)
    assert _events(AuditAction.USER_PASSWORD_CHANGED, cast.crew) == 0


def test_confirming_a_password_is_recorded(cast: Cast) -> None:
    services.user_reauthenticated(actor=cast.coordinator)
    assert _events(AuditAction.USER_REAUTHENTICATED, cast.coordinator) == 1


# --- API tokens ----------------------------------------------------------------------------


def test_a_new_token_is_shown_once_and_only_its_digest_is_stored(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer, name="laptop")
    assert issued.plaintext.startswith(services.TOKEN_PREFIX)
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert stored.digest == hashlib.sha256(issued.plaintext.encode()).hexdigest()
    assert issued.plaintext not in {stored.digest, stored.prefix, stored.name}
    assert issued.plaintext.startswith(stored.prefix)
    assert stored.name == "laptop"
    assert _events(AuditAction.TOKEN_CREATED, stored) == 1


def test_a_token_without_a_name_gets_a_default_one(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer, name="")
    assert issued.token.name == "API token"


def test_a_token_authenticates_its_owner_and_marks_when_it_was_used(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    assert services.token_authenticate(issued.plaintext) == cast.performer
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


def test_nobody_can_make_a_token_for_someone_else(cast: Cast) -> None:
    with pytest.raises(NotFound):
        services.token_create(actor=cast.producer, user=cast.performer)
    assert ApiToken.objects.count() == 0


def test_staff_can_make_a_token_for_someone_else() -> None:
    admin = services.user_create(
        actor=None, email="admin@example.test", name="Ada Admin", password=PASSWORD, is_staff=True
    )
    user = services.user_create(
        actor=None, email="person@example.test", name="Some One", password=PASSWORD
    )
    issued = services.token_create(actor=admin, user=user)
    assert services.token_authenticate(issued.plaintext) == user


def test_a_revoked_token_no_longer_authenticates(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    services.token_revoke(actor=cast.performer, token=issued.token)
    assert services.token_authenticate(issued.plaintext) is None
    assert _events(AuditAction.TOKEN_REVOKED, issued.token) == 1


def test_revoking_a_token_twice_records_one_event(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    services.token_revoke(actor=cast.performer, token=issued.token)
    services.token_revoke(actor=cast.performer, token=issued.token)
    assert _events(AuditAction.TOKEN_REVOKED, issued.token) == 1


def test_nobody_can_revoke_someone_elses_token(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    with pytest.raises(NotFound):
        services.token_revoke(actor=cast.producer, token=issued.token)
    assert services.token_authenticate(issued.plaintext) == cast.performer


def test_the_token_of_a_deactivated_person_does_not_authenticate(cast: Cast) -> None:
    issued = services.token_create(actor=cast.performer, user=cast.performer)
    User.objects.filter(pk=cast.performer.pk).update(is_active=False)
    assert services.token_authenticate(issued.plaintext) is None


@pytest.mark.parametrize(
    "candidate",
    ["", "nonsense", "cs_" + "x" * 40, "cs_" + "x" * 200, "Bearer cs_abc"],
)
def test_a_malformed_or_unknown_token_authenticates_nobody(cast: Cast, candidate: str) -> None:
    services.token_create(actor=cast.performer, user=cast.performer)
    assert services.token_authenticate(candidate) is None


# --- two-factor log-in ---------------------------------------------------------------------


def test_setting_up_two_factor_starts_an_unconfirmed_device(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    assert not device.confirmed
    assert services.totp_devices(cast.coordinator) == (None, device)


def test_starting_two_factor_set_up_twice_keeps_the_same_device(cast: Cast) -> None:
    first = services.totp_start(actor=cast.coordinator)
    second = services.totp_start(actor=cast.coordinator)
    assert first.pk == second.pk
    assert TOTPDevice.objects.filter(user=cast.coordinator).count() == 1


def test_a_right_code_turns_two_factor_on(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    confirmed = services.totp_confirm(actor=cast.coordinator, token=totp_code(device))
    assert confirmed.confirmed
    assert services.totp_devices(cast.coordinator) == (confirmed, None)
    assert _events(AuditAction.USER_TOTP_ENABLED, cast.coordinator) == 1


def test_a_wrong_code_leaves_two_factor_off(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    with pytest.raises(ServiceError, match="That code is not right") as caught:
        services.totp_confirm(actor=cast.coordinator, token=wrong)
    assert caught.value.field == "token"
    device.refresh_from_db()
    assert not device.confirmed
    assert _events(AuditAction.USER_TOTP_ENABLED, cast.coordinator) == 0


def test_confirming_two_factor_without_starting_is_refused(cast: Cast) -> None:
    with pytest.raises(Conflict, match="Start setting up"):
        services.totp_confirm(actor=cast.coordinator, token="123456")


def test_two_factor_cannot_be_set_up_twice(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    services.totp_confirm(actor=cast.coordinator, token=totp_code(device))
    with pytest.raises(Conflict, match="already on"):
        services.totp_start(actor=cast.coordinator)
    assert TOTPDevice.objects.filter(user=cast.coordinator).count() == 1


def test_turning_two_factor_off_removes_the_device_and_is_audited(cast: Cast) -> None:
    device = services.totp_start(actor=cast.coordinator)
    services.totp_confirm(actor=cast.coordinator, token=totp_code(device))
    services.totp_disable(actor=cast.coordinator)
    assert not TOTPDevice.objects.filter(user=cast.coordinator).exists()
    assert _events(AuditAction.USER_TOTP_DISABLED, cast.coordinator) == 1


def test_turning_two_factor_off_when_it_is_off_records_nothing(cast: Cast) -> None:
    services.totp_disable(actor=cast.coordinator)
    assert _events(AuditAction.USER_TOTP_DISABLED, cast.coordinator) == 0


def test_turning_two_factor_off_leaves_other_peoples_devices_alone(cast: Cast) -> None:
    for person in (cast.coordinator, cast.performer):
        device = services.totp_start(actor=person)
        services.totp_confirm(actor=person, token=totp_code(device))
    services.totp_disable(actor=cast.coordinator)
    assert TOTPDevice.objects.filter(user=cast.performer, confirmed=True).exists()

"""Riders (R1, R2): prepared from consents, confirmed, signed, countersigned, issued, superseded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss, nudity

from closedset.consent import selectors, services
from closedset.consent.models import Rider
from closedset.core import crypto
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction, AuditEvent

GARMENT = {"kind": "garment", "garment": "robe"}
STILLS = {"kind": "stills"}


def _answer(cast: Cast, casting: Casting, *pairs: tuple[dict[str, Any], str]) -> None:
    services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=cast.members["performer"],
        answers=answers(*pairs),
    )


def _prepare(cast: Cast) -> Rider:
    return services.rider_prepare(
        actor=cast.coordinator, access=cast.access("coordinator"), member=cast.members["performer"]
    )


def _sign(cast: Cast, rider: Rider, *, name: str = "Performer", digest: str | None = None) -> Rider:
    return services.rider_sign(
        actor=cast.performer,
        access=cast.access("performer"),
        rider=rider,
        typed_name=name,
        content_hash=rider.content_hash if digest is None else digest,
    )


def _to_signed(cast: Cast, casting: Casting) -> Rider:
    partner = cast.members["partner"]
    _answer(
        cast,
        casting,
        (kiss("give", partner), "yes"),
        (kiss("receive", partner), "yes"),
        (nudity(), "no"),
        (GARMENT, "yes"),
    )
    rider = _prepare(cast)
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    return _sign(cast, rider)


def _issued(cast: Cast, casting: Casting) -> Rider:
    rider = _to_signed(cast, casting)
    services.rider_countersign(actor=cast.producer, access=cast.access("producer"), rider=rider)
    return services.rider_issue(actor=cast.producer, access=cast.access("producer"), rider=rider)


def _actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="rider.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_the_full_happy_path(cast: Cast, casting: Casting) -> None:
    partner = cast.members["partner"]
    _answer(
        cast,
        casting,
        (kiss("give", partner), "yes"),
        (nudity(), "no"),
        (GARMENT, "yes"),
        (STILLS, "discuss"),
    )
    rider = _prepare(cast)
    assert rider.state == Rider.State.DRAFT
    assert rider.number == 1
    content = crypto.unseal(rider, "content")
    assert services.content_hash(content) == rider.content_hash
    assert len(rider.content_hash) == 64
    [scene] = content["scenes"]
    assert scene["heading"] == casting.kitchen.heading
    assert scene["page"] == casting.kitchen.page
    assert scene["consent_version"] == 1
    [agreed] = scene["agreed"]
    assert agreed.startswith("Give to Partner: kiss on the lips")
    assert all("Nudity" not in a for a in scene["agreed"])  # a "no" is never listed
    assert scene["garments"] == ["Garment or barrier: Robe"]
    assert scene["stills"] == []  # "discuss" is not agreed

    rider = services.rider_confirm(
        actor=cast.coordinator, access=cast.access("coordinator"), rider=rider
    )
    assert rider.state == Rider.State.CONFIRMED
    assert rider.confirmed_by == cast.coordinator
    rider = _sign(cast, rider, name="  performer ")
    assert rider.state == Rider.State.SIGNED
    assert rider.signed_at is not None
    assert crypto.unseal(rider, "signed_name") == "performer"
    rider = services.rider_countersign(
        actor=cast.producer, access=cast.access("producer"), rider=rider
    )
    assert rider.state == Rider.State.COUNTERSIGNED
    rider = services.rider_issue(actor=cast.producer, access=cast.access("producer"), rider=rider)
    assert rider.state == Rider.State.ISSUED
    assert rider.issued_at is not None
    assert _actions() == [
        AuditAction.RIDER_PREPARED,
        AuditAction.RIDER_CONFIRMED,
        AuditAction.RIDER_SIGNED,
        AuditAction.RIDER_COUNTERSIGNED,
        AuditAction.RIDER_ISSUED,
    ]


def test_preparing_again_without_changes_keeps_the_same_rider(cast: Cast, casting: Casting) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    first = _prepare(cast)
    assert _prepare(cast).pk == first.pk
    assert Rider.objects.count() == 1


def test_preparing_needs_answers_and_a_coordinator(cast: Cast, casting: Casting) -> None:
    with pytest.raises(ServiceError, match="no answers"):
        _prepare(cast)
    _answer(cast, casting, (nudity(), "yes"))
    with pytest.raises(Forbidden):
        services.rider_prepare(
            actor=cast.producer, access=cast.access("producer"), member=cast.members["performer"]
        )
    assert not Rider.objects.exists()


def test_signing_a_stale_hash_is_a_409_and_nothing_changes(cast: Cast, casting: Casting) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    rider = _prepare(cast)
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    before = len(_actions())
    with pytest.raises(Conflict, match="stale") as caught:
        _sign(cast, rider, digest="0" * 64)
    assert caught.value.status == 409
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED
    assert rider.signed_at is None
    assert rider.signed_name is None
    assert len(_actions()) == before


def test_signing_before_the_one_on_one_is_refused(cast: Cast, casting: Casting) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    rider = _prepare(cast)
    with pytest.raises(ServiceError, match="one-on-one"):
        _sign(cast, rider)
    rider.refresh_from_db()
    assert rider.state == Rider.State.DRAFT


def test_a_typed_name_that_does_not_match_is_refused(cast: Cast, casting: Casting) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    rider = _prepare(cast)
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    with pytest.raises(ServiceError, match="full name") as caught:
        _sign(cast, rider, name="Someone Else")
    assert caught.value.field == "typed_name"
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED


def test_only_the_performer_signs(cast: Cast, casting: Casting) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    rider = _prepare(cast)
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    with pytest.raises(Forbidden):
        services.rider_sign(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            rider=rider,
            typed_name="Coordinator",
            content_hash=rider.content_hash,
        )
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED


def test_countersigning_before_the_performer_signed_is_refused(
    cast: Cast, casting: Casting
) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    rider = _prepare(cast)
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    before = len(_actions())
    with pytest.raises(ServiceError, match="not signed") as caught:
        services.rider_countersign(actor=cast.producer, access=cast.access("producer"), rider=rider)
    assert caught.value.status == 400
    rider.refresh_from_db()
    assert rider.state == Rider.State.CONFIRMED
    assert rider.countersigned_at is None
    assert len(_actions()) == before


def test_only_the_producer_countersigns_and_issue_needs_a_countersignature(
    cast: Cast, casting: Casting
) -> None:
    rider = _to_signed(cast, casting)
    with pytest.raises(Forbidden):
        services.rider_countersign(
            actor=cast.coordinator, access=cast.access("coordinator"), rider=rider
        )
    with pytest.raises(ServiceError, match="not countersigned"):
        services.rider_issue(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    rider.refresh_from_db()
    assert rider.state == Rider.State.SIGNED


def test_a_consent_change_after_issue_supersedes_the_rider(cast: Cast, casting: Casting) -> None:
    issued = _issued(cast, casting)
    old_hash = issued.content_hash
    services.consent_withdraw(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=cast.members["performer"],
    )
    issued.refresh_from_db()
    assert issued.state == Rider.State.SUPERSEDED
    assert issued.superseded_at is not None
    assert issued.issued_at is not None
    access = cast.access("performer")
    member = cast.members["performer"]
    assert selectors.rider_current(access=access, member=member) is None
    [old] = selectors.rider_history(access=access, member=member)
    assert old.status.state == Rider.State.SUPERSEDED
    assert old.status.content_hash == old_hash
    assert old.scenes[0]["agreed"]  # the superseded version stays readable
    assert old.signed_name == "Performer"

    fresh = _prepare(cast)
    assert fresh.number == 2
    assert fresh.state == Rider.State.DRAFT
    assert fresh.content_hash != old_hash
    content = crypto.unseal(fresh, "content")
    assert content["scenes"][0]["withdrawn"] is True
    assert content["scenes"][0]["agreed"] == []
    assert AuditAction.RIDER_SUPERSEDED in _actions()
    with pytest.raises(Conflict):
        services.rider_countersign(
            actor=cast.producer, access=cast.access("producer"), rider=issued
        )


def test_a_consent_change_before_signing_makes_the_old_hash_stale(
    cast: Cast, casting: Casting
) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    rider = _prepare(cast)
    services.rider_confirm(actor=cast.coordinator, access=cast.access("coordinator"), rider=rider)
    _answer(cast, casting, (nudity(), "no"))
    with pytest.raises(Conflict, match="stale"):
        _sign(cast, rider)
    rider.refresh_from_db()
    assert rider.state == Rider.State.SUPERSEDED
    assert rider.signed_at is None


@pytest.mark.parametrize("key", ["director", "ad", "crew", "safety", "partner", "producer"])
def test_others_cannot_read_rider_content(cast: Cast, casting: Casting, key: str) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    _prepare(cast)
    member = cast.members["performer"]
    with pytest.raises(NotFound):
        selectors.rider_current(access=cast.access(key), member=member)
    with pytest.raises(NotFound):
        selectors.rider_history(access=cast.access(key), member=member)


def test_the_producer_sees_the_state_only(cast: Cast, casting: Casting) -> None:
    rider = _to_signed(cast, casting)
    status = selectors.rider_status(
        access=cast.access("producer"), member=cast.members["performer"]
    )
    assert status is not None
    assert status.state == Rider.State.SIGNED
    assert not hasattr(status, "content")
    listed = selectors.rider_status_list(access=cast.access("producer"))
    names = {p.member.user.name: p for p in listed}
    assert names["Performer"].rider is not None
    assert names["Performer"].rider.id == rider.pk
    assert names["Partner"].rider is None
    assert "Director" not in names
    with pytest.raises(NotFound):
        selectors.rider_status(access=cast.access("director"), member=cast.members["performer"])
    with pytest.raises(NotFound):
        selectors.rider_status_list(access=cast.access("crew"))


def test_reading_rider_content_is_audited(cast: Cast, casting: Casting) -> None:
    _answer(cast, casting, (nudity(), "yes"))
    _prepare(cast)
    selectors.rider_current(access=cast.access("coordinator"), member=cast.members["performer"])
    assert _actions()[-1] == AuditAction.RIDER_READ


def test_notice_boundary_uses_the_issue_time(cast: Cast, casting: Casting) -> None:
    rider = _issued(cast, casting)
    assert rider.issued_at is not None
    issued = rider.issued_at.astimezone(UTC)
    exactly = issued + timedelta(hours=48)
    assert services.rider_on_time_for(rider, exactly, 48)
    assert not services.rider_on_time_for(rider, exactly - timedelta(minutes=1), 48)
    rider.issued_at = exactly - timedelta(hours=47, minutes=59)
    assert not services.rider_on_time_for(rider, exactly, 48)


def test_a_rider_not_issued_is_never_on_time(cast: Cast, casting: Casting) -> None:
    rider = _to_signed(cast, casting)
    assert not services.rider_on_time_for(rider, datetime(2100, 1, 1, tzinfo=UTC), 48)


def test_each_step_tells_whoever_takes_the_next_one_and_nothing_of_the_content(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rider = _to_signed(cast, casting)
    signed = [m for m in mail.outbox if "countersignature" in m.subject]
    assert [m.to for m in signed] == [[cast.producer.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rider = services.rider_countersign(
            actor=cast.producer, access=cast.access("producer"), rider=rider
        )
    assert [m.to for m in mail.outbox] == [[cast.coordinator.email]]
    assert "ready to issue" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.rider_issue(actor=cast.producer, access=cast.access("producer"), rider=rider)
    assert [m.to for m in mail.outbox] == [[cast.performer.email]]
    for message in mail.outbox:
        assert "kiss" not in (message.subject + message.body).lower()

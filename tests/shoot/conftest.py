"""A shoot day five days out with the kitchen kiss on it, agreed, choreographed, approved and
with both riders issued: ready. Helpers to issue riders and schedule more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

import pytest
from django.utils import timezone

from closedset.choreography import services as choreography_services
from closedset.consent import services as consent_services
from closedset.consent.models import Rider
from closedset.productions.models import Membership
from closedset.scripts.models import Scene
from closedset.shoot import services
from closedset.shoot.models import Entry, ShootDay
from tests.choreography.conftest import agree, kiss_beat
from tests.conftest import Cast
from tests.consent.conftest import Casting, casting  # noqa: F401 - the fixture

CALL = time(7, 0)


def issue_rider(cast: Cast, key: str) -> Rider:
    coordinator = cast.access("coordinator")
    rider = consent_services.rider_prepare(
        actor=cast.coordinator, access=coordinator, member=cast.members[key]
    )
    rider = consent_services.rider_confirm(actor=cast.coordinator, access=coordinator, rider=rider)
    user = cast.users[key]
    rider = consent_services.rider_sign(
        actor=user,
        access=cast.access(key),
        rider=rider,
        typed_name=user.name,
        content_hash=rider.content_hash,
    )
    producer = cast.access("producer")
    rider = consent_services.rider_countersign(actor=cast.producer, access=producer, rider=rider)
    return consent_services.rider_issue(actor=cast.producer, access=producer, rider=rider)


def approve_kiss(cast: Cast, scene: Scene) -> None:
    beat = kiss_beat(cast.members["performer"], cast.members["partner"])
    version = choreography_services.choreography_save(
        actor=cast.coordinator, access=cast.access("coordinator"), scene=scene, beats=[beat]
    ).version
    for key in ("coordinator", "director"):
        choreography_services.choreography_approve(
            actor=cast.users[key], access=cast.access(key), scene=scene, expected_version=version
        )


def add_day(cast: Cast, days: int) -> ShootDay:
    return services.day_create(
        actor=cast.ad,
        access=cast.access("ad"),
        day=timezone.localdate() + timedelta(days=days),
        call_time=CALL,
    )


def schedule(cast: Cast, day: ShootDay, scene: Scene, kind: str = Entry.Kind.SHOOT) -> Entry:
    return services.entry_schedule(
        actor=cast.ad, access=cast.access("ad"), day=day, scene=scene, kind=kind
    )


def rostered(cast: Cast, entry: Entry, *keys: str) -> None:
    services.roster_set(
        actor=cast.ad,
        access=cast.access("ad"),
        entry=entry,
        rows=[services.RosterRow(member_id=cast.members[k].pk) for k in keys],
    )


@dataclass
class Shoot:
    day: ShootDay
    entry: Entry
    scene: Scene
    performer: Membership
    partner: Membership

    def url(self, suffix: str = "") -> str:
        return f"/scenes/{self.scene.pk}/days/{self.day.pk}/{suffix}"

    def api(self, suffix: str) -> str:
        return f"/api/v1/scenes/{self.scene.pk}/days/{self.day.pk}/{suffix}"


@pytest.fixture
def shoot(cast: Cast, casting: Casting) -> Shoot:  # noqa: F811 - the fixture above
    agree(cast, casting.kitchen, "performer", "partner")
    agree(cast, casting.kitchen, "partner", "performer")
    approve_kiss(cast, casting.kitchen)
    issue_rider(cast, "performer")
    issue_rider(cast, "partner")
    day = add_day(cast, 5)
    entry = schedule(cast, day, casting.kitchen)
    return Shoot(day, entry, casting.kitchen, cast.members["performer"], cast.members["partner"])

"""Routes whose own tests cover only one side: each is used once by someone allowed and refused
to someone who may not (another production's member gets 404, a weaker role 403 or 404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from closedset.accounts.models import User
from closedset.consent import services as consent_services
from closedset.consent.models import Rider
from tests.conftest import Cast
from tests.consent.conftest import Casting, answers, kiss
from tests.scripts.conftest import SCRIPT
from tests.shoot.conftest import Shoot

OTHER = "other_producer"  # a producer of production B: production A is not theirs


def _answered(cast: Cast, casting: Casting) -> None:
    consent_services.consent_save(
        actor=cast.performer,
        access=cast.access("performer"),
        scene=casting.kitchen,
        member=cast.members["performer"],
        answers=answers((kiss("give", cast.members["partner"]), "yes")),
    )


def _draft(cast: Cast, casting: Casting) -> Rider:
    _answered(cast, casting)
    return consent_services.rider_prepare(
        actor=cast.coordinator, access=cast.access("coordinator"), member=cast.members["performer"]
    )


def _signed(cast: Cast, casting: Casting) -> Rider:
    rider = _draft(cast, casting)
    rider = consent_services.rider_confirm(
        actor=cast.coordinator, access=cast.access("coordinator"), rider=rider
    )
    return consent_services.rider_sign(
        actor=cast.performer,
        access=cast.access("performer"),
        rider=rider,
        typed_name=cast.performer.name,
        content_hash=rider.content_hash,
    )


def test_rider_steps_by_page_and_api(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    member = cast.members["performer"]
    other = login(cast.users[OTHER])
    assert other.post(f"/members/{member.pk}/rider/prepare/").status_code == 404
    assert login(cast.director).post(f"/members/{member.pk}/rider/prepare/").status_code == 404
    _answered(cast, casting)
    assert login(cast.coordinator).post(f"/members/{member.pk}/rider/prepare/").status_code == 302
    rider = Rider.objects.get(member=member)
    assert login(cast.users[OTHER]).post(f"/riders/{rider.pk}/confirm/").status_code == 404
    assert login(cast.coordinator).post(f"/riders/{rider.pk}/confirm/").status_code == 302
    rider.refresh_from_db()
    consent_services.rider_sign(
        actor=cast.performer,
        access=cast.access("performer"),
        rider=rider,
        typed_name=cast.performer.name,
        content_hash=rider.content_hash,
    )
    for step in ("countersign", "issue"):
        assert login(cast.users[OTHER]).post(f"/riders/{rider.pk}/{step}/").status_code == 404
        api = f"/api/v1/riders/{rider.pk}/{step}"
        assert login(cast.users[OTHER]).post(api).status_code == 404
        assert login(cast.crew).post(api).status_code == 404
        assert login(cast.producer).post(api).status_code == 200, step
    rider.refresh_from_db()
    assert rider.state == Rider.State.ISSUED


def test_rider_pages_refuse_what_a_role_may_not_do(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    rider = _signed(cast, casting)
    assert login(cast.performer).post(f"/riders/{rider.pk}/countersign/").status_code == 403
    assert login(cast.ad).post(f"/riders/{rider.pk}/issue/").status_code == 403


def test_a_revision_upload_needs_the_upload_permission(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    url = f"/scripts/{casting.kitchen.revision.script_id}/revisions/"
    assert login(cast.users[OTHER]).post(url).status_code == 404
    assert login(cast.director).post(url).status_code in {403, 404}
    form = login(cast.coordinator).post(url)  # no file: the form answers with its error
    assert form.status_code == 400
    revised = SCRIPT + b"\n\nEXT. PIER - DAY\n\nGulls over the water.\n"
    upload = {"file": SimpleUploadedFile("tide.fountain", revised), "label": "Blue"}
    assert login(cast.coordinator).post(url, upload).status_code == 302


def test_member_management_is_for_the_production_only(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    member = cast.members["crew"]
    assert login(cast.users[OTHER]).get(f"/members/{member.pk}/manage/").status_code == 404
    api = f"/api/v1/productions/{cast.production.pk}/members/{member.pk}/roles"
    response = login(cast.users[OTHER]).put(
        api, data={"roles": ["crew"]}, content_type="application/json"
    )
    assert response.status_code == 404


def test_ic_requests_by_api(cast: Cast, casting: Casting, login: Callable[[User], Client]) -> None:
    made = login(cast.performer).post(
        f"/api/v1/scenes/{casting.kitchen.pk}/ic-requests",
        data={"note": ""},
        content_type="application/json",
    )
    assert made.status_code == 201
    listing = f"/api/v1/productions/{cast.production.pk}/ic-requests"
    assert login(cast.producer).get(listing).json()["count"] == 1
    assert login(cast.users[OTHER]).get(listing).status_code == 404
    assert login(cast.crew).get(listing).status_code == 404
    answer = f"/api/v1/ic-requests/{made.json()['id']}/answer"
    body = {"answer": "engaged", "response": "Our intimacy coordinator joins on Monday."}
    assert (
        login(cast.users[OTHER]).post(answer, data=body, content_type="application/json")
    ).status_code == 404
    assert (
        login(cast.producer).post(answer, data=body, content_type="application/json")
    ).status_code == 200


def test_validation_of_a_choreography_is_for_its_production(
    cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    url = f"/api/v1/scenes/{casting.kitchen.pk}/choreography/validate"
    response = login(cast.users[OTHER]).post(
        url, data={"beats": []}, content_type="application/json"
    )
    assert response.status_code == 404


SHOOT_DAY_POSTS = [
    "checkin/",
    "closed-set/",
    "debrief/",
    "debrief/check/",
    "filmed/",
    "pause/",
    "resume/",
]


@pytest.mark.parametrize("suffix", SHOOT_DAY_POSTS)
def test_another_productions_member_cannot_act_on_a_shoot_day(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client], suffix: str
) -> None:
    assert login(cast.users[OTHER]).post(shoot.url(suffix)).status_code == 404


@pytest.mark.parametrize("path", ["readiness/", "best-efforts/", "schedule/days/", "shoot-days/"])
def test_another_productions_member_sees_no_schedule(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client], path: str
) -> None:
    client = login(cast.users[OTHER])
    response = client.post(f"/productions/{cast.production.pk}/{path}")
    if response.status_code == 405:
        response = client.get(f"/productions/{cast.production.pk}/{path}")
    assert response.status_code == 404


def test_only_the_member_revokes_their_calendar_link(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    url = f"/productions/{cast.production.pk}/calendar/revoke/"
    assert login(cast.users[OTHER]).post(url).status_code == 404
    assert login(cast.performer).post(url).status_code == 302


def test_only_a_scheduler_deletes_an_entry(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client], **_: Any
) -> None:
    url = f"/shoot-entries/{shoot.entry.pk}/delete/"
    assert login(cast.users[OTHER]).post(url).status_code == 404
    assert login(cast.performer).post(url).status_code in {403, 404}
    assert login(cast.ad).post(url).status_code == 302

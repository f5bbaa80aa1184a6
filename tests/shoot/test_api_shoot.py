"""The shoot-day API: readiness, roster, check-in, pause, resume, filmed and state."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.test import Client

from closedset.accounts.models import User
from closedset.shoot.models import Entry, PauseEvent, RosterMember, SetCheckIn
from tests.conftest import Cast

from .conftest import Shoot, rostered

JSON = "application/json"


def readiness_url(cast: Cast) -> str:
    return f"/api/v1/productions/{cast.production.pk}/readiness"


def test_planners_read_the_readiness_board_without_private_data(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    response = login(cast.director).get(readiness_url(cast), {"from": str(shoot.day.date)})
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == str(shoot.day.date)
    [day] = body["days"]
    [scene] = day["scenes"]
    assert scene["ready"] is True and scene["reasons"] == [] and scene["unmet"] == []
    text = response.content.decode()
    for private in (cast.performer.name, cast.partner.name, str(shoot.performer.pk), "lips"):
        assert private not in text


def test_a_bad_range_is_a_clear_error(cast: Cast, login: Callable[[User], Client]) -> None:
    client = login(cast.ad)
    backwards = client.get(readiness_url(cast), {"from": "2030-01-10", "to": "2030-01-01"})
    assert backwards.status_code == 400 and "before its start" in backwards.json()["detail"]
    too_long = client.get(readiness_url(cast), {"from": "2030-01-01", "to": "2031-01-01"})
    assert too_long.status_code == 400
    assert client.get(readiness_url(cast), {"from": "soon"}).status_code == 422


def test_the_board_is_404_for_performers_crew_and_other_productions(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    for key in ("performer", "crew", "other_producer", "outsider"):
        assert login(cast.users[key]).get(readiness_url(cast)).status_code == 404
    assert Client().get(readiness_url(cast)).status_code == 401


def test_the_first_ad_puts_the_roster_and_bad_members_change_nothing(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.ad)
    crew = cast.members["crew"]
    put = client.put(
        shoot.api("roster"),
        {"roster": [{"member_id": str(crew.pk), "at_monitors": True}]},
        content_type=JSON,
    )
    assert put.status_code == 200
    assert put.json()["roster"] == [
        {
            "member_id": str(crew.pk),
            "name": cast.crew.name,
            "department": "Camera",
            "on_set": True,
            "at_monitors": True,
            "stills": False,
            "checked_in": False,
        }
    ]
    bad = client.put(
        shoot.api("roster"), {"roster": [{"member_id": str(uuid.uuid4())}]}, content_type=JSON
    )
    assert bad.status_code == 400 and "Not a member" in bad.json()["detail"]
    assert RosterMember.objects.get().member == crew
    twice = client.put(
        shoot.api("roster"),
        {"roster": [{"member_id": str(crew.pk)}, {"member_id": str(crew.pk)}]},
        content_type=JSON,
    )
    assert twice.status_code == 400 and "twice" in twice.json()["detail"]


def test_the_director_sees_the_roster_but_cannot_set_it(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.director)
    assert client.get(shoot.api("roster")).status_code == 200
    assert client.put(shoot.api("roster"), {"roster": []}, content_type=JSON).status_code == 403


def test_crew_not_on_the_roster_cannot_see_the_scene_or_check_in(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.crew)
    for suffix in ("roster", "state"):
        assert client.get(shoot.api(suffix)).status_code == 404
    refused = client.post(
        shoot.api("checkin"),
        {"kind": "closed_set", "no_recording_devices": True},
        content_type=JSON,
    )
    assert refused.status_code == 403
    assert SetCheckIn.objects.get().refused
    assert client.post(shoot.api("pause"), content_type=JSON).status_code == 404


def test_rostered_crew_check_in_and_see_the_pause_but_not_who_checked_in(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    rostered(cast, shoot.entry, "crew")
    client = login(cast.crew)
    first = client.post(
        shoot.api("checkin"),
        {"kind": "closed_set", "no_recording_devices": True},
        content_type=JSON,
    )
    assert first.status_code == 200
    state = client.get(shoot.api("state")).json()
    assert state == {
        "paused": False,
        "paused_at": None,
        "filmed": False,
        "checked_in": 0,
        "performers": 2,
        "checkins": None,
        "my_checkin": None,
    }
    assert client.post(shoot.api("pause"), content_type=JSON).status_code == 403


def test_a_performer_checks_in_pauses_and_cannot_resume(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    checkin = client.post(
        shoot.api("checkin"), {"kind": "performer", "outcome": "confirmed"}, content_type=JSON
    )
    assert checkin.json() == {"kind": "performer", "outcome": "confirmed", "consent_url": None}
    again = client.post(
        shoot.api("checkin"), {"kind": "performer", "outcome": "confirmed"}, content_type=JSON
    )
    assert again.status_code == 409 and "already checked in" in again.json()["detail"]
    paused = client.post(shoot.api("pause"), content_type=JSON)
    assert paused.status_code == 200 and paused.json()["paused"] is True
    assert paused.json()["my_checkin"] == "confirmed"
    refused = client.post(shoot.api("resume"), {"checked_in": True}, content_type=JSON)
    assert refused.status_code == 403
    assert Entry.objects.get().paused_at is not None


def test_changing_sends_the_performer_to_their_consent_page(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    body = (
        login(cast.partner)
        .post(shoot.api("checkin"), {"kind": "performer", "outcome": "changed"}, content_type=JSON)
        .json()
    )
    assert body["consent_url"] == f"/scenes/{shoot.scene.pk}/consent/{shoot.partner.pk}/"


def test_the_ic_sees_each_check_in_and_resumes(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    login(cast.performer).post(shoot.api("pause"), content_type=JSON)
    client = login(cast.coordinator)
    state = client.get(shoot.api("state")).json()
    assert state["paused"] is True
    assert {c["name"]: c["status"] for c in state["checkins"]} == {
        cast.performer.name: "waiting",
        cast.partner.name: "waiting",
    }
    unchecked = client.post(shoot.api("resume"), {}, content_type=JSON)
    assert unchecked.status_code == 400
    resumed = client.post(shoot.api("resume"), {"checked_in": True}, content_type=JSON)
    assert resumed.status_code == 200 and resumed.json()["paused"] is False
    assert PauseEvent.objects.count() == 2


def test_the_first_ad_marks_the_scene_filmed_once(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.ad)
    filmed = client.post(shoot.api("filmed"), content_type=JSON)
    assert filmed.status_code == 200 and filmed.json()["versions"] == 2
    assert client.post(shoot.api("filmed"), content_type=JSON).status_code == 409
    assert login(cast.director).post(shoot.api("filmed"), content_type=JSON).status_code == 403


def test_unknown_days_and_other_productions_are_404(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.coordinator)
    unknown = f"/api/v1/scenes/{shoot.scene.pk}/days/{uuid.uuid4()}/state"
    assert client.get(unknown).status_code == 404
    assert login(cast.other_producer).get(shoot.api("state")).status_code == 404
    assert client.delete(shoot.api("state")).status_code == 405

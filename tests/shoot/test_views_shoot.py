"""The shoot-day pages: board, schedule, a scene's day on the phone, roster, door sheet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from closedset.accounts.models import User
from closedset.shoot.models import Debrief, Entry, RosterMember, ShootDay
from tests.conftest import Cast
from tests.consent.conftest import Casting

from .conftest import Shoot, rostered

PAUSED = "Paused — the intimacy coordinator is checking in"


def test_the_board_shows_ready_and_not_ready_with_reasons_and_no_names(
    shoot: Shoot, cast: Cast, casting: Casting, login: Callable[[User], Client]
) -> None:
    client = login(cast.ad)
    tomorrow = timezone.localdate() + timedelta(days=1)
    client.post(
        f"/productions/{cast.production.pk}/schedule/days/",
        {"date": tomorrow.isoformat(), "call_time": "07:00"},
    )
    day = ShootDay.objects.get(date=tomorrow)
    added = client.post(
        f"/shoot-days/{day.pk}/scenes/", {"scene": str(casting.bedroom.pk), "kind": "shoot"}
    )
    assert added.status_code == 302
    page = client.get(f"/productions/{cast.production.pk}/readiness/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ready" in text and "Not ready" in text
    assert "R6: closed-set roster not set" in text
    for private in (str(shoot.performer.pk), str(shoot.partner.pk), cast.partner.name, "lips"):
        assert private not in text


def test_scheduling_errors_are_shown_and_nothing_changes(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.ad)
    past = client.post(
        f"/productions/{cast.production.pk}/schedule/days/",
        {"date": (timezone.localdate() - timedelta(days=2)).isoformat(), "call_time": "07:00"},
    )
    assert past.status_code == 400 and "in the past" in past.content.decode()
    twice = client.post(
        f"/shoot-days/{shoot.day.pk}/scenes/", {"scene": str(shoot.scene.pk), "kind": "shoot"}
    )
    assert twice.status_code == 400 and "already scheduled" in twice.content.decode()
    assert ShootDay.objects.count() == 1 and Entry.objects.count() == 1
    assert (
        login(cast.director)
        .post(f"/shoot-days/{shoot.day.pk}/scenes/", {"scene": str(shoot.scene.pk)})
        .status_code
        == 403
    )


def test_the_schedule_and_best_efforts_pages(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.producer)
    page = client.get(f"/productions/{cast.production.pk}/schedule/")
    assert page.status_code == 200 and shoot.scene.heading in page.content.decode()
    recorded = client.post(
        f"/productions/{cast.production.pk}/best-efforts/",
        {"tried_on": timezone.localdate().isoformat(), "note": "Called the registry."},
    )
    assert recorded.status_code == 302
    empty = client.post(f"/productions/{cast.production.pk}/best-efforts/", {"tried_on": ""})
    assert empty.status_code == 400
    assert (
        login(cast.performer).get(f"/productions/{cast.production.pk}/schedule/").status_code == 404
    )


def test_a_performer_pauses_from_the_phone_page_and_everyone_sees_it(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    performer = login(cast.performer)
    page = performer.get(shoot.url())
    assert page.status_code == 200
    assert "Re-confirm my consent for today" in page.content.decode()
    partial = performer.post(shoot.url("pause/"), HTTP_HX_REQUEST="true")
    assert PAUSED in partial.content.decode()
    assert 'hx-trigger="every 1s"' in partial.content.decode()
    coordinator = login(cast.coordinator)
    state = coordinator.get(shoot.url("state/"))
    assert PAUSED in state.content.decode() and state["Cache-Control"] == "no-store"
    assert "resume" in state.content.decode()
    resumed = coordinator.post(shoot.url("resume/"), {"checked_in": "yes"})
    assert resumed.status_code == 302 and Entry.objects.get().paused_at is None


def test_a_performer_re_confirms_or_is_sent_to_change(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    confirm = login(cast.performer).post(shoot.url("checkin/"), {"outcome": "confirmed"})
    assert confirm.status_code == 302
    again = login(cast.performer).post(shoot.url("checkin/"), {"outcome": "confirmed"}, follow=True)
    assert "already checked in" in again.content.decode()
    change = login(cast.partner).post(shoot.url("checkin/"), {"outcome": "changed"})
    assert change["Location"] == f"/scenes/{shoot.scene.pk}/consent/{shoot.partner.pk}/"


def test_crew_see_the_scene_only_when_rostered_and_check_in_at_the_door(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.crew)
    assert client.get(shoot.url()).status_code == 404
    assert client.get(shoot.url("state/")).status_code == 404
    refused = client.post(shoot.url("closed-set/"), {"no_recording_devices": "yes"}, follow=True)
    assert "not on the closed-set roster" in refused.content.decode()
    rostered(cast, shoot.entry, "crew")
    page = client.get(shoot.url())
    assert page.status_code == 200 and "Check in to the closed set" in page.content.decode()
    assert "Performers' check-in" not in page.content.decode()  # no check-in list for crew
    client.post(shoot.url("closed-set/"), {"no_recording_devices": "yes"})
    assert "You are checked in" in client.get(shoot.url()).content.decode()


def test_the_roster_page_and_the_door_sheet(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.coordinator)
    crew, hmu = cast.members["crew"], cast.members["safety"]
    assert client.get(shoot.url("roster/")).status_code == 200
    saved = client.post(
        shoot.url("roster/"),
        {"member": [str(crew.pk), str(hmu.pk)], f"on_set_{crew.pk}": "yes",
         f"at_monitors_{hmu.pk}": "yes"},
    )  # fmt: skip
    assert saved.status_code == 302
    assert RosterMember.objects.count() == 2
    neither = client.post(shoot.url("roster/"), {"member": [str(crew.pk)]})
    assert neither.status_code == 400 and "choose on set" in neither.content.decode()
    assert RosterMember.objects.count() == 2
    sheet = client.get(shoot.url("sheet/")).content.decode()
    assert cast.crew.name in sheet and "No personal recording devices" in sheet
    assert login(cast.director).get(shoot.url("sheet/")).status_code == 403
    assert login(cast.director).get(shoot.url("roster/")).status_code == 403


def test_filmed_then_closure_for_each_performer(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    login(cast.ad).post(shoot.url("filmed/"))
    performer = login(cast.performer)
    page = performer.get(shoot.url()).content.decode()
    assert "How are you?" in page
    assert f"/productions/{cast.production.pk}/report/" in page  # raise a concern from here
    performer.post(shoot.url("debrief/"), {"feeling": "talk", "note": "Tired."})
    coordinator = login(cast.coordinator)
    closure = coordinator.get(shoot.url()).content.decode()
    assert "Tired." in closure and "No debrief answer yet" in closure
    coordinator.post(shoot.url("debrief/check/"), {"member": str(shoot.partner.pk)})
    assert Debrief.objects.get(member=shoot.partner).coordinator_checked_at is not None
    assert "Tired." not in login(cast.ad).get(shoot.url()).content.decode()


def test_my_shoot_days_lists_only_my_scenes_and_todays_closed_sets(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    mine = login(cast.performer).get(f"/productions/{cast.production.pk}/shoot-days/")
    assert shoot.scene.heading in mine.content.decode()
    other = login(cast.crew).get(f"/productions/{cast.production.pk}/shoot-days/")
    assert other.status_code == 200 and "No scheduled scenes for you" in other.content.decode()


# --- the state poll: a fixed, small number of queries -------------------------------------------

# Three for the log-in (session, user, second-factor device), one for the entry, two for the
# actor's membership and roles, one for the scene's newest revision, one for its cast, one for
# who has answered for it, one for the check-ins.
STATE_QUERIES = 10


def test_the_state_poll_takes_a_fixed_small_number_of_queries(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client], django_assert_max_num_queries: Any
) -> None:
    for key in ("coordinator", "performer", "ad"):
        client = login(cast.users[key])
        for url in (shoot.url("state/"), shoot.api("state")):
            client.get(url)
            with django_assert_max_num_queries(STATE_QUERIES):
                assert client.get(url).status_code == 200


def test_the_state_poll_sees_a_pause_made_by_someone_else(
    shoot: Shoot, cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.users["coordinator"])
    assert client.get(shoot.api("state")).json()["paused"] is False
    other = Client()
    other.force_login(cast.performer, backend="django.contrib.auth.backends.ModelBackend")
    assert other.post(shoot.api("pause")).status_code == 200
    assert client.get(shoot.api("state")).json()["paused"] is True
    assert PAUSED in client.get(shoot.url("state/")).content.decode()

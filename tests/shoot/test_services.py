"""Schedule, readiness, roster, check-ins, pause and resume, filming and closure."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone

from closedset.consent import services as consent_services
from closedset.consent.models import ConsentRecord
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from closedset.productions import services as production_services
from closedset.productions.models import Membership
from closedset.shoot import selectors, services
from closedset.shoot.models import (
    Entry,
    FilmedConsent,
    PauseEvent,
    PerformerCheckIn,
    RosterMember,
    SetCheckIn,
    ShootDay,
)
from tests.choreography.conftest import agree
from tests.conftest import Cast
from tests.consent.conftest import Casting

from .conftest import CALL, Shoot, add_day, rostered, schedule


def board_reasons(cast: Cast, key: str = "ad") -> dict[str, list[str]]:
    today = timezone.localdate()
    board = selectors.readiness_board(
        access=cast.access(key), start=today, end=today + timedelta(days=10)
    )
    return {f"{e.label}@{d.day.date}": e.reasons for d in board for e in d.entries}


# --- schedule ---------------------------------------------------------------------------------


def test_a_call_time_in_the_past_is_refused_and_nothing_is_created(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="in the past"):
        services.day_create(
            actor=cast.ad,
            access=cast.access("ad"),
            day=timezone.localdate() - timedelta(days=1),
            call_time=CALL,
        )
    assert not ShootDay.objects.exists()


def test_a_call_time_that_does_not_exist_is_refused(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="does not exist"):
        services.day_create(  # Europe/London skips 01:00-02:00 on 28 March 2027
            actor=cast.ad,
            access=cast.access("ad"),
            day=timezone.localdate().replace(year=2027, month=3, day=28),
            call_time=time(1, 30),
        )


def test_two_shoot_days_on_one_date_are_refused(cast: Cast) -> None:
    add_day(cast, 3)
    with pytest.raises(ServiceError, match="already a shoot day"):
        add_day(cast, 3)
    assert ShootDay.objects.count() == 1


def test_a_scene_scheduled_twice_on_one_day_is_refused(shoot: Shoot, cast: Cast) -> None:
    with pytest.raises(ServiceError, match="already scheduled"):
        schedule(cast, shoot.day, shoot.scene, Entry.Kind.REHEARSAL)
    assert Entry.objects.count() == 1


def test_only_schedulers_put_scenes_on_days(cast: Cast, casting: Casting) -> None:
    day = add_day(cast, 3)
    for key in ("coordinator", "director", "performer", "crew"):
        with pytest.raises(Forbidden):
            services.entry_schedule(
                actor=cast.users[key], access=cast.access(key), day=day, scene=casting.kitchen
            )


# --- readiness --------------------------------------------------------------------------------


def test_an_agreed_approved_scene_with_riders_issued_in_time_is_ready(
    shoot: Shoot, cast: Cast
) -> None:
    assert board_reasons(cast) == {
        f"{shoot.scene.number or shoot.scene.ordinal}@{shoot.day.date}": []
    }


def test_the_same_scene_tomorrow_misses_the_48_hour_notice(shoot: Shoot, cast: Cast) -> None:
    tomorrow = add_day(cast, 1)
    schedule(cast, tomorrow, shoot.scene)
    label = shoot.scene.number or shoot.scene.ordinal
    assert board_reasons(cast)[f"{label}@{tomorrow.date}"] == [
        "R1: rider for two performers not issued in time"
    ]


def test_a_consent_change_voids_the_approval_and_the_scene_is_not_ready(
    shoot: Shoot, cast: Cast
) -> None:
    consent_services.consent_withdraw(
        actor=cast.partner, access=cast.access("partner"), scene=shoot.scene, member=shoot.partner
    )
    reasons = board_reasons(cast)[f"{shoot.scene.number or shoot.scene.ordinal}@{shoot.day.date}"]
    assert "R8: choreography approval voided by a change; the IC re-plans" in reasons
    assert "R1: rider for one performer not issued" in reasons  # the rider was superseded


def test_a_nudity_scene_needs_a_roster_garments_and_an_ic_or_best_efforts(
    cast: Cast, casting: Casting
) -> None:
    day = add_day(cast, 5)
    schedule(cast, day, casting.bedroom)
    key = f"{casting.bedroom.number or casting.bedroom.ordinal}@{day.date}"
    reasons = board_reasons(cast)[key]
    assert "R6: closed-set roster not set" in reasons
    assert "R2: no garments or barriers listed for one performer" in reasons
    assert not any(r.startswith("R7") for r in reasons)  # the production has a coordinator
    # The coordinator leaves the production (there is no removal service yet).
    Membership.objects.filter(pk=cast.members["coordinator"].pk).update(removed_at=timezone.now())
    assert (
        "R7: no intimacy coordinator engaged and no best-efforts attempt recorded"
        in (board_reasons(cast)[key])
    )
    services.best_effort_record(
        actor=cast.producer,
        access=cast.access("producer"),
        tried_on=timezone.localdate(),
        note="Asked three registry coordinators; none free.",
    )
    board = selectors.readiness_board(access=cast.access("ad"), start=day.date, end=day.date)
    item = board[0].entries[0]
    assert not any(r.startswith("R7") for r in item.reasons)
    assert item.best_effort is not None and item.best_effort.by == cast.producer


def test_a_best_efforts_record_needs_a_note_and_a_past_date(cast: Cast) -> None:
    access = cast.access("producer")
    with pytest.raises(ServiceError, match="what was tried"):
        services.best_effort_record(
            actor=cast.producer, access=access, tried_on=timezone.localdate(), note="  "
        )
    with pytest.raises(ServiceError, match="future"):
        services.best_effort_record(
            actor=cast.producer,
            access=access,
            tried_on=timezone.localdate() + timedelta(days=2),
            note="Called the registry.",
        )


def test_only_planners_see_the_board(shoot: Shoot, cast: Cast) -> None:
    for key in ("performer", "crew", "safety"):
        with pytest.raises(NotFound):
            selectors.readiness_board(
                access=cast.access(key), start=shoot.day.date, end=shoot.day.date
            )


def test_a_minor_in_a_rehearsal_needs_a_guardian_and_a_third_adult(
    cast: Cast, casting: Casting
) -> None:
    day = add_day(cast, 6)
    schedule(cast, day, casting.yard, Entry.Kind.REHEARSAL)
    reasons = board_reasons(cast)[f"{casting.yard.number or casting.yard.ordinal}@{day.date}"]
    assert "R10: guardian's co-signature missing for one performer under 18" in reasons
    assert "R10: no third adult named for a rehearsal with a performer under 18" in reasons


ONE_ON_ONE = "R2: one-on-one rider confirmation not recorded before the rehearsal"


def test_a_rehearsal_needs_each_rider_confirmed_one_on_one_before_its_call(
    cast: Cast, casting: Casting
) -> None:
    agree(cast, casting.kitchen, "performer", "partner")
    agree(cast, casting.kitchen, "partner", "performer")
    day = add_day(cast, 7)
    schedule(cast, day, casting.kitchen, Entry.Kind.REHEARSAL)
    label = f"{casting.kitchen.number or casting.kitchen.ordinal}@{day.date}"
    assert f"{ONE_ON_ONE} (two performers)" in board_reasons(cast)[label]
    coordinator = cast.access("coordinator")
    rider = consent_services.rider_prepare(
        actor=cast.coordinator, access=coordinator, member=cast.members["performer"]
    )
    assert f"{ONE_ON_ONE} (two performers)" in board_reasons(cast)[label], "a draft is not enough"
    consent_services.rider_confirm(actor=cast.coordinator, access=coordinator, rider=rider)
    assert f"{ONE_ON_ONE} (one performer)" in board_reasons(cast)[label]


def test_a_shoot_day_does_not_ask_for_the_one_on_one(cast: Cast, casting: Casting) -> None:
    agree(cast, casting.kitchen, "performer", "partner")
    agree(cast, casting.kitchen, "partner", "performer")
    day = add_day(cast, 7)
    schedule(cast, day, casting.kitchen)
    label = f"{casting.kitchen.number or casting.kitchen.ordinal}@{day.date}"
    assert not any(r.startswith(ONE_ON_ONE) for r in board_reasons(cast)[label])


# --- roster (R6) ------------------------------------------------------------------------------


def test_a_roster_member_from_another_production_is_refused_and_nothing_changes(
    shoot: Shoot, cast: Cast
) -> None:
    rostered(cast, shoot.entry, "crew")
    outsider = production_services.member_add(
        actor=cast.other_producer,
        access=cast.access("other_producer", cast.other_production),
        user=cast.outsider,
        roles=["crew"],
    )
    with pytest.raises(ServiceError, match="Not a member of this production"):
        services.roster_set(
            actor=cast.ad,
            access=cast.access("ad"),
            entry=shoot.entry,
            rows=[services.RosterRow(member_id=outsider.pk)],
        )
    assert list(RosterMember.objects.values_list("member_id", flat=True)) == [
        cast.members["crew"].pk
    ]


def test_a_stills_photographer_needs_every_riders_permission(shoot: Shoot, cast: Cast) -> None:
    with pytest.raises(ServiceError, match="stills"):
        services.roster_set(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            entry=shoot.entry,
            rows=[services.RosterRow(member_id=cast.members["crew"].pk, stills=True)],
        )
    assert not RosterMember.objects.exists()


def test_only_the_ic_and_first_ad_set_the_roster(shoot: Shoot, cast: Cast) -> None:
    for key in ("producer", "director", "performer", "crew"):
        with pytest.raises(Forbidden):
            services.roster_set(
                actor=cast.users[key], access=cast.access(key), entry=shoot.entry, rows=[]
            )


def test_someone_not_on_the_roster_is_refused_and_the_attempt_is_recorded(
    shoot: Shoot, cast: Cast
) -> None:
    with pytest.raises(Forbidden, match="not on the closed-set roster"):
        services.set_check_in(
            actor=cast.crew,
            access=cast.access("crew"),
            entry=shoot.entry,
            no_recording_devices=True,
        )
    refusal = SetCheckIn.objects.get()
    assert refusal.refused and refusal.member == cast.members["crew"]
    assert AuditEvent.objects.filter(action=AuditAction.SHOOT_SET_REFUSED).count() == 1
    assert selectors.refused_count(entry=shoot.entry) == 1


def test_a_rostered_person_acknowledges_no_devices_once_a_day_and_checks_in_once(
    shoot: Shoot, cast: Cast
) -> None:
    rostered(cast, shoot.entry, "crew")
    access = cast.access("crew")
    with pytest.raises(ServiceError, match="no personal recording device"):
        services.set_check_in(
            actor=cast.crew, access=access, entry=shoot.entry, no_recording_devices=False
        )
    assert not SetCheckIn.objects.exists()
    services.set_check_in(
        actor=cast.crew, access=access, entry=shoot.entry, no_recording_devices=True
    )
    with pytest.raises(Conflict, match="already checked in"):
        services.set_check_in(
            actor=cast.crew, access=access, entry=shoot.entry, no_recording_devices=True
        )
    assert SetCheckIn.objects.count() == 1


# --- performers on the day (R8) ---------------------------------------------------------------


def test_a_performer_re_confirms_once_and_a_second_check_in_is_refused(
    shoot: Shoot, cast: Cast
) -> None:
    access = cast.access("performer")
    services.performer_check_in(
        actor=cast.performer, access=access, entry=shoot.entry, outcome="confirmed"
    )
    before = PerformerCheckIn.objects.get()
    with pytest.raises(Conflict, match="already checked in"):
        services.performer_check_in(
            actor=cast.performer, access=access, entry=shoot.entry, outcome="changed"
        )
    after = PerformerCheckIn.objects.get()
    assert (after.outcome, after.at) == (before.outcome, before.at)
    assert before.consent_version == 1


def test_a_performer_who_changes_re_confirms_after_re_planning(shoot: Shoot, cast: Cast) -> None:
    access = cast.access("partner")
    services.performer_check_in(
        actor=cast.partner, access=access, entry=shoot.entry, outcome="changed"
    )
    state = selectors.entry_state(access=cast.access("coordinator"), entry=shoot.entry)
    assert state.checkins is not None
    assert {c.name: c.status for c in state.checkins}[cast.partner.name] == "changed"
    services.performer_check_in(
        actor=cast.partner, access=access, entry=shoot.entry, outcome="confirmed"
    )
    assert PerformerCheckIn.objects.get().outcome == "confirmed"


def test_only_the_scenes_performers_check_in(shoot: Shoot, cast: Cast, casting: Casting) -> None:
    with pytest.raises(Forbidden):
        services.performer_check_in(
            actor=cast.minor,
            access=cast.access("minor"),
            entry=shoot.entry,
            outcome="confirmed",
        )


def test_everyone_else_sees_only_counts_of_check_ins(shoot: Shoot, cast: Cast) -> None:
    state = selectors.entry_state(access=cast.access("ad"), entry=shoot.entry)
    assert state.checkins is None and state.performers == 2 and state.checked_in == 0
    mine = selectors.entry_state(access=cast.access("performer"), entry=shoot.entry)
    assert mine.checkins is None and mine.my_checkin == "waiting"


# --- pause and resume -------------------------------------------------------------------------


def test_a_performer_pauses_and_only_the_ic_resumes_after_a_check_in(
    shoot: Shoot, cast: Cast
) -> None:
    services.scene_pause(actor=cast.performer, access=cast.access("performer"), entry=shoot.entry)
    assert selectors.entry_state(access=cast.access("crew"), entry=shoot.entry).paused
    for key in ("performer", "partner", "director", "ad", "producer"):
        with pytest.raises(Forbidden):
            services.scene_resume(
                actor=cast.users[key], access=cast.access(key), entry=shoot.entry, checked_in=True
            )
    with pytest.raises(ServiceError, match="Check in with the performers"):
        services.scene_resume(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            entry=shoot.entry,
            checked_in=False,
        )
    assert Entry.objects.get().paused_at is not None
    services.scene_resume(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        entry=shoot.entry,
        checked_in=True,
    )
    assert Entry.objects.get().paused_at is None
    assert list(PauseEvent.objects.values_list("kind", flat=True)) == ["pause", "resume"]
    with pytest.raises(Conflict, match="not paused"):
        services.scene_resume(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            entry=shoot.entry,
            checked_in=True,
        )


def test_every_press_of_pause_is_recorded(shoot: Shoot, cast: Cast) -> None:
    services.scene_pause(actor=cast.performer, access=cast.access("performer"), entry=shoot.entry)
    first = Entry.objects.get().paused_at
    services.scene_pause(
        actor=cast.coordinator, access=cast.access("coordinator"), entry=shoot.entry
    )
    assert Entry.objects.get().paused_at == first
    assert PauseEvent.objects.filter(kind="pause").count() == 2


def test_crew_and_planners_cannot_pause(shoot: Shoot, cast: Cast) -> None:
    rostered(cast, shoot.entry, "crew")
    for key in ("crew", "ad", "director", "minor"):
        with pytest.raises(Forbidden):
            services.scene_pause(actor=cast.users[key], access=cast.access(key), entry=shoot.entry)
    assert not PauseEvent.objects.exists()


# --- filmed (R4) ------------------------------------------------------------------------------


def test_filmed_freezes_the_consent_versions_and_a_later_withdrawal_does_not_reach_them(
    shoot: Shoot, cast: Cast
) -> None:
    services.scene_mark_filmed(actor=cast.ad, access=cast.access("ad"), entry=shoot.entry)
    frozen = {f.member_id: f.number for f in FilmedConsent.objects.all()}
    assert frozen == {shoot.performer.pk: 1, shoot.partner.pk: 1}
    consent_services.consent_withdraw(
        actor=cast.partner, access=cast.access("partner"), scene=shoot.scene, member=shoot.partner
    )
    record = ConsentRecord.objects.select_related("current", "filmed").get(member=shoot.partner)
    assert record.current is not None and record.current.number == 2
    assert record.filmed is not None and record.filmed.number == 1
    assert {f.member_id: f.number for f in FilmedConsent.objects.all()} == frozen
    history = selectors.frozen_versions(access=cast.access("partner"), member=shoot.partner)
    assert [(h.day, h.version) for h in history] == [(shoot.day.date, 1)]
    with pytest.raises(NotFound):
        selectors.frozen_versions(access=cast.access("ad"), member=shoot.partner)


def test_filmed_twice_or_by_others_is_refused(shoot: Shoot, cast: Cast) -> None:
    for key in ("director", "producer", "performer"):
        with pytest.raises(Forbidden):
            services.scene_mark_filmed(
                actor=cast.users[key], access=cast.access(key), entry=shoot.entry
            )
    services.scene_mark_filmed(
        actor=cast.coordinator, access=cast.access("coordinator"), entry=shoot.entry
    )
    with pytest.raises(Conflict, match="already marked filmed"):
        services.scene_mark_filmed(actor=cast.ad, access=cast.access("ad"), entry=shoot.entry)
    assert FilmedConsent.objects.count() == 2


def test_a_scene_with_a_withdrawn_consent_cannot_be_marked_filmed(shoot: Shoot, cast: Cast) -> None:
    consent_services.consent_withdraw(
        actor=cast.partner, access=cast.access("partner"), scene=shoot.scene, member=shoot.partner
    )
    with pytest.raises(ServiceError, match="no consent in force"):
        services.scene_mark_filmed(actor=cast.ad, access=cast.access("ad"), entry=shoot.entry)
    assert not FilmedConsent.objects.exists() and Entry.objects.get().filmed_at is None


# --- closure ----------------------------------------------------------------------------------


def test_a_debrief_is_private_to_the_performer_and_the_ic(shoot: Shoot, cast: Cast) -> None:
    services.debrief_answer(
        actor=cast.performer,
        access=cast.access("performer"),
        entry=shoot.entry,
        feeling="talk",
        note="The second take felt rushed.",
    )
    lines = selectors.debrief_list(access=cast.access("coordinator"), entry=shoot.entry)
    by_name = {line.member.user.name: line for line in lines}
    assert by_name[cast.performer.name].note == "The second take felt rushed."
    assert not by_name[cast.partner.name].answered and by_name[cast.partner.name].checked_at is None
    for key in ("ad", "director", "producer"):
        with pytest.raises(NotFound):
            selectors.debrief_list(access=cast.access(key), entry=shoot.entry)
    services.debrief_check(
        actor=cast.coordinator,
        access=cast.access("coordinator"),
        entry=shoot.entry,
        member=shoot.partner,
    )
    with pytest.raises(Conflict):
        services.debrief_check(
            actor=cast.coordinator,
            access=cast.access("coordinator"),
            entry=shoot.entry,
            member=shoot.partner,
        )
    assert "rushed" not in " ".join(AuditEvent.objects.values_list("summary", flat=True))

"""Readiness: every unmet condition is reported with its rule, and none is invented."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.notice import local_call_time
from closedset.rules.readiness import (
    INTIMATE,
    MESSAGES,
    RULES,
    PerformerFacts,
    SceneFacts,
    Unmet,
    describe,
    readiness,
    ready,
)

LONDON = "Europe/London"
CALL = local_call_time(date(2026, 5, 11), time(7, 0), LONDON)


def performer(key: str = "p1", **changes: object) -> PerformerFacts:
    base = PerformerFacts(
        performer=key,
        rider_issued_at=CALL - timedelta(days=5),
        rider_signed=True,
        rider_confirmed_at=CALL - timedelta(days=6),
        garments=1,
        allows_stills=True,
        age=30,
        guardian_signed=False,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def scene(**changes: object) -> SceneFacts:
    base = SceneFacts(
        scene="s1",
        call_time=CALL,
        notice_hours=48,
        categories=frozenset({"nudity", "simulated_sex"}),
        performers=(performer("p1"), performer("p2")),
        has_choreography=True,
        choreography_approved=True,
        coordinator_assigned=True,
        roster_set=True,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def codes(facts: SceneFacts) -> list[tuple[str, str, str | None]]:
    return [(u.rule, u.code, u.performer) for u in readiness(facts)]


def test_a_fully_prepared_scene_is_ready() -> None:
    assert readiness(scene()) == []
    assert ready(scene())


def test_a_scene_without_intimate_content_has_no_conditions() -> None:
    assert readiness(scene(categories=frozenset(), performers=(), has_choreography=False)) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"performers": (performer(rider_issued_at=None), performer("p2"))},
         [("R1", "rider_not_issued", "p1")]),
        ({"performers": (performer(rider_issued_at=CALL - timedelta(hours=47)), performer("p2"))},
         [("R1", "rider_late", "p1")]),
        ({"performers": (performer(rider_signed=False), performer("p2"))},
         [("R2", "rider_not_signed", "p1")]),
        ({"performers": (performer(garments=0), performer("p2"))},
         [("R2", "garments_missing", "p1")]),
        ({"has_choreography": False}, [("R5", "choreography_missing", None)]),
        ({"choreography_approved": False}, [("R5", "choreography_not_approved", None)]),
        ({"choreography_voided": True, "choreography_approved": False},
         [("R8", "choreography_voided", None)]),
        ({"reconfirm_pending": True}, [("R8", "reconfirm_pending", None)]),
        ({"coordinator_assigned": False}, [("R7", "ic_missing", None)]),
        ({"coordinator_assigned": False, "best_efforts_recorded": True}, []),
        ({"roster_set": False}, [("R6", "roster_missing", None)]),
        ({"stills_on_roster": True,
          "performers": (performer(allows_stills=False), performer("p2"))},
         [("R6", "stills_not_allowed", None)]),
        ({"performers": (performer(age=17, guardian_signed=True), performer("p2"))},
         [("R10", "minor_sexual_content", "p1")]),
        ({"categories": frozenset({"kiss"}),
          "performers": (performer(age=17), performer("p2"))},
         [("R10", "guardian_missing", "p1")]),
        ({"categories": frozenset({"kiss"}), "rehearsal": True,
          "performers": (performer(age=17, guardian_signed=True), performer("p2"))},
         [("R10", "third_adult_missing", None)]),
        ({"categories": frozenset({"kiss"}), "rehearsal": True, "third_adult": True,
          "performers": (performer(age=17, guardian_signed=True), performer("p2"))},
         []),
        # R2: the one-on-one confirmation must precede the rehearsal's call (a shoot day
        # does not ask for it; its rider is signed, which follows the confirmation).
        ({"rehearsal": True, "performers": (performer(rider_confirmed_at=None), performer("p2"))},
         [("R2", "one_on_one_missing", "p1")]),
        ({"rehearsal": True, "performers": (performer(rider_confirmed_at=CALL), performer("p2"))},
         [("R2", "one_on_one_missing", "p1")]),
        ({"rehearsal": True,
          "performers": (performer(rider_confirmed_at=CALL + timedelta(hours=1)),
                         performer("p2", rider_confirmed_at=None))},
         [("R2", "one_on_one_missing", "p1"), ("R2", "one_on_one_missing", "p2")]),
        ({"rehearsal": True,
          "performers": (performer(rider_confirmed_at=CALL - timedelta(seconds=1)),
                         performer("p2"))},
         []),
        ({"performers": (performer(rider_confirmed_at=None), performer("p2"))}, []),
        # A kiss needs no closed set, no garments and no IC (R6, R7 name nudity and sex acts).
        ({"categories": frozenset({"kiss"}), "roster_set": False, "coordinator_assigned": False,
          "performers": (performer(garments=0), performer("p2", garments=0))},
         []),
        # Sexual violence needs an IC but, by itself, no closed set.
        ({"categories": frozenset({"sexual_violence"}), "roster_set": False,
          "coordinator_assigned": False},
         [("R7", "ic_missing", None)]),
    ],
)  # fmt: skip
def test_each_condition_alone(changes: dict[str, object], expected: list[object]) -> None:
    assert codes(scene(**changes)) == expected


def test_conditions_are_independent_and_all_reported() -> None:
    facts = scene(
        performers=(
            performer("p1", rider_issued_at=None, rider_signed=False, garments=0),
            performer("p2", rider_issued_at=CALL - timedelta(hours=1)),
        ),
        has_choreography=False,
        coordinator_assigned=False,
        roster_set=False,
    )
    assert codes(facts) == [
        ("R1", "rider_late", "p2"),
        ("R1", "rider_not_issued", "p1"),
        ("R2", "garments_missing", "p1"),
        ("R2", "rider_not_signed", "p1"),
        ("R5", "choreography_missing", None),
        ("R6", "roster_missing", None),
        ("R7", "ic_missing", None),
    ]


def test_the_board_counts_performers_and_never_names_them() -> None:
    facts = scene(
        performers=(
            performer("p1", rider_issued_at=CALL - timedelta(hours=2)),
            performer("p2", rider_issued_at=CALL - timedelta(hours=3)),
            performer("p3", rider_issued_at=None),
        ),
        choreography_approved=False,
        choreography_voided=True,
    )
    lines = describe(readiness(facts))
    assert lines == [
        "R1: rider for two performers not issued in time",
        "R1: rider for one performer not issued",
        "R8: choreography approval voided by a change; the IC re-plans",
    ]
    assert not any(p in " ".join(lines) for p in ("p1", "p2", "p3"))


def test_a_naive_call_time_or_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        readiness(scene(call_time=datetime(2026, 5, 11, 7, 0)))  # noqa: DTZ001 - the point
    with pytest.raises(ValueError, match="unknown categories"):
        readiness(scene(categories=frozenset({"dancing"})))
    naive = datetime(2026, 5, 1, 7, 0)  # noqa: DTZ001 - the point
    with pytest.raises(ValueError, match="confirmation time must be timezone-aware"):
        readiness(scene(rehearsal=True, performers=(performer(rider_confirmed_at=naive),)))


def test_the_one_on_one_reason_counts_performers_and_names_none() -> None:
    facts = scene(
        rehearsal=True,
        performers=(performer(rider_confirmed_at=None), performer("p2", rider_confirmed_at=CALL)),
    )
    assert describe(readiness(facts)) == [
        "R2: one-on-one rider confirmation not recorded before the rehearsal (two performers)"
    ]


def test_every_code_has_a_rule_and_a_message() -> None:
    assert set(RULES) == set(MESSAGES)
    assert all(rule in {"R1", "R2", "R5", "R6", "R7", "R8", "R10"} for rule in RULES.values())


# --- notice boundaries across time zones and daylight-saving changes -----------------------

# Calls the morning after a clock change, and the zones that change on different dates.
DST_CALLS = [
    ("Europe/London", date(2026, 3, 30)),  # the clocks went forward on 29 March
    ("Europe/London", date(2026, 10, 26)),  # and back on 25 October
    ("America/Los_Angeles", date(2026, 3, 9)),
    ("America/Los_Angeles", date(2026, 11, 2)),
    ("Australia/Sydney", date(2026, 4, 6)),
    ("Australia/Sydney", date(2026, 10, 5)),
    ("Asia/Tokyo", date(2026, 3, 30)),  # no daylight saving at all
]


@pytest.mark.parametrize(("zone", "day"), DST_CALLS)
def test_the_notice_boundary_is_48_elapsed_hours_across_clock_changes(zone: str, day: date) -> None:
    call = local_call_time(day, time(7, 0), zone)
    deadline = call.astimezone(UTC) - timedelta(hours=48)
    on_time = scene(performers=(performer(rider_issued_at=deadline),))
    late = scene(performers=(performer(rider_issued_at=deadline + timedelta(seconds=1)),))
    assert codes(dataclasses.replace(on_time, call_time=call)) == []
    assert codes(dataclasses.replace(late, call_time=call)) == [("R1", "rider_late", "p1")]
    # The wall clock 48 hours earlier is not the deadline when the clocks changed in between.
    wall = datetime.combine(day - timedelta(days=2), time(7, 0), tzinfo=ZoneInfo(zone))
    if wall.utcoffset() != call.utcoffset():
        assert wall.astimezone(UTC) != deadline


ZONES = st.sampled_from(
    ["UTC", "Europe/London", "America/New_York", "America/Los_Angeles", "Australia/Sydney",
     "Asia/Kolkata", "Pacific/Chatham"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    zone=ZONES,
    issue_zone=ZONES,
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    hour=st.integers(min_value=0, max_value=23),
    notice=st.integers(min_value=0, max_value=24 * 14),
    offset=st.integers(min_value=-3 * 3600, max_value=3 * 3600),
)
def test_a_rider_is_on_time_exactly_when_issued_notice_hours_before_the_call(  # noqa: PLR0917 - hypothesis arguments
    zone: str, issue_zone: str, day: date, hour: int, notice: int, offset: int
) -> None:
    try:
        call = local_call_time(day, time(hour, 0), zone)
    except ValueError:
        return  # a skipped hour: the production must choose a real time
    issued = (call.astimezone(UTC) - timedelta(hours=notice, seconds=offset)).astimezone(
        ZoneInfo(issue_zone)
    )
    facts = scene(
        call_time=call, notice_hours=notice, performers=(performer(rider_issued_at=issued),)
    )
    late = offset < 0
    assert codes(facts) == ([("R1", "rider_late", "p1")] if late else [])


# --- every unmet condition reported, none invented --------------------------------------------

performers_st = st.builds(
    PerformerFacts,
    performer=st.sampled_from(["id-a", "id-b", "id-c", "id-d"]),
    rider_issued_at=st.one_of(
        st.none(),
        st.integers(min_value=-100, max_value=200).map(lambda h: CALL - timedelta(hours=h)),
    ),
    rider_signed=st.booleans(),
    rider_confirmed_at=st.one_of(
        st.none(),
        st.integers(min_value=-3600, max_value=3600).map(lambda m: CALL - timedelta(minutes=m)),
    ),
    garments=st.integers(min_value=0, max_value=3),
    allows_stills=st.booleans(),
    age=st.one_of(st.none(), st.integers(min_value=10, max_value=80)),
    guardian_signed=st.booleans(),
)
facts_st = st.builds(
    SceneFacts,
    scene=st.just("s"),
    call_time=st.just(CALL),
    notice_hours=st.integers(min_value=0, max_value=96),
    categories=st.frozensets(st.sampled_from(sorted(INTIMATE))),
    performers=st.lists(performers_st, max_size=4, unique_by=lambda p: p.performer).map(tuple),
    rehearsal=st.booleans(),
    has_choreography=st.booleans(),
    choreography_approved=st.booleans(),
    choreography_voided=st.booleans(),
    reconfirm_pending=st.booleans(),
    coordinator_assigned=st.booleans(),
    best_efforts_recorded=st.booleans(),
    roster_set=st.booleans(),
    stills_on_roster=st.booleans(),
    third_adult=st.booleans(),
)


def expected(f: SceneFacts) -> set[Unmet]:
    """The conditions restated from the issue, one predicate each, independently of the code."""
    if not f.categories:
        return set()
    out: set[Unmet] = set()
    nude_or_sex = bool(f.categories & {"nudity", "simulated_sex"})
    adult_content = bool(f.categories & {"nudity", "simulated_sex", "sexual_violence"})
    for p in f.performers:
        minor = p.age is not None and p.age < 18
        checks = {
            "rider_not_issued": p.rider_issued_at is None,
            "rider_late": p.rider_issued_at is not None
            and (f.call_time - p.rider_issued_at) < timedelta(hours=f.notice_hours),
            "rider_not_signed": not p.rider_signed,
            "one_on_one_missing": f.rehearsal
            and (p.rider_confirmed_at is None or p.rider_confirmed_at >= f.call_time),
            "garments_missing": nude_or_sex and p.garments == 0,
            "minor_sexual_content": minor and adult_content,
            "guardian_missing": minor and not p.guardian_signed,
        }
        out |= {Unmet(RULES[c], c, p.performer) for c, failed in checks.items() if failed}
    checks = {
        "choreography_missing": not f.has_choreography,
        "choreography_voided": f.has_choreography and f.choreography_voided,
        "choreography_not_approved": f.has_choreography
        and not f.choreography_voided
        and not f.choreography_approved,
        "reconfirm_pending": f.has_choreography and f.reconfirm_pending,
        "ic_missing": adult_content and not f.coordinator_assigned and not f.best_efforts_recorded,
        "roster_missing": nude_or_sex and not f.roster_set,
        "stills_not_allowed": f.stills_on_roster and any(not p.allows_stills for p in f.performers),
        "third_adult_missing": f.rehearsal
        and not f.third_adult
        and any(p.age is not None and p.age < 18 for p in f.performers),
    }
    return out | {Unmet(RULES[c], c) for c, failed in checks.items() if failed}


@settings(max_examples=500, deadline=None)
@given(facts_st)
def test_readiness_reports_exactly_the_unmet_conditions(facts: SceneFacts) -> None:
    found = readiness(facts)
    assert len(found) == len(set(found)), "a condition reported twice"
    assert set(found) == expected(facts)
    assert ready(facts) is (not found)
    assert len(describe(found)) == len({u.code for u in found})


@settings(max_examples=200, deadline=None)
@given(facts_st)
def test_the_board_text_never_holds_a_performer_id(facts: SceneFacts) -> None:
    text = " ".join(describe(readiness(facts)))
    for p in facts.performers:
        assert f" {p.performer} " not in f" {text} "

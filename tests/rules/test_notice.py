"""R1: riders issued at least `notice_hours` before the call, in elapsed hours, in any zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closedset.rules.notice import local_call_time, notice_deadline, notice_given, rider_on_time

LONDON = ZoneInfo("Europe/London")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")
CALL = datetime(2026, 5, 11, 7, 0, tzinfo=LONDON)


def wall(moment: datetime) -> tuple[date, time]:
    """What the clock on the wall shows."""
    return (moment.date(), moment.time())


@pytest.mark.parametrize(
    ("before", "on_time"),
    [
        (timedelta(hours=48), True),
        (timedelta(hours=48, seconds=1), True),
        (timedelta(hours=72), True),
        (timedelta(hours=47, minutes=59, seconds=59), False),
        (timedelta(hours=47, minutes=59), False),
        (timedelta(hours=1), False),
        (timedelta(0), False),
        (-timedelta(hours=1), False),
    ],
)
def test_the_48_hour_boundary(before: timedelta, on_time: bool) -> None:
    assert rider_on_time(CALL - before, CALL, 48) is on_time


def test_exactly_on_the_deadline_is_on_time_and_one_second_later_is_late() -> None:
    deadline = notice_deadline(CALL, 48)
    assert rider_on_time(deadline, CALL, 48)
    assert not rider_on_time(deadline + timedelta(seconds=1), CALL, 48)
    assert not rider_on_time(deadline + timedelta(microseconds=1), CALL, 48)


def test_the_notice_period_is_a_parameter() -> None:
    issued = CALL - timedelta(hours=30)
    assert rider_on_time(issued, CALL, 24)
    assert not rider_on_time(issued, CALL, 48)
    assert rider_on_time(CALL, CALL, 0)


def test_the_issue_and_call_may_be_in_different_zones() -> None:
    call = datetime(2026, 5, 11, 7, 0, tzinfo=LOS_ANGELES)  # 14:00 UTC
    issued = datetime(2026, 5, 9, 23, 0, tzinfo=TOKYO)  # 14:00 UTC, two days before
    assert rider_on_time(issued, call, 48)
    assert not rider_on_time(issued + timedelta(seconds=1), call, 48)
    assert notice_given(issued, call) == timedelta(hours=48)


def test_the_deadline_is_shown_in_the_call_times_zone() -> None:
    deadline = notice_deadline(CALL, 48)
    assert deadline.tzinfo is LONDON
    assert deadline == datetime(2026, 5, 9, 7, 0, tzinfo=LONDON)


def test_spring_forward_in_london_counts_elapsed_hours() -> None:
    # Clocks go forward at 01:00 GMT on 29 March 2026.
    call = datetime(2026, 3, 30, 7, 0, tzinfo=LONDON)  # 06:00 UTC
    deadline = notice_deadline(call, 48)
    assert wall(deadline) == (date(2026, 3, 28), time(6, 0))
    issued = datetime(2026, 3, 28, 6, 30, tzinfo=LONDON)  # 48.5 h on the wall clock, 47.5 elapsed
    assert not rider_on_time(issued, call, 48)
    assert rider_on_time(datetime(2026, 3, 28, 6, 0, tzinfo=LONDON), call, 48)


def test_fall_back_in_london_counts_elapsed_hours() -> None:
    # Clocks go back at 02:00 BST on 25 October 2026.
    call = datetime(2026, 10, 26, 7, 0, tzinfo=LONDON)  # 07:00 UTC
    deadline = notice_deadline(call, 48)
    assert wall(deadline) == (date(2026, 10, 24), time(8, 0))
    issued = datetime(2026, 10, 24, 7, 30, tzinfo=LONDON)  # 47.5 h on the wall clock, 48.5 elapsed
    assert rider_on_time(issued, call, 48)
    assert not rider_on_time(datetime(2026, 10, 24, 8, 0, 1, tzinfo=LONDON), call, 48)


def test_spring_forward_and_fall_back_in_los_angeles() -> None:
    # 8 March 2026: 02:00 PST -> 03:00 PDT. 1 November 2026: 02:00 PDT -> 01:00 PST.
    spring_call = datetime(2026, 3, 9, 6, 0, tzinfo=LOS_ANGELES)
    assert wall(notice_deadline(spring_call, 48)) == (date(2026, 3, 7), time(5, 0))
    fall_call = datetime(2026, 11, 2, 6, 0, tzinfo=LOS_ANGELES)
    assert wall(notice_deadline(fall_call, 48)) == (date(2026, 10, 31), time(7, 0))


def test_a_call_time_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match=r"R1: 02:30:00 does not exist on 2026-03-08"):
        local_call_time(date(2026, 3, 8), time(2, 30), "America/Los_Angeles")
    with pytest.raises(ValueError, match="does not exist"):
        local_call_time(date(2026, 3, 29), time(1, 15), "Europe/London")


def test_a_call_time_that_occurs_twice_is_the_earlier_instant() -> None:
    call = local_call_time(date(2026, 11, 1), time(1, 30), "America/Los_Angeles")
    assert call.utcoffset() == timedelta(hours=-7)  # still daylight time
    assert call.astimezone(UTC) == datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    london = local_call_time(date(2026, 10, 25), time(1, 30), "Europe/London")
    assert london.utcoffset() == timedelta(hours=1)


def test_an_ordinary_call_time() -> None:
    call = local_call_time(date(2026, 7, 1), time(6, 45), "Europe/London")
    assert call == datetime(2026, 7, 1, 5, 45, tzinfo=UTC)
    assert call.tzinfo == LONDON


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", "../etc/passwd", "utc+1"])
def test_an_unknown_time_zone_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="R1: unknown time zone"):
        local_call_time(date(2026, 7, 1), time(7, 0), name)


def test_a_call_time_with_its_own_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="R1"):
        local_call_time(date(2026, 7, 1), time(7, 0, tzinfo=UTC), "Europe/London")


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 5, 11, 7, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="R1: the issue time must be timezone-aware"):
        rider_on_time(naive, CALL, 48)
    with pytest.raises(ValueError, match="R1: the call time must be timezone-aware"):
        rider_on_time(CALL, naive, 48)
    with pytest.raises(ValueError, match="R1"):
        notice_deadline(naive, 48)


@pytest.mark.parametrize("hours", [-1, True, 1.5])
def test_notice_hours_is_a_whole_number(hours: object) -> None:
    with pytest.raises(ValueError, match="R1"):
        rider_on_time(CALL, CALL, hours)  # type: ignore[arg-type]


ZONES: st.SearchStrategy[tzinfo] = st.sampled_from(
    [
        UTC,
        LONDON,
        LOS_ANGELES,
        TOKYO,
        ZoneInfo("Australia/Lord_Howe"),  # a 30-minute daylight-saving shift
        ZoneInfo("Asia/Kolkata"),
        timezone(timedelta(hours=-3, minutes=-30)),
    ]
)
INSTANTS = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
    max_value=datetime(2030, 1, 1),  # noqa: DTZ001
    timezones=ZONES,
)


@settings(max_examples=400, deadline=None)
@given(INSTANTS, INSTANTS, st.integers(0, 240))
def test_on_time_means_enough_elapsed_time(issued: datetime, call: datetime, hours: int) -> None:
    elapsed = issued.astimezone(UTC) - call.astimezone(UTC)
    assert rider_on_time(issued, call, hours) is (-elapsed >= timedelta(hours=hours))
    assert notice_given(issued, call) == -elapsed


@settings(max_examples=400, deadline=None)
@given(INSTANTS, st.integers(0, 240), ZONES)
def test_the_deadline_is_the_boundary_in_every_zone(
    call: datetime, hours: int, zone: tzinfo
) -> None:
    deadline = notice_deadline(call, hours)
    assert call.astimezone(UTC) - deadline.astimezone(UTC) == timedelta(hours=hours)
    assert rider_on_time(deadline.astimezone(zone), call, hours)
    # One second later, as an instant: adding to a zoned datetime would move the wall clock.
    later = (deadline.astimezone(UTC) + timedelta(seconds=1)).astimezone(zone)
    assert not rider_on_time(later, call, hours)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.times(),
    st.sampled_from(["Europe/London", "America/Los_Angeles", "Australia/Lord_Howe", "Asia/Tokyo"]),
)
def test_a_local_call_time_keeps_its_wall_clock_or_is_refused(
    day: date, at: time, name: str
) -> None:
    try:
        call = local_call_time(day, at, name)
    except ValueError as error:
        assert "does not exist" in str(error)
        return
    assert (call.date(), call.time()) == (day, at)
    assert call.astimezone(UTC).astimezone(ZoneInfo(name)).replace(tzinfo=None) == call.replace(
        tzinfo=None, fold=0
    )

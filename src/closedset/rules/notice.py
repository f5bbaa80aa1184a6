"""R1: a rider must be issued at least `notice_hours` before the call time of the shoot day.

    notice_deadline(call_time, notice_hours) -> datetime   the last on-time moment
    rider_on_time(issued_at, call_time, notice_hours) -> bool
    notice_given(issued_at, call_time) -> timedelta         elapsed time from issue to call
    local_call_time(day, time, tz_name) -> datetime         a call time in the production's zone

Hours are **elapsed** hours: real time between the two instants, whatever the clocks in between
do. Across a spring-forward night 48 hours before a 07:00 call is 06:00 two days earlier on the
wall clock; across a fall-back night it is 08:00. A notice period is a duration, and elapsed time
is the only reading that is the same in every time zone the rider is issued from.

A rider issued exactly `notice_hours` before the call is on time; one second later it is late.
Datetimes must be timezone-aware (ValueError otherwise): a naive time has no instant. Callers
that compute instants should do so in UTC: Python adds a timedelta to a zoned datetime on the
wall clock, so `deadline + timedelta(seconds=1)` can land an hour away on a fall-back night.

`local_call_time` turns a date and a wall-clock time in an IANA zone into an aware datetime:
- a time that does not exist (the hour skipped when clocks go forward) raises ValueError naming
  it: the production must choose a real time;
- a time that occurs twice (the hour repeated when clocks go back) is the **earlier** instant,
  which gives the longer notice requirement.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"R1: {name} must be timezone-aware")
    return value.astimezone(UTC)


def _hours(notice_hours: int) -> timedelta:
    if isinstance(notice_hours, bool) or not isinstance(notice_hours, int) or notice_hours < 0:
        raise ValueError("R1: notice_hours is a whole number of hours, 0 or more")
    return timedelta(hours=notice_hours)


def notice_deadline(call_time: datetime, notice_hours: int) -> datetime:
    """The latest on-time issue moment, expressed in the call time's zone."""
    deadline = _aware(call_time, "the call time") - _hours(notice_hours)
    return deadline.astimezone(call_time.tzinfo)


def rider_on_time(issued_at: datetime, call_time: datetime, notice_hours: int) -> bool:
    """R1: issued at least `notice_hours` elapsed hours before the call time."""
    issued = _aware(issued_at, "the issue time")
    return issued <= _aware(call_time, "the call time") - _hours(notice_hours)


def notice_given(issued_at: datetime, call_time: datetime) -> timedelta:
    """Elapsed time from issue to call (negative when issued after the call)."""
    return _aware(call_time, "the call time") - _aware(issued_at, "the issue time")


def local_call_time(day: date, at: time, tz_name: str) -> datetime:
    """The call time `at` on `day` in zone `tz_name` as an aware datetime (see module notes)."""
    if at.tzinfo is not None:
        raise ValueError("R1: give the call time as a local wall-clock time, without a zone")
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"R1: unknown time zone {tz_name!r}") from None
    wall = datetime.combine(day, at.replace(fold=0))
    first = wall.replace(tzinfo=zone)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise ValueError(
            f"R1: {at.isoformat()} does not exist on {day.isoformat()} in {tz_name} "
            "(the clocks go forward); choose another call time"
        )
    return first

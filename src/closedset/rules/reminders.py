"""R1 reminders: which riders must be issued within the next day to meet the notice period.

    due_reminders(pending, now, window=24 h) -> list[Due]     sorted by deadline, then key
    deadline_text(deadline, tz_name) -> str                   "14:00 on Tue 1 Dec (Europe/London)"

A ``Pending`` is one performer in one scheduled scene whose rider is not issued yet; ``key`` is
the caller's own identity for it (opaque here). Its deadline is ``notice.notice_deadline``: the
last on-time moment, ``notice_hours`` elapsed hours before the call. It is **due** for a reminder
when that deadline is not yet past and falls within ``window`` of ``now``:

    now <= deadline <= now + window

Both ends are inclusive: at the deadline itself a rider issued is still on time (see
``notice``), so a reminder then still helps; a deadline exactly one window away is due. Elapsed
time throughout: on a daylight-saving night, "within 24 hours" is 24 real hours, never the wall
clock. Datetimes must be timezone-aware (ValueError otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from closedset.rules.notice import notice_deadline

WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Pending:
    """A performer in a scheduled scene whose rider covering it is not issued yet."""

    key: str
    call_time: datetime
    notice_hours: int


@dataclass(frozen=True, slots=True)
class Due:
    key: str
    deadline: datetime  # in UTC


def _utc(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"reminders: {name} must be timezone-aware")
    return value.astimezone(UTC)


def due_reminders(
    pending: Iterable[Pending], now: datetime, window: timedelta = WINDOW
) -> list[Due]:
    """The pending riders whose notice deadline is not past and falls within ``window``."""
    if window < timedelta(0):
        raise ValueError("reminders: the window cannot be negative")
    start = _utc(now, "now")
    end = start + window
    found = []
    for item in pending:
        deadline = _utc(
            notice_deadline(_utc(item.call_time, "the call time"), item.notice_hours), ""
        )
        if start <= deadline <= end:
            found.append(Due(item.key, deadline))
    return sorted(found, key=lambda d: (d.deadline, d.key))


def deadline_text(deadline: datetime, tz_name: str) -> str:
    """The deadline on the production's wall clock, with its zone named: "14:00 on Tue 1 Dec
    (Europe/London)"."""
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"reminders: unknown time zone {tz_name!r}") from None
    local = _utc(deadline, "the deadline").astimezone(zone)
    return f"{local:%H:%M} on {local:%a} {local.day} {local:%b} ({tz_name})"

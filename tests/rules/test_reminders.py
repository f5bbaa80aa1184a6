"""R1 reminders: a rider due within the next 24 hours (elapsed), across zones and DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closedset.rules.notice import notice_deadline
from closedset.rules.reminders import Due, Pending, deadline_text, due_reminders

LONDON = ZoneInfo("Europe/London")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TOKYO = ZoneInfo("Asia/Tokyo")
SYDNEY = ZoneInfo("Australia/Sydney")
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("call", "notice", "now", "due"),
    [
        # London, no clock change: 07:00 Thursday call, 48 h → deadline 07:00 Tuesday.
        (datetime(2026, 6, 4, 7, tzinfo=LONDON), 48, datetime(2026, 6, 1, 7, tzinfo=LONDON), True),
        (
            datetime(2026, 6, 4, 7, tzinfo=LONDON),
            48,
            datetime(2026, 6, 1, 6, 59, tzinfo=LONDON),
            False,
        ),
        (datetime(2026, 6, 4, 7, tzinfo=LONDON), 48, datetime(2026, 6, 2, 7, tzinfo=LONDON), True),
        (
            datetime(2026, 6, 4, 7, tzinfo=LONDON),
            48,
            datetime(2026, 6, 2, 7, 0, 1, tzinfo=LONDON),
            False,
        ),
        # London spring forward (29 Mar 2026 01:00 UTC): a 07:00 BST Monday call, 48 h → 06:00
        # GMT Saturday on the wall. 24 elapsed hours before that is 06:00 GMT Friday.
        (
            datetime(2026, 3, 30, 7, tzinfo=LONDON),
            48,
            datetime(2026, 3, 27, 6, tzinfo=LONDON),
            True,
        ),
        (
            datetime(2026, 3, 30, 7, tzinfo=LONDON),
            48,
            datetime(2026, 3, 27, 5, 59, tzinfo=LONDON),
            False,
        ),
        # London fall back (25 Oct 2026): a 07:00 GMT Monday call → 08:00 BST Saturday.
        (
            datetime(2026, 10, 26, 7, tzinfo=LONDON),
            48,
            datetime(2026, 10, 23, 8, tzinfo=LONDON),
            True,
        ),
        (
            datetime(2026, 10, 26, 7, tzinfo=LONDON),
            48,
            datetime(2026, 10, 23, 7, 59, tzinfo=LONDON),
            False,
        ),
        # The window itself spans the change: 24 elapsed hours from Saturday 12:00 BST is
        # Sunday 11:00 GMT (fall back) — a deadline at Sunday 11:30 GMT is not yet due.
        (
            datetime(2026, 10, 27, 11, 30, tzinfo=LONDON),
            48,
            datetime(2026, 10, 24, 12, tzinfo=LONDON),
            False,
        ),
        (
            datetime(2026, 10, 27, 11, tzinfo=LONDON),
            48,
            datetime(2026, 10, 24, 12, tzinfo=LONDON),
            True,
        ),
        # Los Angeles spring forward (8 Mar 2026): 07:00 PDT Tuesday → 07:00 PDT Sunday (14:00
        # UTC); read from Tokyo, 24 h before is 23:00 Saturday there.
        (
            datetime(2026, 3, 10, 7, tzinfo=LOS_ANGELES),
            48,
            datetime(2026, 3, 8, 7, tzinfo=LOS_ANGELES) - 24 * H,
            True,
        ),
        (
            datetime(2026, 3, 10, 7, tzinfo=LOS_ANGELES),
            48,
            datetime(2026, 3, 7, 22, 59, tzinfo=TOKYO),
            False,
        ),
        # Sydney (southern hemisphere) fall back, 5 Apr 2026; a 72-hour notice.
        (datetime(2026, 4, 7, 7, tzinfo=SYDNEY), 72, datetime(2026, 4, 3, 8, tzinfo=SYDNEY), True),
        (
            datetime(2026, 4, 7, 7, tzinfo=SYDNEY),
            72,
            datetime(2026, 4, 3, 7, 59, tzinfo=SYDNEY),
            False,
        ),
        # Past deadlines are never due.
        (datetime(2026, 6, 4, 7, tzinfo=LONDON), 48, datetime(2026, 6, 3, 7, tzinfo=LONDON), False),
        # A zero notice: the deadline is the call itself.
        (datetime(2026, 6, 4, 7, tzinfo=LONDON), 0, datetime(2026, 6, 3, 8, tzinfo=LONDON), True),
    ],
)
def test_a_reminder_is_due_when_the_deadline_is_within_the_next_24_elapsed_hours(
    call: datetime, notice: int, now: datetime, due: bool
) -> None:
    found = due_reminders([Pending("a", call, notice)], now)
    assert bool(found) is due
    if due:
        assert found == [Due("a", notice_deadline(call, notice).astimezone(UTC))]


def test_the_deadline_is_shown_on_the_production_wall_clock_with_its_zone() -> None:
    deadline = datetime(2026, 12, 1, 14, tzinfo=UTC)
    assert deadline_text(deadline, "Europe/London") == "14:00 on Tue 1 Dec (Europe/London)"
    assert deadline_text(deadline, "Asia/Tokyo") == "23:00 on Tue 1 Dec (Asia/Tokyo)"
    assert deadline_text(deadline, "America/Los_Angeles") == (
        "06:00 on Tue 1 Dec (America/Los_Angeles)"
    )


def test_naive_times_unknown_zones_and_negative_windows_are_refused() -> None:
    aware = datetime(2026, 6, 4, 7, tzinfo=LONDON)
    with pytest.raises(ValueError, match="timezone-aware"):
        due_reminders([Pending("a", aware, 48)], datetime(2026, 6, 1, 7))  # noqa: DTZ001
    with pytest.raises(ValueError, match="timezone-aware"):
        due_reminders([Pending("a", datetime(2026, 6, 4, 7), 48)], aware)  # noqa: DTZ001
    with pytest.raises(ValueError, match="negative"):
        due_reminders([], aware, -H)
    with pytest.raises(ValueError, match="unknown time zone"):
        deadline_text(aware, "Mars/Olympus")


def test_due_reminders_are_sorted_by_deadline() -> None:
    now = datetime(2026, 6, 1, 0, tzinfo=UTC)
    pending = [
        Pending("late", now + 60 * H, 48),
        Pending("early", now + 50 * H, 48),
        Pending("never", now + 80 * H, 48),
    ]
    assert [d.key for d in due_reminders(pending, now)] == ["early", "late"]


@given(
    offset=st.integers(min_value=-3 * 24 * 60, max_value=4 * 24 * 60),
    notice=st.integers(min_value=0, max_value=14 * 24),
    zone=st.sampled_from([LONDON, LOS_ANGELES, TOKYO, SYDNEY, UTC]),
)
def test_due_exactly_when_the_elapsed_time_to_the_deadline_is_between_0_and_24_hours(
    offset: int, notice: int, zone: ZoneInfo
) -> None:
    now = datetime(2026, 3, 28, 12, tzinfo=UTC)
    call = (now + timedelta(hours=notice, minutes=offset)).astimezone(zone)
    found = due_reminders([Pending("p", call, notice)], now.astimezone(zone))
    assert bool(found) is (0 <= offset <= 24 * 60)

"""R1 notice reminders: e-mailed once to coordinators and producers, in production terms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from closedset.core.models import AuditAction, AuditEvent
from closedset.rules.notice import notice_deadline
from closedset.shoot.models import Entry, Reminder
from closedset.shoot.reminders import reminders_send
from closedset.shoot.services import call_instant
from tests.choreography.conftest import agree
from tests.conftest import Cast
from tests.consent.conftest import Casting

from .conftest import add_day, issue_rider, schedule

pytestmark = pytest.mark.django_db


def _deadline(cast: Cast, entry: Entry) -> datetime:
    call = call_instant(entry.day, cast.production.time_zone)
    return notice_deadline(call, cast.production.notice_hours).astimezone(UTC)


def _kitchen(cast: Cast, casting: Casting, days: int = 4) -> Entry:
    agree(cast, casting.kitchen, "performer", "partner")
    agree(cast, casting.kitchen, "partner", "performer")
    return schedule(cast, add_day(cast, days), casting.kitchen)


def _send(capture: Any, now: datetime) -> int:
    mail.outbox.clear()
    with capture(execute=True):
        return reminders_send(now=now)


def test_a_rider_due_within_24_hours_is_reminded_once_to_coordinators_and_producers(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    entry = _kitchen(cast, casting)
    deadline = _deadline(cast, entry)
    assert _send(django_capture_on_commit_callbacks, deadline - timedelta(hours=3)) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.users["coordinator"].email, cast.users["producer"].email]
    )
    message = mail.outbox[0]
    label = casting.kitchen.number or str(casting.kitchen.ordinal)
    day = entry.day.date
    assert f"Scene {label} on {day:%a} {day.day} {day:%b}: riders for two performers" in (
        message.body
    )
    assert "(Europe/London) to meet the 48-hour notice" in message.body
    for user in (cast.users["performer"], cast.users["partner"]):
        assert user.name not in message.body + message.subject
    assert Reminder.objects.filter(day=entry.day, lineage=entry.lineage).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.SHOOT_REMINDER_SENT).count() == 1

    assert _send(django_capture_on_commit_callbacks, deadline - timedelta(hours=1)) == 0
    assert mail.outbox == []
    assert Reminder.objects.count() == 2


def test_nothing_is_sent_before_the_window_or_after_the_deadline(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    deadline = _deadline(cast, _kitchen(cast, casting))
    for now in (deadline - timedelta(hours=24, seconds=1), deadline + timedelta(seconds=1)):
        assert _send(django_capture_on_commit_callbacks, now) == 0
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_an_issued_rider_is_not_reminded_and_the_count_says_one(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    entry = _kitchen(cast, casting)
    issue_rider(cast, "performer")
    assert _send(django_capture_on_commit_callbacks, _deadline(cast, entry)) == 1
    assert ": a rider must be issued by " in mail.outbox[0].body
    assert list(Reminder.objects.values_list("member_id", flat=True)) == [
        cast.members["partner"].pk
    ]


def test_a_scene_with_no_intimacy_is_never_reminded(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    entry = schedule(cast, add_day(cast, 4), casting.harbour)
    assert _send(django_capture_on_commit_callbacks, _deadline(cast, entry)) == 0
    assert not Reminder.objects.exists()


def test_a_moved_call_time_earns_a_new_reminder(
    cast: Cast, casting: Casting, django_capture_on_commit_callbacks: Any
) -> None:
    entry = _kitchen(cast, casting)
    first = _deadline(cast, entry)
    assert _send(django_capture_on_commit_callbacks, first) == 1
    entry.day.call_time = entry.day.call_time.replace(hour=9)
    entry.day.save(update_fields=["call_time"])
    assert _send(django_capture_on_commit_callbacks, first) == 1
    assert Reminder.objects.count() == 4


def test_closedset_remind_queues_the_task_and_now_sends_in_process(
    cast: Cast, casting: Casting
) -> None:
    _kitchen(cast, casting, days=2)  # the deadline is tomorrow morning: within 24 h or past
    out = StringIO()
    call_command("remind", "--now", stdout=out)
    assert "reminder(s) sent" in out.getvalue()
    queued = StringIO()
    call_command("remind", stdout=queued)
    assert "reminders queued" in queued.getvalue()


def test_remind_is_a_closedset_command_listed_in_the_help() -> None:
    from closedset import cli  # noqa: PLC0415

    assert "remind" in cli.DJANGO_COMMANDS
    assert "  remind [--now]" in cli.HELP

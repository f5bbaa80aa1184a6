"""R1 reminders: e-mail the coordinators and producers when a scheduled intimate scene will miss
the notice period unless a rider is issued within the next 24 hours.

``reminders_send`` is the write (run by the ``send_reminders`` task, which ``closedset remind``
enqueues); which deadlines are due is ``closedset.rules.reminders``. Each reminder sent is kept
(scene, day, performer, deadline), so running it again sends nothing new. The message is in
production terms: the scene, the day and the deadline; never whose rider, never why.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from closedset.core import audit
from closedset.core.models import AuditAction
from closedset.core.notify import notify
from closedset.core.permissions import Perm
from closedset.productions.models import Production
from closedset.productions.selectors import members_with
from closedset.rules import reminders as rules
from closedset.shoot.models import Entry, Reminder
from closedset.shoot.policies import entry_scene
from closedset.shoot.selectors import performer_riders, scene_categories
from closedset.shoot.services import call_instant

_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five"}


def _horizon(production: Production) -> int:
    """Days ahead whose calls can have a deadline within the window (generously rounded)."""
    return (production.notice_hours + 24) // 24 + 2


def _pending(now: datetime) -> tuple[list[rules.Pending], dict[str, tuple[Entry, str]]]:
    """Every performer of a scheduled intimate scene, from yesterday on, without an issued
    rider covering it."""
    today = timezone.localdate(now)
    pending: list[rules.Pending] = []
    index: dict[str, tuple[Entry, str]] = {}
    productions = Production.objects.filter(
        pk__in=Entry.objects.filter(day__date__gte=today - timedelta(days=1)).values(
            "production_id"
        )
    )
    for production in productions:
        entries = (
            Entry.objects.filter(
                production=production,
                day__date__gte=today - timedelta(days=1),
                day__date__lte=today + timedelta(days=_horizon(production)),
                filmed_at__isnull=True,
            )
            .select_related("day", "scene", "production")
            .order_by("day__date", "created_at")
        )
        for entry in entries:
            if not scene_categories(entry_scene(entry)):
                continue
            call = call_instant(entry.day, production.time_zone)
            for member_id, facts in performer_riders(entry).items():
                if facts.issued_at is None:
                    key = f"{entry.pk}:{member_id}"
                    pending.append(rules.Pending(key, call, production.notice_hours))
                    index[key] = (entry, member_id)
    return pending, index


def _riders(count: int) -> str:
    return "a rider" if count == 1 else f"riders for {_NUMBERS.get(count, str(count))} performers"


@transaction.atomic
def reminders_send(*, now: datetime | None = None) -> int:
    """Send the reminders now due and not sent before; return how many messages went out."""
    moment = now or timezone.now()
    pending, index = _pending(moment)
    fresh: dict[tuple[Any, datetime], int] = defaultdict(int)
    entries: dict[Any, Entry] = {}
    for due in rules.due_reminders(pending, moment):
        entry, member_id = index[due.key]
        _, created = Reminder.objects.get_or_create(
            day=entry.day,
            lineage=entry.lineage,
            member_id=member_id,
            deadline=due.deadline,
            defaults={"production": entry.production, "sent_at": moment},
        )
        if created:
            fresh[(entry.pk, due.deadline)] += 1
            entries[entry.pk] = entry
    for (entry_id, deadline), count in fresh.items():
        _send(entries[entry_id], deadline, count)
    return len(fresh)


def _send(entry: Entry, deadline: datetime, count: int) -> None:
    production = entry.production
    scene = entry_scene(entry)
    label = scene.number or str(scene.ordinal)
    day = entry.day.date
    when = f"{day:%a} {day.day} {day:%b}"
    by = rules.deadline_text(deadline, production.time_zone)
    opening = f"Scene {label} on {when}"
    if entry.kind == Entry.Kind.REHEARSAL:
        opening = f"Rehearsal of scene {label} on {when}"
    notify(
        [m.user.email for m in members_with(production, Perm.CONSENT_COORDINATE)]
        + [m.user.email for m in members_with(production, Perm.RIDER_COUNTERSIGN)],
        f"{production.title}: scene {label} on {when} needs a rider issued by {by}",
        f"{opening}: {_riders(count)} must be issued by {by} to meet the "
        f"{production.notice_hours}-hour notice.\n"
        "The readiness board and the riders page have the details.\n",
    )
    audit.record(
        AuditAction.SHOOT_REMINDER_SENT,
        production=production,
        obj=entry,
        summary=f"notice reminder: scene {label} on {day.isoformat()}, {count} rider(s)",
    )


@task()
def send_reminders() -> int:
    """The background task ``closedset remind`` enqueues."""
    return reminders_send()

"""Calendar export: a private, revocable link to an RFC 5545 calendar of one's own scenes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from closedset.accounts.models import User
from closedset.core.errors import NotFound
from closedset.core.models import AuditAction, AuditEvent
from closedset.shoot import ics, selectors, services
from closedset.shoot.models import CalendarLink
from tests.conftest import Cast
from tests.consent.conftest import Casting

from .conftest import Shoot, rostered, schedule

pytestmark = pytest.mark.django_db


def _link(cast: Cast, key: str) -> str:
    return services.calendar_link_create(actor=cast.users[key], access=cast.access(key))


def _feed(token: str) -> tuple[int, str]:
    response = Client().get(f"/calendar/{token}.ics")
    return response.status_code, response.content.decode("utf-8")


def parse(text: str) -> list[dict[str, str]]:
    """Check the RFC 5545 structure and return the events' properties (unfolded)."""
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in lines[1:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert required in current
            assert re.fullmatch(r"\d{8}T\d{6}Z", current["DTSTART"])
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
        else:
            assert name in {"VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"}
    assert current is None
    return events


def test_a_performer_calendar_lists_their_scenes_only_with_the_call_time_in_utc(
    shoot: Shoot, cast: Cast, casting: Casting
) -> None:
    schedule(cast, shoot.day, casting.yard)  # Ana is not in the schoolyard
    status, text = _feed(_link(cast, "performer"))
    assert status == 200
    events = parse(text)
    assert len(events) == 1
    call = selectors.call_instant(shoot.day, cast.production.time_zone)
    assert events[0]["DTSTART"] == call.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert "KITCHEN" in events[0]["SUMMARY"]
    assert "SCHOOLYARD" not in text
    for private in ("rider", "consent", cast.users["partner"].name, cast.users["performer"].name):
        assert private.lower() not in text.lower()


def test_crew_see_only_the_scenes_they_are_rostered_for(shoot: Shoot, cast: Cast) -> None:
    token = _link(cast, "crew")
    assert parse(_feed(token)[1]) == []
    rostered(cast, shoot.entry, "crew")
    assert len(parse(_feed(token)[1])) == 1


def test_the_token_is_kept_only_as_its_sha256(cast: Cast) -> None:
    token = _link(cast, "performer")
    link = CalendarLink.objects.get(member=cast.members["performer"])
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in link.token_hash
    assert AuditEvent.objects.filter(action=AuditAction.SHOOT_CALENDAR_LINK_CREATED).exists()


def test_revoked_recreated_unknown_and_removed_links_are_not_found(
    shoot: Shoot, cast: Cast
) -> None:
    first = _link(cast, "performer")
    second = _link(cast, "performer")
    assert _feed(first)[0] == 404, "a new link replaces the old one"
    assert _feed(second)[0] == 200
    assert services.calendar_link_revoke(actor=cast.performer, access=cast.access("performer"))
    assert _feed(second)[0] == 404
    assert _feed("not-a-token")[0] == 404
    assert not services.calendar_link_revoke(actor=cast.performer, access=cast.access("performer"))
    third = _link(cast, "partner")
    member = cast.members["partner"]
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    assert _feed(third)[0] == 404


def test_an_unknown_and_a_revoked_token_take_the_same_path(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    token = _link(cast, "performer")
    services.calendar_link_revoke(actor=cast.performer, access=cast.access("performer"))
    for candidate in (token, "x" * len(token)):
        with django_assert_num_queries(1), pytest.raises(NotFound):
            selectors.calendar_for_token(candidate)


def test_the_page_shows_a_new_link_once_and_revokes_it(
    cast: Cast, login: Callable[[User], Client]
) -> None:
    client = login(cast.performer)
    page = f"/productions/{cast.production.pk}/calendar/"
    assert "No calendar link yet" in client.get(page).content.decode()
    created = client.post(page + "new/").content.decode()
    (url,) = re.findall(r"http://testserver/calendar/[^<\s]+\.ics", created)
    assert Client().get(url).status_code == 200
    again = client.get(page).content.decode()
    assert url not in again
    assert "You have a calendar link" in again
    assert client.post(page + "revoke/").status_code == 302
    assert Client().get(url).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.SHOOT_CALENDAR_LINK_REVOKED).exists()


def test_the_calendar_page_is_for_members_only(cast: Cast, login: Callable[[User], Client]) -> None:
    page = f"/productions/{cast.production.pk}/calendar/"
    assert Client().get(page).status_code == 302
    outsider = login(cast.users["outsider"])
    assert outsider.get(page).status_code == 404
    assert outsider.post(page + "new/").status_code == 404
    assert not CalendarLink.objects.exists()


def test_lines_are_folded_at_75_octets_without_splitting_a_character_and_text_is_escaped() -> None:
    summary = "Scene 12: INT. 佐藤の家 - KITCHEN; later, a kiss\\" * 3
    text = ics.calendar(
        "Calendar",
        [ics.Event("u1", datetime(2026, 12, 3, 7, tzinfo=UTC), summary, "line one\nline two")],
        stamp=datetime(2026, 12, 1, tzinfo=UTC),
    )
    (event,) = parse(text)
    assert event["SUMMARY"] == ics.escape(summary)
    assert "\\;" in event["SUMMARY"] and "\\," in event["SUMMARY"] and "\\\\" in event["SUMMARY"]
    assert event["DESCRIPTION"] == "line one\\nline two"
    assert event["DTSTART"] == "20261203T070000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        ics.utc(datetime(2026, 12, 3, 7))  # noqa: DTZ001

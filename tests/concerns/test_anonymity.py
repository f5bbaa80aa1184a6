"""Anonymity hygiene: no address, user agent or exact time stored for an anonymous report —
checked on the database rows and on the server's access log; the audit chain still verifies
with day-only times."""

from __future__ import annotations

import io
import logging
from datetime import UTC, time, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from gunicorn.app import base
from gunicorn.config import Config

from closedset.core import audit
from closedset.core.models import AuditAction, AuditEvent
from closedset.web.management.commands.serve import ACCESS_LOG_FORMAT, AccessLogger
from tests.concerns.conftest import token_of
from tests.conftest import Cast

ADDRESS = "198.51.100.23"
AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Unmistakable/77.1"


def _every_row() -> str:
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            dump.append(repr(cursor.fetchall()))
    return "\n".join(dump)


@pytest.mark.django_db
def test_no_address_or_user_agent_is_stored_anywhere_for_an_anonymous_report(cast: Cast) -> None:
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    client.force_login(cast.crew, backend="django.contrib.auth.backends.ModelBackend")
    page = client.post(
        f"/report/{token_of(cast.production)}/",
        {"kind": "anonymous", "subject_names": "Director", "what": "It happened."},
    )
    assert page.status_code == 200
    api = client.post(
        f"/api/v1/report/{token_of(cast.production)}",
        data='{"kind": "witness", "subjects": [{"name": "Director"}], "body": "I saw it."}',
        content_type="application/json",
    )
    assert api.status_code == 201
    rows = _every_row()
    assert ADDRESS not in rows
    assert "Unmistakable" not in rows
    events = AuditEvent.objects.filter(action=AuditAction.CONCERN_REPORTED)
    assert events.count() == 2
    for event in events:
        assert event.actor_id is None
        assert event.occurred_at.astimezone(UTC).time() == time(0, 0)


@pytest.mark.django_db(transaction=True)
def test_day_only_events_keep_the_chain_verifiable_even_when_times_go_backwards() -> None:
    with transaction.atomic():
        audit.record(AuditAction.KEYS_ROTATED, object_type="x", object_id="1")
        audit.record(AuditAction.CONCERN_REPORTED, object_type="x", object_id="2", day_only=True)
        audit.record(AuditAction.KEYS_ROTATED, object_type="x", object_id="3")
    first, middle, last = AuditEvent.objects.order_by("seq")
    assert middle.occurred_at <= first.occurred_at <= last.occurred_at
    assert middle.occurred_at > first.occurred_at - timedelta(days=1)
    assert audit.verify().ok


def _log_line(path: str) -> str:
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", ACCESS_LOG_FORMAT)
    logger = AccessLogger(config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.access_log.handlers = [handler]
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_REFERER": "https://elsewhere.test/",
        "QUERY_STRING": "",
    }
    resp = SimpleNamespace(status="200 OK", sent=12, headers=[])
    req = SimpleNamespace(headers=[])
    logger.access(resp, req, environ, timedelta(milliseconds=5))
    return stream.getvalue()


def test_the_access_log_never_holds_an_address_user_agent_or_referrer() -> None:
    line = _log_line("/productions/")
    assert "POST /productions/" in line
    assert ADDRESS not in line
    assert "Unmistakable" not in line
    assert "elsewhere" not in line
    for atom in ("%(h)s", "%(a)s", "%(f)s", "{x-forwarded-for}"):
        assert atom not in ACCESS_LOG_FORMAT


@pytest.mark.parametrize("path", ["/report/abc/", "/report/receipt/", "/api/v1/report/abc"])
def test_requests_to_the_reporting_pages_are_not_logged_at_all(path: str) -> None:
    assert _log_line(path) == ""


def test_the_server_is_configured_with_that_logger(monkeypatch: pytest.MonkeyPatch) -> None:
    captured: dict[str, Any] = {}

    def fake_run(self: Any) -> None:
        self.load_config()
        captured["format"] = self.cfg.access_log_format
        captured["logger"] = self.cfg.logger_class

    monkeypatch.setattr(base.BaseApplication, "run", fake_run)
    call_command("serve", "--no-worker", "--port", "8107", stdout=io.StringIO())
    assert captured["format"] == ACCESS_LOG_FORMAT
    assert captured["logger"] is AccessLogger

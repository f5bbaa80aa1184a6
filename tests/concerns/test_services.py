"""Reporting: the five kinds, what is stored, bad input, triage, stand-down and referral."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from closedset.concerns import services
from closedset.concerns.models import Entry, Protection, Report, SubjectKey
from closedset.concerns.policies import get_report_for_actor
from closedset.concerns.services import SubjectIn
from closedset.core import audit
from closedset.core.errors import Conflict, Forbidden, NotFound, ServiceError
from closedset.core.models import AuditAction, AuditEvent
from tests.concerns.conftest import file_report, token_of
from tests.conftest import Cast


def test_an_anonymous_report_stores_no_reporter_and_only_the_date(cast: Cast) -> None:
    filed = file_report(cast, about=["director"], actor=cast.crew)
    report = Report.objects.get(pk=filed.report.pk)
    assert report.anonymous is True
    assert report.reporter is None
    assert report.contact is not None  # a sealed null
    assert not hasattr(report, "created_at")
    assert report.reported_on == datetime.now(tz=UTC).date()
    event = AuditEvent.objects.get(action=AuditAction.CONCERN_REPORTED, object_id=str(report.pk))
    assert event.actor_id is None
    assert event.production_id is None
    assert event.occurred_at.astimezone(UTC).time() == time(0, 0)
    assert audit.verify().ok


def test_a_logged_in_member_filing_anonymously_leaves_no_link_to_them(cast: Cast) -> None:
    filed = file_report(cast, about=["director"], actor=cast.crew, kind="witness")
    report = Report.objects.get(pk=filed.report.pk)
    assert report.anonymous and report.reporter is None
    assert not Protection.objects.filter(member=cast.members["crew"]).exists()
    assert not AuditEvent.objects.filter(actor=cast.crew, object_id=str(report.pk)).exists()


def test_the_receipt_is_stored_only_as_a_lookup_part_and_an_argon2_hash(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    raw = filed.receipt.replace("-", "")
    report = Report.objects.get(pk=filed.report.pk)
    assert report.receipt_lookup == raw[:8]
    assert report.receipt_hash.startswith("$argon2id$")
    assert raw[8:] not in report.receipt_hash


def test_a_named_report_keeps_the_reporter_and_protects_them(cast: Cast) -> None:
    filed = file_report(cast, kind="named", about=["director"], actor=cast.crew)
    report = Report.objects.get(pk=filed.report.pk)
    assert report.anonymous is False
    assert report.reporter == cast.crew
    assert Protection.objects.filter(member=cast.members["crew"]).exists()


def test_a_named_report_without_an_account_needs_a_name_and_e_mail(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="needs your name and e-mail"):
        file_report(cast, kind="named", about=["director"])
    filed = file_report(
        cast,
        kind="named",
        about=["director"],
        contact_name="Ana Extra",
        contact_email="ana@elsewhere.test",
    )
    assert filed.report.anonymous is False
    assert filed.report.reporter is None


@pytest.mark.parametrize("kind", ["witness", "stand_down", "hold_for_match"])
def test_witness_stand_down_and_hold_for_match_may_carry_the_reporters_name(
    cast: Cast, kind: str
) -> None:
    filed = file_report(cast, kind=kind, about=["director"], actor=cast.crew, identify=True)
    assert filed.report.anonymous is False
    assert filed.report.reporter == cast.crew


def test_the_body_and_subjects_are_sealed(cast: Cast) -> None:
    filed = file_report(cast, about=["director"], what="A very particular sentence.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body, subjects FROM concerns_report")
        body, subjects = cursor.fetchone()
    assert "particular" not in body and body.startswith("cs1.")
    assert "Director" not in subjects
    assert SubjectKey.objects.filter(report=filed.report).count() >= 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"what": "   "}, "What happened is empty"),
        ({"what": "x" * 20_001}, "the limit is 20,000"),
        ({"kind": "gossip"}, "not a kind of report"),
        ({"about": [], "names": []}, "Say who the report is about"),
        ({"about": [], "names": ["   "]}, "is empty"),
    ],
)
def test_bad_reports_are_refused_with_a_clear_error_and_nothing_stored(
    cast: Cast, changes: dict[str, Any], message: str
) -> None:
    args: dict[str, Any] = {"about": ["director"]}
    args.update(changes)
    with pytest.raises(ServiceError, match=message):
        file_report(cast, **args)
    assert Report.objects.count() == 0


def test_an_unknown_reporting_link_is_not_found(cast: Cast) -> None:
    with pytest.raises(NotFound, match="reporting link is not valid"):
        services.report_create(
            token="nope", actor=None, kind="anonymous", subjects=[SubjectIn(name="X")], what="y"
        )


def test_a_member_of_another_production_cannot_be_picked(cast: Cast) -> None:
    other = cast.access("other_producer", cast.other_production).membership
    with pytest.raises(ServiceError, match="not a member of this production"):
        services.report_create(
            token=token_of(cast.production),
            actor=None,
            kind="anonymous",
            subjects=[SubjectIn(member_id=other.pk)],
            what="y",
        )


def test_a_report_naming_only_the_reporter_is_refused(cast: Cast) -> None:
    with pytest.raises(ServiceError, match="names only you"):
        file_report(cast, about=["crew"], actor=cast.crew)
    with pytest.raises(ServiceError, match="names only you"):
        file_report(cast, names=["  CREW "], actor=cast.crew, kind="named")
    with pytest.raises(ServiceError, match="names only you"):
        file_report(
            cast,
            kind="named",
            names=["Ana Extra"],
            contact_name="Ana Extra",
            contact_email="ana@x.test",
        )
    assert Report.objects.count() == 0
    # Naming yourself and someone else is a report about someone else.
    file_report(cast, about=["crew", "director"], actor=cast.crew)


def test_triage_states_notes_and_replies_are_recorded(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    access, report = get_report_for_actor(cast.safety, filed.report.pk)
    services.concern_update(
        actor=cast.safety, access=access, report=report, state="in_progress", note="Spoke to AD."
    )
    services.concern_update(actor=cast.safety, access=access, report=report, reply="Thank you.")
    report.refresh_from_db()
    assert report.state == "in_progress"
    assert list(Entry.objects.filter(report=report).values_list("kind", flat=True)) == [
        "note",
        "reply",
    ]
    with pytest.raises(ServiceError, match="Nothing to change"):
        services.concern_update(actor=cast.safety, access=access, report=report)
    with pytest.raises(ServiceError, match="not a state"):
        services.concern_update(actor=cast.safety, access=access, report=report, state="lost")


def test_a_stand_down_report_waits_for_the_reporters_go(cast: Cast) -> None:
    filed = file_report(cast, kind="stand_down", about=["director"])
    access, report = get_report_for_actor(cast.coordinator, filed.report.pk)
    services.concern_update(
        actor=cast.coordinator, access=access, report=report, state="acknowledged"
    )
    with pytest.raises(Conflict, match="stand down"):
        services.concern_update(
            actor=cast.coordinator, access=access, report=report, state="in_progress"
        )
    opened = services.receipt_open(receipt=filed.receipt, address="10.0.0.1")
    services.reporter_answer(report=opened, go=True)
    with pytest.raises(Conflict, match="not waiting"):
        services.reporter_answer(report=opened, go=True)
    services.concern_update(
        actor=cast.coordinator, access=access, report=report, state="in_progress"
    )
    assert Report.objects.get(pk=report.pk).state == "in_progress"


def test_referral_to_a_union_needs_the_reporters_permission_or_a_match(cast: Cast) -> None:
    filed = file_report(cast, about=["director"])
    access, report = get_report_for_actor(cast.safety, filed.report.pk)
    with pytest.raises(Forbidden, match="permission"):
        services.concern_update(actor=cast.safety, access=access, report=report, referral="union")
    services.concern_update(
        actor=cast.safety, access=access, report=report, referral="law_enforcement"
    )
    assert Report.objects.get(pk=report.pk).state == "referred"
    allowed = file_report(cast, about=["director"], may_refer=True)
    access, report = get_report_for_actor(cast.safety, allowed.report.pk)
    services.concern_update(actor=cast.safety, access=access, report=report, referral="union")
    assert Report.objects.get(pk=report.pk).referral == "union"


def test_the_reporter_answers_in_the_thread_and_handlers_are_told_without_content(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    filed = file_report(cast, about=["director"])
    opened = services.receipt_open(receipt=filed.receipt, address="10.0.0.1")
    with django_capture_on_commit_callbacks(execute=True):
        services.reporter_answer(report=opened, text="It happened again today.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coordinator@example.test",
        "safety@example.test",
    ]
    assert all("again" not in m.body for m in mail.outbox)
    entry = Entry.objects.get(report=opened, kind="reporter")
    assert entry.author is None
    assert entry.written_at.astimezone(UTC).time() == time(0, 0)
    with pytest.raises(ServiceError, match="empty"):
        services.reporter_answer(report=opened, text="  ")


def test_a_named_reporter_is_e_mailed_that_there_is_a_reply_but_not_the_reply(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    filed = file_report(cast, kind="named", about=["director"], actor=cast.crew)
    access, report = get_report_for_actor(cast.safety, filed.report.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.concern_update(
            actor=cast.safety, access=access, report=report, reply="Secret words."
        )
    (message,) = mail.outbox
    assert message.to == ["crew@example.test"]
    assert "Secret words" not in message.body

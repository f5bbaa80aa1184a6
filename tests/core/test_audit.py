"""The audit chain: appended in the change's transaction, verified end to end."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from closedset.core import audit
from closedset.core.models import AuditAction, AuditEvent, AuditHead


def _append(n: int) -> None:
    for i in range(n):
        with transaction.atomic():
            audit.record(AuditAction.PRODUCTION_UPDATED, object_type="test", summary=f"event {i}")


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_an_intact_chain_verifies_and_counts_every_event() -> None:
    _append(25)
    result = audit.verify()
    assert result.ok
    assert result.count == 25
    events = list(AuditEvent.objects.order_by("seq"))
    assert events[0].prev_hash == audit.GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))


@pytest.mark.django_db(transaction=True)
def test_an_event_cannot_be_recorded_outside_a_transaction() -> None:
    with pytest.raises(audit.AuditOutsideTransaction):
        audit.record(AuditAction.PRODUCTION_UPDATED, summary="loose")
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_an_event_rolled_back_with_its_change_leaves_no_trace() -> None:
    _append(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(AuditAction.PRODUCTION_UPDATED, summary="doomed")
        raise RuntimeError("the change failed")
    _append(1)
    assert audit.verify().ok
    assert AuditEvent.objects.count() == 3


@pytest.mark.django_db
def test_an_altered_event_is_named() -> None:
    _append(10)
    _raw("UPDATE core_auditevent SET summary = %s WHERE seq = %s", ["rewritten", 6])
    result = audit.verify()
    assert not result.ok
    assert result.first_bad_seq == 6
    assert "altered" in result.reason


@pytest.mark.django_db
def test_an_altered_actor_is_named() -> None:
    _append(5)
    _raw("UPDATE core_auditevent SET action = %s WHERE seq = %s", ["user.logged_in", 2])
    assert audit.verify().first_bad_seq == 2


@pytest.mark.django_db
def test_a_removed_event_is_named() -> None:
    _append(10)
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [4])
    result = audit.verify()
    assert not result.ok
    assert result.first_bad_seq == 4
    assert "missing" in result.reason


@pytest.mark.django_db
def test_a_removed_last_event_is_noticed_from_the_head() -> None:
    _append(5)
    _raw("DELETE FROM core_auditevent WHERE seq = %s", [5])
    result = audit.verify()
    assert not result.ok
    assert result.first_bad_seq == 5


@pytest.mark.django_db
def test_reordered_events_are_named() -> None:
    _append(6)
    a, b = AuditEvent.objects.get(seq=3), AuditEvent.objects.get(seq=4)
    # Swap their contents (everything but the sequence number).
    for source, target in ((a, 4), (b, 3)):
        _raw(
            "UPDATE core_auditevent SET summary = %s, occurred_at = %s WHERE seq = %s",
            [source.summary, source.occurred_at, target],
        )
    result = audit.verify()
    assert not result.ok
    assert result.first_bad_seq == 3


@pytest.mark.django_db
def test_a_rewritten_hash_breaks_the_next_link() -> None:
    _append(5)
    _raw("UPDATE core_auditevent SET hash = %s WHERE seq = %s", ["f" * 64, 2])
    assert audit.verify().first_bad_seq == 2


@pytest.mark.django_db
def test_the_head_follows_the_last_event() -> None:
    _append(3)
    head = AuditHead.objects.get(pk=1)
    last = AuditEvent.objects.order_by("-seq").first()
    assert last is not None
    assert (head.seq, head.hash) == (last.seq, last.hash)


@pytest.mark.django_db
def test_the_summary_is_cut_to_its_limit() -> None:
    with transaction.atomic():
        event = audit.record(AuditAction.PRODUCTION_UPDATED, summary="x" * 1000)
    assert len(event.summary) == audit.SUMMARY_MAX
    assert audit.verify().ok


@pytest.mark.django_db
def test_non_ascii_summaries_hash_the_same_on_every_database() -> None:
    with transaction.atomic():
        audit.record(AuditAction.PRODUCTION_UPDATED, summary="Zoë Łukasz 佐藤")
    assert audit.verify().ok


@pytest.mark.django_db
def test_a_missing_head_is_noticed() -> None:
    _append(3)
    AuditHead.objects.all().delete()
    result = audit.verify()
    assert not result.ok
    assert "head" in result.reason


@given(
    seq=st.integers(min_value=1, max_value=2**62),
    texts=st.lists(st.text(), min_size=4, max_size=4),
    actor=st.one_of(st.none(), st.text()),
)
def test_the_canonical_form_is_exactly_compact_json(
    seq: int, texts: list[str], actor: str | None
) -> None:
    fields = [seq, "2026-01-01T00:00:00.000000+00:00", actor, None, *texts]
    expected = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
    assert (
        audit.canonical_event(
            seq=seq,
            occurred_at=fields[1],
            actor_id=actor,
            production_id=None,
            action=texts[0],
            object_type=texts[1],
            object_id=texts[2],
            summary=texts[3],
        )
        == expected
    )


@pytest.mark.django_db
def test_an_event_whose_link_was_rewritten_is_named() -> None:
    _append(5)
    _raw("UPDATE core_auditevent SET prev_hash = %s WHERE seq = %s", ["a" * 64, 3])
    result = audit.verify()
    assert result.first_bad_seq == 3
    assert "does not follow" in result.reason


@pytest.mark.django_db
def test_an_anonymous_actor_is_recorded_as_nobody() -> None:
    with transaction.atomic():
        event = audit.record(AuditAction.USER_LOGIN_FAILED, actor=AnonymousUser())
    assert event.actor_id is None
    assert audit.verify().ok


@pytest.mark.parametrize(
    ("stored", "canonical"),
    [
        ("2026-01-02 03:04:05", "2026-01-02T03:04:05.000000+00:00"),
        ("2026-01-02 03:04:05.000007", "2026-01-02T03:04:05.000007+00:00"),
        (
            datetime(2026, 1, 2, 4, 4, 5, 7, tzinfo=timezone(timedelta(hours=1))),
            "2026-01-02T03:04:05.000007+00:00",
        ),
        # SQLite hands back naive UTC datetimes.
        (datetime(2026, 1, 2, 3, 4, 5, 7), "2026-01-02T03:04:05.000007+00:00"),  # noqa: DTZ001
        (datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=UTC), "2026-01-02T03:04:05.000007+00:00"),
    ],
)
def test_every_stored_time_form_reads_back_to_one_canonical_time(
    stored: object, canonical: str
) -> None:
    assert audit._timestamp_text(stored) == canonical

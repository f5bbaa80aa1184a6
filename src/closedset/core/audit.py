"""The tamper-evident audit log: append in the caller's transaction, verify the whole chain.

Each event's hash covers the previous event's hash and a canonical JSON array of the
event's fields (fixed order, compact separators, UTF-8), so altering, removing or
reordering any event breaks the chain at that event. Appending locks the chain head row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite transactions here begin IMMEDIATE, which
takes the database write lock), so concurrent writers queue and never fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from closedset.core.models import AuditAction, AuditEvent, AuditHead

GENESIS_HASH = "0" * 64
_ZERO = timedelta(0)
SUMMARY_MAX = 300


class AuditOutsideTransaction(RuntimeError):
    """An audit event must be written in the transaction of the change it records."""


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


_quote = json.encoder.encode_basestring  # the C string encoder json.dumps(ensure_ascii=False) uses


def _canonical(  # noqa: PLR0917 - positional on the hot path of verify()
    seq: int,
    occurred_at: str,
    actor_id: str | None,
    production_id: str | None,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
) -> bytes:
    """Exactly ``json.dumps([...], ensure_ascii=False, separators=(",", ":"))``, built directly."""
    actor = "null" if actor_id is None else _quote(actor_id)
    production = "null" if production_id is None else _quote(production_id)
    return (
        f"[{seq:d},{_quote(occurred_at)},{actor},{production},{_quote(action)},"
        f"{_quote(object_type)},{_quote(object_id)},{_quote(summary)}]"
    ).encode()


def canonical_event(
    *,
    seq: int,
    occurred_at: str,
    actor_id: str | None,
    production_id: str | None,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
) -> bytes:
    """The bytes an event's hash covers: a JSON array in a fixed field order."""
    return _canonical(
        seq, occurred_at, actor_id, production_id, action, object_type, object_id, summary
    )


def chain_hash(prev_hash: str, event: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + event).hexdigest()


def record(
    action: AuditAction,
    *,
    actor: Any = None,
    production: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    day_only: bool = False,
) -> AuditEvent:
    """Append one event. Must run inside the transaction of the change it records.

    ``summary`` must never hold sensitive content: it is stored and shown in plain text.
    ``day_only`` records the start of the day (UTC) instead of the exact time, for events
    whose exact time could identify an anonymous person; the chain does not depend on
    times being in order.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(f"audit event {action} recorded outside a transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    if actor is not None and not getattr(actor, "is_authenticated", True):
        actor_id = None
    production_id = getattr(production, "pk", production)
    summary = summary[:SUMMARY_MAX]

    # The head row normally exists from the first migration; after a flush it is created
    # here without a race (a concurrent insert of the same row is ignored, then both lock).
    AuditHead.objects.bulk_create(
        [AuditHead(pk=1, seq=0, hash=GENESIS_HASH)], ignore_conflicts=True
    )
    head = AuditHead.objects.select_for_update().get(pk=1)
    occurred_at = timezone.now()
    if day_only:
        occurred_at = occurred_at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    seq = head.seq + 1
    digest = chain_hash(
        head.hash,
        canonical_event(
            seq=seq,
            occurred_at=_timestamp(occurred_at),
            actor_id=_id(actor_id),
            production_id=_id(production_id),
            action=str(action),
            object_type=object_type,
            object_id=object_id,
            summary=summary,
        ),
    )
    event = AuditEvent.objects.create(
        seq=seq,
        occurred_at=occurred_at,
        actor_id=actor_id,
        production_id=production_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary,
        prev_hash=head.hash,
        hash=digest,
    )
    AuditHead.objects.filter(pk=1).update(seq=seq, hash=digest)
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    reason: str = ""


_VERIFY_SQL = (
    "SELECT seq, occurred_at, actor_id, production_id, action, object_type, object_id, "
    "summary, prev_hash, hash FROM core_auditevent WHERE seq > %s ORDER BY seq LIMIT %s"
)


def _timestamp_text(value: Any) -> str:
    """The canonical time of a row as the driver returns it: a naive UTC datetime (SQLite),
    an aware datetime (PostgreSQL) or SQLite's text form."""
    if isinstance(value, datetime):
        if value.tzinfo is None:  # stored as UTC without an offset
            return value.isoformat(timespec="microseconds") + "+00:00"
        if value.utcoffset() == _ZERO:
            return value.isoformat(timespec="microseconds")
        return _timestamp(value)
    text: str = value if len(value) != 19 else value + ".000000"
    return text.replace(" ", "T", 1) + "+00:00"


def _uuid_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 32:  # SQLite stores UUIDs as 32 hex digits
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def _rows(batch: int) -> Iterator[tuple[Any, ...]]:
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(_VERIFY_SQL, [last, batch])
            chunk = cursor.fetchall()
            if not chunk:
                return
            yield from chunk
            last = chunk[-1][0]


def verify(*, batch: int = 20_000) -> VerifyResult:
    """Recompute the chain from the start; name the first event that does not fit."""
    prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    canonical = _canonical
    sha256 = hashlib.sha256
    with transaction.atomic():
        head = AuditHead.objects.filter(pk=1).first()
        for row in _rows(batch):
            (
                seq,
                occurred_at,
                actor_id,
                production_id,
                action,
                object_type,
                object_id,
                summary,
                prev_hash,
                stored_hash,
            ) = row
            if seq != expected_seq:
                return VerifyResult(
                    False,
                    count,
                    expected_seq,
                    f"event #{expected_seq} is missing (next stored event is #{seq})",
                )
            if prev_hash != prev:
                return VerifyResult(
                    False, count, seq, f"event #{seq} does not follow event #{seq - 1}"
                )
            body = canonical(
                seq,
                _timestamp_text(occurred_at),
                None if actor_id is None else _uuid_text(actor_id),
                None if production_id is None else _uuid_text(production_id),
                action,
                object_type,
                object_id,
                summary,
            )
            digest = sha256(prev.encode("ascii") + body).hexdigest()
            if digest != stored_hash:
                return VerifyResult(False, count, seq, f"event #{seq} was altered")
            prev = stored_hash
            expected_seq += 1
            count += 1
    if head is None and count:
        return VerifyResult(False, count, count, "the chain head is missing")
    if head is not None and (head.seq != count or head.hash != prev):
        return VerifyResult(
            False,
            count,
            count + 1 if head.seq > count else head.seq,
            f"the chain ends at event #{count} but its head names event #{head.seq}",
        )
    return VerifyResult(True, count)

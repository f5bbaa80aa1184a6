"""Audit verify speed: 1,000,000 events, against hashing the same events with no database.

Builds a throw-away SQLite installation (or uses DATABASE_URL for PostgreSQL), fills the chain
with N events through the same canonical form the application uses, then times
`closedset.core.audit.verify()`. The peer, measured in the same run, is the bare work of
serialising and hashing the same rows in memory: the floor any verifier must pay.

    python bench/audit_verify.py [--events 1000000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="closedset-bench-")
    os.environ.setdefault("CLOSEDSET_DEBUG", "true")
    os.environ["CLOSEDSET_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closedset.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from closedset.core import audit
    from closedset.core.models import AuditEvent, AuditHead

    call_command("init", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    AuditEvent.objects.all().delete()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev = audit.GENESIS_HASH
    rows = []
    canonical = []
    fill_started = time.perf_counter()
    for seq in range(1, args.events + 1):
        moment = start + timedelta(microseconds=seq * 1000)
        summary = f"bench event {seq}"
        body = audit.canonical_event(
            seq=seq,
            occurred_at=moment.isoformat(timespec="microseconds"),
            actor_id=None,
            production_id=None,
            action="production.updated",
            object_type="bench",
            object_id=str(seq),
            summary=summary,
        )
        canonical.append(body)
        digest = audit.chain_hash(prev, body)
        rows.append(
            AuditEvent(
                seq=seq,
                occurred_at=moment,
                action="production.updated",
                object_type="bench",
                object_id=str(seq),
                summary=summary,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
        if len(rows) == 50_000:
            with transaction.atomic():
                AuditEvent.objects.bulk_create(rows)
            rows.clear()
    with transaction.atomic():
        AuditEvent.objects.bulk_create(rows)
        AuditHead.objects.update_or_create(pk=1, defaults={"seq": args.events, "hash": prev})
    fill = time.perf_counter() - fill_started

    peer_started = time.perf_counter()
    check = audit.GENESIS_HASH
    for body in canonical:
        check = audit.chain_hash(check, body)
    peer = time.perf_counter() - peer_started
    assert check == prev

    verify_started = time.perf_counter()
    result = audit.verify()
    elapsed = time.perf_counter() - verify_started
    assert result.ok, result.reason
    assert result.count == args.events
    vendor = connection.vendor
    print(
        f"audit verify ({vendor}): {args.events:,} events in {elapsed:.2f} s "
        f"= {args.events / elapsed:,.0f} events/s (target >= 100,000/s; fill took {fill:.1f} s)"
    )
    print(
        f"peer, hashing the same events in memory: {peer:.2f} s "
        f"= {args.events / peer:,.0f} events/s; verify/peer ratio {elapsed / peer:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pages and API under load: p50/p95/p99 at 32 concurrent clients against `closedset serve`.

Builds a throw-away installation with a realistic data set (by default 1,000 productions,
50,000 people, 1,000,000 audit events; smaller with --productions/--people/--audit-events),
serves it with gunicorn in a subprocess exactly as `closedset serve` does, and drives it from
32 client threads with keep-alive connections. The peer, measured in the same run under the
same load, is the health endpoint (one trivial query behind the whole middleware stack).

    python bench/web_load.py [--seconds 10] [--clients 32]     (SQLite)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/web_load.py
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build(productions: int, people: int, audit_events: int) -> dict[str, object]:
    """Fill the database through bulk inserts; returns what the clients need."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import transaction

    from closedset.accounts.models import User
    from closedset.accounts.services import token_create
    from closedset.core import audit, crypto
    from closedset.core.models import AuditEvent, AuditHead
    from closedset.core.permissions import Role
    from closedset.productions.models import MemberRole, Membership, Production

    call_command("init", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    password = make_password("load-test-password-1")
    roles = list(Role)
    per_production = max(1, people // productions)
    users = [
        User(email=f"person{i}@load.test", name=f"Person {i}", password=password)
        for i in range(people)
    ]
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=5000)
        prods = [Production(title=f"Production {i:04d}") for i in range(productions)]
        Production.objects.bulk_create(prods, batch_size=1000)
        for production in prods:
            crypto.create_data_key(production)
        memberships = []
        member_roles = []
        for index, user in enumerate(users):
            production = prods[(index // per_production) % productions]
            membership = Membership(production=production, user=user)
            memberships.append(membership)
            member_roles.append(MemberRole(membership=membership, role=roles[index % len(roles)]))
        Membership.objects.bulk_create(memberships, batch_size=5000)
        MemberRole.objects.bulk_create(member_roles, batch_size=5000)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev = audit.GENESIS_HASH
    rows: list[AuditEvent] = []
    for seq in range(1, audit_events + 1):
        moment = start + timedelta(microseconds=seq)
        body = audit.canonical_event(
            seq=seq,
            occurred_at=moment.isoformat(timespec="microseconds"),
            actor_id=None,
            production_id=None,
            action="production.updated",
            object_type="load",
            object_id=str(seq),
            summary="load",
        )
        digest = audit.chain_hash(prev, body)
        rows.append(
            AuditEvent(
                seq=seq,
                occurred_at=moment,
                action="production.updated",
                object_type="load",
                object_id=str(seq),
                summary="load",
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
        if len(rows) == 50_000:
            AuditEvent.objects.bulk_create(rows)
            rows.clear()
    AuditEvent.objects.bulk_create(rows)
    AuditHead.objects.update_or_create(pk=1, defaults={"seq": audit_events, "hash": prev})

    sample = random.Random(7).sample(memberships, 64)  # noqa: S311 - a reproducible sample
    sessions, tokens, targets = [], [], []
    for membership in sample:
        store = SessionStore()
        store["_auth_user_id"] = str(membership.user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = membership.user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
        tokens.append(token_create(actor=membership.user, user=membership.user).plaintext)
        targets.append(str(membership.production_id))
    return {"sessions": sessions, "tokens": tokens, "productions": targets}


Request = Callable[[int], tuple[str, dict[str, str]]]


def drive(port: int, clients: int, seconds: float, request: Request) -> list[float]:
    """Run `clients` threads for `seconds`; every latency in milliseconds."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        n = index
        while time.monotonic() < deadline:
            path, headers = request(n)
            n += clients
            began = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - began) * 1000)
            if response.status != 200:
                failures.append(response.status)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. status {failures[0]}")
    return latencies


def summary(name: str, latencies: list[float], seconds: float) -> tuple[str, float]:
    q = statistics.quantiles(latencies, n=100)
    p95 = q[94]
    line = (
        f"{name:<34} {len(latencies) / seconds:7.0f} req/s   p50 {q[49]:6.1f} ms   "
        f"p95 {p95:6.1f} ms   p99 {q[98]:6.1f} ms"
    )
    return line, p95


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--productions", type=int, default=1000)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--audit-events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="closedset-load-")
    os.environ["CLOSEDSET_DATA_DIR"] = data_dir
    os.environ["CLOSEDSET_DEBUG"] = "false"
    os.environ["CLOSEDSET_HTTPS"] = "false"
    os.environ.setdefault("CLOSEDSET_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closedset.settings")
    database = os.environ.get("DATABASE_URL", "")
    if database:
        import psycopg

        name = "closedset_load_" + secrets.token_hex(4)
        admin = database.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = database.rsplit("/", 1)[0] + "/" + name
    began = time.perf_counter()
    data = build(args.productions, args.people, args.audit_events)
    print(
        f"data: {args.productions:,} productions, {args.people:,} people, "
        f"{args.audit_events:,} audit events on {'PostgreSQL' if database else 'SQLite'} "
        f"(built in {time.perf_counter() - began:.0f} s)"
    )
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "closedset.cli", "serve", "--port", str(port)],
        env=dict(os.environ, CLOSEDSET_ALLOWED_HOSTS="127.0.0.1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        sessions, tokens, targets = data["sessions"], data["tokens"], data["productions"]
        assert isinstance(sessions, list) and isinstance(tokens, list)
        assert isinstance(targets, list)

        def cookie(n: int) -> dict[str, str]:
            return {"Cookie": f"sessionid={sessions[n % len(sessions)]}"}

        def bearer(n: int) -> dict[str, str]:
            return {"Authorization": f"Bearer {tokens[n % len(tokens)]}"}

        cases: list[tuple[str, Request]] = [
            ("peer: GET /api/v1/health", lambda n: ("/api/v1/health", {})),
            ("page: dashboard /", lambda n: ("/", cookie(n))),
            (
                "page: production (members)",
                lambda n: (f"/productions/{targets[n % len(targets)]}/", cookie(n)),
            ),
            ("api: GET /productions", lambda n: ("/api/v1/productions", bearer(n))),
            (
                "api: GET /productions/{id}/members",
                lambda n: (f"/api/v1/productions/{targets[n % len(targets)]}/members", bearer(n)),
            ),
        ]
        print(f"{args.clients} concurrent clients, {args.seconds:.0f} s per case")
        peer_p95 = 0.0
        for name, request in cases:
            drive(port, args.clients, 1.0, request)  # warm up
            latencies = drive(port, args.clients, args.seconds, request)
            line, p95 = summary(name, latencies, args.seconds)
            if name.startswith("peer"):
                peer_p95 = p95
                print(line)
            else:
                print(f"{line}   p95/peer {p95 / peer_p95:4.2f}   target p95 < 100 ms")
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())

"""Several processes appending at once never fork the audit chain (SQLite and PostgreSQL).

Each case starts a fresh installation (its own SQLite file, or its own PostgreSQL database),
then runs writer processes that all wait for one signal and append together.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

WRITERS = 4
EVENTS_EACH = 40

WRITER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from django.db import transaction
from closedset.core import audit
from closedset.core.models import AuditAction
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
for i in range(int(sys.argv[3])):
    with transaction.atomic():
        audit.record(AuditAction.PRODUCTION_UPDATED, object_type="concurrency",
                     summary=f"writer {sys.argv[2]} event {i}")
"""


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLOSEDSET_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="closedset.settings",
        CLOSEDSET_DEBUG="true",
        CLOSEDSET_DATA_DIR=str(data_dir),
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _closedset(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "closedset.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _run_writers(env: dict[str, str], tmp_path: Path) -> None:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(  # noqa: S603 - our own code
            [sys.executable, "-c", WRITER, str(go), str(n), str(EVENTS_EACH)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    time.sleep(1.5)  # let every writer finish starting Django and wait at the line
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture
def fresh_postgres_database() -> Iterator[str]:
    url = _postgres_url()
    if url is None:
        pytest.skip("runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…)")
    name = "closedset_concurrency_" + secrets.token_hex(4)
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _assert_one_unbroken_chain(env: dict[str, str]) -> None:
    result = _closedset(env, "audit", "verify")
    assert result.returncode == 0, result.stderr
    # init records nothing; every event is a writer's.
    assert f"{WRITERS * EVENTS_EACH} events verified" in result.stdout


def test_concurrent_writers_never_fork_the_chain_on_sqlite(tmp_path: Path) -> None:
    env = _env(tmp_path / "data", None)
    assert _closedset(env, "init").returncode == 0
    _run_writers(env, tmp_path)
    _assert_one_unbroken_chain(env)


def test_concurrent_writers_never_fork_the_chain_on_postgresql(
    tmp_path: Path, fresh_postgres_database: str
) -> None:
    env = _env(tmp_path / "data", fresh_postgres_database)
    init = _closedset(env, "init")
    assert init.returncode == 0, init.stderr
    _run_writers(env, tmp_path)
    _assert_one_unbroken_chain(env)

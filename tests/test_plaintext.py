"""A copy of the database alone reveals no sensitive value: every sealed field of the demo
is looked for, in plain text, in the raw SQLite file and in a PostgreSQL dump."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

# Prints every sealed value of every model, decrypted, as a JSON list of strings. A value that
# is only a person's account name (a rider's typed signature) is not secret: names are stored
# in plain text by design, so that one is left out.
PLAINTEXTS = """
import json
from django.apps import apps
from closedset.accounts.models import User
from closedset.core import crypto
names = set(User.objects.values_list("name", flat=True))
values = []
for model in apps.get_models():
    fields = [f.name for f in model._meta.fields if isinstance(f, crypto.SealedField)]
    for row in model.objects.all():
        for name in fields:
            value = crypto.unseal(row, name)
            if value is not None and not (isinstance(value, str) and value in names):
                values.append(value if isinstance(value, str) else json.dumps(value))
print(json.dumps(values))
"""

MIN_LENGTH = 8  # shorter values ("yes") occur in any database for other reasons


def _env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDSET_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(CLOSEDSET_DEBUG="true", CLOSEDSET_DATA_DIR=str(data_dir))
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "closedset.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _sensitive_values(env: dict[str, str]) -> list[str]:
    values = json.loads(_cli(env, "manage", "shell", "-c", PLAINTEXTS).strip().splitlines()[-1])
    return [v for v in values if len(v) >= MIN_LENGTH]


def _assert_absent(values: list[str], blob: bytes) -> None:
    assert values, "the demo must hold sensitive values for this test to mean anything"
    for value in values:
        for form in {value.encode(), json.dumps(value).encode(), value.encode("utf-16-le")}:
            assert form not in blob, f"plaintext {value[:20]!r}… found in the database"


def test_the_sqlite_file_holds_no_sensitive_plaintext(tmp_path: Path) -> None:
    env = _env(tmp_path)
    _cli(env, "demo")
    values = _sensitive_values(env)
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("closedset.sqlite3*"))
    _assert_absent(values, blob)


@pytest.fixture
def fresh_postgres_url() -> Iterator[str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://…)")
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is needed to inspect a PostgreSQL dump")
    name = "closedset_plaintext_" + secrets.token_hex(4)
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(url)._replace(path="/" + name))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_postgresql_dump_holds_no_sensitive_plaintext(
    tmp_path: Path, fresh_postgres_url: str
) -> None:
    env = _env(tmp_path, fresh_postgres_url)
    _cli(env, "demo")
    values = _sensitive_values(env)
    dump = subprocess.run(  # noqa: S603 - the PostgreSQL client
        ["pg_dump", "--no-owner", fresh_postgres_url.replace("postgres://", "postgresql://", 1)],  # noqa: S607
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    assert b"core_auditevent" in dump
    _assert_absent(values, dump)

"""The ``closedset`` command as a newcomer runs it: each case in its own data directory."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def run(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDSET_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(CLOSEDSET_DEBUG="true", CLOSEDSET_DATA_DIR=str(data_dir))
    return subprocess.run(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "closedset.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the demo loaded, made once per worker (loading it takes seconds)."""
    data_dir = tmp_path_factory.mktemp("demo-template")
    result = run(data_dir, "demo", "--password", "demo-pass-123456")
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo data directory (database, keys), as ``closedset demo`` left it."""
    target = tmp_path / "data"
    shutil.copytree(demo_template, target)
    return target


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = run(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("breakdown", "init", "demo", "serve", "user create", "token create"):
        assert command in result.stdout
    assert "audit verify" in result.stdout
    assert "keys rotate" in result.stdout


def test_an_unknown_command_exits_2_with_help(tmp_path: Path) -> None:
    result = run(tmp_path, "frobnicate")
    assert result.returncode == 2
    assert "unknown command" in result.stderr


def test_init_creates_a_private_master_key_and_a_wal_database_and_is_idempotent(
    tmp_path: Path,
) -> None:
    first = run(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    key = tmp_path / "master.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    content = key.read_text()
    second = run(tmp_path, "init")
    assert second.returncode == 0, second.stderr
    assert key.read_text() == content, "init must never replace an existing key"
    with sqlite3.connect(tmp_path / "closedset.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_demo_prints_every_log_in_and_can_run_twice(tmp_path: Path) -> None:
    first = run(tmp_path, "demo", "--password", "demo-pass-123456")
    assert first.returncode == 0, first.stderr
    emails = [
        "coordinator@demo.test",
        "director@demo.test",
        "producer@demo.test",
        "ad@demo.test",
        "performer1@demo.test",
        "performer2@demo.test",
        "performer3@demo.test",
        "performer4@demo.test",
        "performer5@demo.test",
        "hmu@demo.test",
        "crew@demo.test",
        "safety@demo.test",
    ]
    for email in emails:
        assert email in first.stdout
    second = run(tmp_path, "demo")
    assert second.returncode == 0, second.stderr
    assert "demo-pass-123456" not in second.stdout, "a second run prints new passwords"
    with sqlite3.connect(tmp_path / "closedset.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM productions_production").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM accounts_user").fetchone()[0] == len(emails)
    verify = run(tmp_path, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
    assert "intact" in verify.stdout


def test_demo_reset_refuses_a_database_with_real_accounts(demo_dir: Path) -> None:
    created = run(
        demo_dir, "user", "create", "--email", "real@example.org", "--name", "Real Person"
    )
    assert created.returncode == 0, created.stderr
    refused = run(demo_dir, "demo", "--reset")
    assert refused.returncode == 2
    assert "refused" in refused.stderr


def test_audit_verify_names_a_tampered_event_and_exits_1(demo_dir: Path) -> None:
    with sqlite3.connect(demo_dir / "closedset.sqlite3") as conn:
        conn.execute("UPDATE core_auditevent SET summary = 'forged' WHERE seq = 3")
    result = run(demo_dir, "audit", "verify")
    assert result.returncode == 1
    assert "#3" in result.stderr


def test_user_create_reads_the_password_from_stdin_and_refuses_duplicates(
    tmp_path: Path,
) -> None:
    assert run(tmp_path, "init").returncode == 0
    ok = run(
        tmp_path,
        "user",
        "create",
        "--email",
        "Ana@Example.org",
        "--name",
        "Ana",
        "--password-stdin",
        stdin="a sufficiently long passphrase\n",
    )
    assert ok.returncode == 0, ok.stderr
    assert "ana@example.org" in ok.stdout
    again = run(tmp_path, "user", "create", "--email", "ana@example.org", "--name", "Ana")
    assert again.returncode == 2
    assert "already exists" in again.stderr
    weak = run(
        tmp_path,
        "user",
        "create",
        "--email",
        "bo@example.org",
        "--name",
        "Bo",
        "--password-stdin",
        stdin="123\n",
    )
    assert weak.returncode == 2
    assert "too short" in weak.stderr


def test_token_create_prints_a_token_once_that_the_api_accepts(demo_dir: Path) -> None:
    result = run(demo_dir, "token", "create", "--email", "coordinator@demo.test")
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert token.startswith("cs_")
    with sqlite3.connect(demo_dir / "closedset.sqlite3") as conn:
        stored = [row[0] for row in conn.execute("SELECT digest FROM accounts_apitoken")]
    assert token not in stored, "only a digest is stored"
    missing = run(demo_dir, "token", "create", "--email", "nobody@demo.test")
    assert missing.returncode == 2


def test_keys_rotate_keeps_data_readable(demo_dir: Path) -> None:
    before = (demo_dir / "master.key").read_text()
    result = run(demo_dir, "keys", "rotate")
    assert result.returncode == 0, result.stderr
    assert "1 data keys re-wrapped" in result.stdout
    assert (demo_dir / "master.key").read_text() != before
    retired = list(demo_dir.glob("master.key.retired-*"))
    assert len(retired) == 1
    assert stat.S_IMODE(retired[0].stat().st_mode) == 0o600
    # The demo's sealed data still opens with the new key.
    check = run(
        demo_dir,
        "manage",
        "shell",
        "-c",
        "from closedset.productions.models import Membership; from closedset.core import crypto;"
        "m = Membership.objects.get(user__email='performer4@demo.test');"
        "print(crypto.unseal(m, 'date_of_birth'))",
    )
    assert check.returncode == 0, check.stderr
    born = check.stdout.strip().splitlines()[-1]
    assert born[:2] in {"20", "19"}


def test_django_management_commands_stay_reachable(tmp_path: Path) -> None:
    result = run(tmp_path, "manage", "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_outside_debug_mode_is_a_clear_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDSET_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(CLOSEDSET_DATA_DIR=str(tmp_path), CLOSEDSET_DEBUG="false")
    result = subprocess.run(
        [sys.executable, "-m", "closedset.cli", "init"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "CLOSEDSET_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    env["CLOSEDSET_SECRET_KEY"] = "closedset-insecure-development-key"
    default = subprocess.run(
        [sys.executable, "-m", "closedset.cli", "init"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert default.returncode == 2
    assert "development default" in default.stderr

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from closedset.core import crypto


class Command(BaseCommand):
    help = "Create or migrate the database and create the master key if missing. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        created = crypto.ensure_master_key()
        key_path = crypto.master_key_path()
        self.stdout.write(
            f"master key: {key_path} ({'created, mode 0600' if created else 'present'})"
        )
        match_created = crypto.ensure_match_key()
        self.stdout.write(
            f"match key: {crypto.match_key_path()} "
            f"({'created, mode 0600' if match_created else 'present'})"
        )
        call_command("migrate", interactive=False, verbosity=0)
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"database: {engine} migrated")
        if created:
            self.stdout.write(
                "Keep a copy of the master key somewhere safe and separate from database "
                "backups: without it, sensitive data cannot be read."
            )

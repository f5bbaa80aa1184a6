from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from closedset.core import crypto


class Command(BaseCommand):
    help = "Master key: 'rotate' creates a new master key and re-wraps every data key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rotate"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = crypto.rotate_master_key()
        self.stdout.write(
            f"new master key {result.new_key_id}; {result.rewrapped} data keys re-wrapped.\n"
            f"Retired key(s) {', '.join(result.retired_key_ids)} moved to {result.retired_file}.\n"
            "Destroy that file once no database backup older than now needs restoring."
        )

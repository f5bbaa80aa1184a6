from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from closedset.core import audit


class Command(BaseCommand):
    help = "Audit log: 'verify' recomputes the hash chain and names the first broken event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = audit.verify()
        elapsed = time.perf_counter() - started
        if not result.ok:
            raise CommandError(
                f"audit chain BROKEN at event #{result.first_bad_seq}: {result.reason} "
                f"({result.count} events before it verified)",
                returncode=1,
            )
        self.stdout.write(f"audit chain intact: {result.count} events verified in {elapsed:.2f} s")

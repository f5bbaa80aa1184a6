from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from closedset.shoot.reminders import reminders_send, send_reminders


class Command(BaseCommand):
    help = (
        "Queue the notice reminders (R1): e-mail coordinators and producers about riders that "
        "must be issued within the next 24 hours. Safe to run often (hourly): nothing is sent "
        "twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now", action="store_true", help="send them in this process instead of queueing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = reminders_send()
            self.stdout.write(f"{sent} reminder(s) sent")
            return
        result = send_reminders.enqueue()
        self.stdout.write(f"reminders queued (task {result.id}); 'closedset worker' sends them")

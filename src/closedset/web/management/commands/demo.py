from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from closedset.accounts.models import User
from closedset.demo import DEMO_DOMAIN, load_demo


class Command(BaseCommand):
    help = "Load the demo production (idempotent) and print its log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="empty the database first (refused if it holds anything but demo data)",
        )
        parser.add_argument("--password", help="use this password for every demo account")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("init", stdout=self.stdout)
        if options["reset"]:
            others = User.objects.exclude(email__endswith="@" + DEMO_DOMAIN).count()
            if others:
                raise CommandError(
                    f"--reset refused: the database holds {others} account(s) that are not "
                    "demo accounts. Use another CLOSEDSET_DATA_DIR or DATABASE_URL for the demo.",
                    returncode=2,
                )
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("database emptied")
        production, logins = load_demo(password=options["password"])
        width = max(len(login.email) for login in logins)
        self.stdout.write("")
        self.stdout.write(f"Demo production: {production.title}")
        self.stdout.write(f"Open {settings.CLOSEDSET_BASE_URL}/ and log in as any of:")
        self.stdout.write("")
        for login in logins:
            self.stdout.write(
                f"  {login.email:<{width}}  {login.password}  {login.role}: {login.name}"
            )
        self.stdout.write("")

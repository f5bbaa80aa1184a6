from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from closedset.accounts import services
from closedset.accounts.models import User, normalize_email


class Command(BaseCommand):
    help = "API tokens: 'create' prints a new personal token for a person, once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="API token", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalize_email(options["email"]), is_active=True).first()
        if user is None:
            raise CommandError(f"no active account for {options['email']}", returncode=2)
        issued = services.token_create(actor=user, user=user, name=options["name"])
        self.stdout.write(issued.plaintext)
        self.stderr.write("This token is shown once. Send it as 'Authorization: Bearer <token>'.")

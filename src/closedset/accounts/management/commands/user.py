from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from closedset.accounts import services
from closedset.core.errors import ServiceError


class Command(BaseCommand):
    help = "People: 'create' makes an account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True)
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input (otherwise the account has none "
            "until a password reset)",
        )
        parser.add_argument("--staff", action="store_true", help="may use /admin/")

    def handle(self, *args: Any, **options: Any) -> None:
        password = None
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("no password on standard input", returncode=2)
        try:
            user = services.user_create(
                actor=None,
                email=options["email"],
                name=options["name"],
                password=password,
                is_staff=options["staff"],
            )
        except ServiceError as exc:
            raise CommandError(exc.message, returncode=2) from None
        self.stdout.write(
            f"created {user.email} ({user.name}){' [staff]' if user.is_staff else ''}"
        )

"""``closedset``: one entry point for every command.

``closedset breakdown`` is pure and never starts Django; every other command runs as a
Django management command (``closedset manage …`` reaches Django's own).
"""

from __future__ import annotations

import os
import sys

HELP = """usage: closedset COMMAND [options]

Commands:
  breakdown FILE          find intimate scenes in a screenplay (no database needed)
  breakdown --compare OLD NEW
                          what changed for intimacy between two revisions
  init                    create or migrate the database; create the master key
  demo [--reset]          load the demo production and print its log-ins
  serve [--host H] [--port P]
                          serve the application (gunicorn) and a task worker
  worker                  run background tasks (e-mail, reminders)
  remind [--now]          queue the rider notice reminders (run hourly)
  user create --email E --name N [--password-stdin] [--staff]
  token create --email E  print a personal API token (shown once)
  audit verify            check the audit log's hash chain
  keys rotate             new master key; every data key re-wrapped
  manage ARGS…            any Django management command

Run 'closedset COMMAND --help' for a command's options.
"""

DJANGO_COMMANDS = {"init", "demo", "serve", "worker", "user", "token", "audit", "keys", "remind"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        sys.stdout.write(HELP)
        return 0
    command = args[0]
    if command == "breakdown":
        from closedset.breakdown_cli import main as breakdown_main

        return breakdown_main(args[1:])
    if command == "--version":
        from closedset import __version__

        sys.stdout.write(f"closedset {__version__}\n")
        return 0
    if command == "manage":
        return _django(args[1:])
    if command in DJANGO_COMMANDS:
        return _django(args)
    sys.stderr.write(f"closedset: unknown command {command!r}\n\n{HELP}")
    return 2


def _django(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closedset.settings")
    try:
        import django
        from django.core.exceptions import ImproperlyConfigured

        try:
            django.setup()
        except ImproperlyConfigured as exc:
            sys.stderr.write(f"closedset: configuration error: {exc}\n")
            return 2
        from django.core.management import execute_from_command_line

        execute_from_command_line(["closedset", *args])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

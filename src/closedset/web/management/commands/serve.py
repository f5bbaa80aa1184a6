from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from gunicorn.glogging import Logger

# The access log never holds a client's address, user agent or referrer (concerns may be
# reported anonymously), and requests to the public reporting pages are not logged at all:
# a line with the exact time of a report would undo what the report does not store.
ACCESS_LOG_FORMAT = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
UNLOGGED_PATH_PREFIXES = ("/report/", "/api/v1/report/")


class AccessLogger(Logger):  # type: ignore[misc]
    """Gunicorn's logger, minus the lines for the reporting pages."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if str(environ.get("PATH_INFO", "")).startswith(UNLOGGED_PATH_PREFIXES):
            return
        super().access(resp, req, environ, request_time)


class Command(BaseCommand):
    help = "Serve Closed Set with gunicorn (threaded workers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("CLOSEDSET_WORKERS", "2"))
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start a background-task worker beside the server",
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("CLOSEDSET_THREADS", "8"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from closedset.wsgi import application

        bind = f"{options['host']}:{options['port']}"
        config = {
            "bind": bind,
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread",
            "accesslog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "logger_class": AccessLogger,
            "errorlog": "-",
            "timeout": 60,
            "graceful_timeout": 10,
            "limit_request_line": 8190,
        }

        class Server(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        worker = None
        if not options["no_worker"]:
            # E-mail and reminders run from the database queue in their own process.
            worker = subprocess.Popen([sys.executable, "-m", "closedset.cli", "worker"])
        self.stdout.write(f"Closed Set on http://{bind}/ (Ctrl+C stops it)")
        try:
            Server().run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

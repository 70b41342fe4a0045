"""Wait until PostgreSQL and Redis answer: the image's entrypoint runs this before any process."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from common.health import DOWN, check_broker, check_database


class Command(BaseCommand):
    help = "Wait until the database and the broker answer (or fail after --timeout seconds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=int, default=60)

    def handle(self, *args: Any, timeout: int, **options: Any) -> None:
        deadline = time.monotonic() + timeout
        waiting: dict[str, str] = {}
        for name, check in (("database", check_database), ("broker", check_broker)):
            while True:
                try:
                    if check() != DOWN:
                        break
                    waiting[name] = "not answering"
                except Exception as error:  # noqa: BLE001 - any failure means: not up yet
                    waiting[name] = error.__class__.__name__
                    connection.close()
                if time.monotonic() > deadline:
                    raise CommandError(
                        f"The {name} did not answer within {timeout} s ({waiting[name]})."
                    )
                time.sleep(1)
        self.stdout.write("The database and the broker answer.")

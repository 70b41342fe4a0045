"""Apply the retention periods now and print what was anonymised or deleted, per rule."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from privacy.retention import retention_apply


class Command(BaseCommand):
    help = "Anonymise or delete personal data past its retention period (RETENTION_PERIODS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be anonymised or deleted, and change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        report = retention_apply(now=timezone.now(), dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        width = max(len(rule) for rule in report.as_dict())
        for rule, count in report.as_dict().items():
            self.stdout.write(f"{rule:<{width}}  {count}")

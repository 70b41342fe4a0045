import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from subsidies.rules.bulk import run_path


class Command(BaseCommand):
    help = (
        "Evaluate eligibility records (POLICY.md's JSON: one a line, or a JSON array) and write "
        "one answer a line; an invalid record is answered by its errors in its place "
        "(docs/rules/formats.md). Without --language, manage.py runs this without setting "
        "Django up, in English."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", help="a file of records, or - for standard input"
        )
        parser.add_argument(
            "--language", default="en", help="the language of reason texts and errors (en, nb...)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"]
        if not translation.check_for_language(language):
            raise CommandError(f"Unknown language {language!r}.")
        with translation.override(language):
            status = run_path(options["file"], translate=gettext, out=self.stdout, err=self.stderr)
        if status:
            sys.exit(status)

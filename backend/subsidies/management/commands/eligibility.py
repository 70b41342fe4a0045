import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from subsidies import rules
from subsidies.eligibility import eligibility_evaluate


class Command(BaseCommand):
    help = (
        "Evaluate one eligibility record (the JSON of POLICY.md) and print the answer as JSON. "
        "An invalid record prints the errors, each naming its field, and exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a JSON file with the record, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {source}: {error.strerror}") from error
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"{source} is not JSON: {error}") from error
        if not isinstance(record, dict):
            raise CommandError(f"{source} must hold one JSON object")
        try:
            answer = eligibility_evaluate(record)
        except rules.InputError as error:
            self.stderr.write(json.dumps({"errors": error.errors}, ensure_ascii=False, indent=2))
            sys.exit(1)
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))

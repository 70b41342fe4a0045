from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reference.coverage import occupation_name_coverage


class Command(BaseCommand):
    help = (
        "Say which languages and STYRK-08 groups have no translated occupation name yet "
        "(reference/data/occupation_names.csv): per language, the unit groups and the "
        "two-digit groups translated, and the unit groups that listings use without one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=20, help="Untranslated groups in use to list per language."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for row in occupation_name_coverage():
            self.stdout.write(
                f"{row.language}: {row.units_translated} of {row.units_total} unit groups, "
                f"{row.groups_translated} of {row.groups_total} two-digit groups translated; "
                f"{len(row.untranslated_in_use)} unit groups in use without a name"
            )
            for code, title, listings in row.untranslated_in_use[: options["limit"]]:
                self.stdout.write(f"  {code} {title} ({listings} listings) shows in Norwegian")

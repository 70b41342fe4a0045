from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reference import csv_import
from reference.models import Bydel, Kommune, Occupation
from reference.services import reference_data_loaded


class Command(BaseCommand):
    help = (
        "Import kommuner (with arbeidsgiveravgift zones), Oslo's bydeler and STYRK-08 "
        "occupations from CSV files in the shipped format (see reference/data/SOURCES.md). "
        "Rows are inserted or updated by code; nothing is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommuner", type=Path, default=csv_import.KOMMUNER_CSV)
        parser.add_argument("--bydeler", type=Path, default=csv_import.BYDELER_CSV)
        parser.add_argument("--occupations", type=Path, default=csv_import.OCCUPATIONS_CSV)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                kommuner = csv_import.import_kommuner(Kommune, options["kommuner"])
                bydeler = csv_import.import_bydeler(Bydel, options["bydeler"])
                occupations = csv_import.import_occupations(Occupation, options["occupations"])
        except (OSError, csv_import.ReferenceDataError) as error:
            raise CommandError(str(error)) from error
        # Planner statistics for the new rows, and no cached choice list left over.
        reference_data_loaded()
        self.stdout.write(
            f"kommuner: {kommuner} changed, bydeler: {bydeler} changed, "
            f"occupations: {occupations} changed"
        )

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from reference import csv_import
from reference.models import Bydel, Kommune, Occupation
from reference.occupation_search import forget_index
from reference.services import reference_data_loaded


class Command(BaseCommand):
    help = (
        "Import kommuner (with arbeidsgiveravgift zones), Oslo's bydeler and STYRK-08 "
        "occupations with their translated names and search words "
        "from CSV files in the shipped format (see reference/data/SOURCES.md). "
        "Rows are inserted or updated by code; nothing is deleted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kommuner", type=Path, default=csv_import.KOMMUNER_CSV)
        parser.add_argument("--bydeler", type=Path, default=csv_import.BYDELER_CSV)
        parser.add_argument("--occupations", type=Path, default=csv_import.OCCUPATIONS_CSV)
        parser.add_argument(
            "--occupation-names", type=Path, default=csv_import.OCCUPATION_NAMES_CSV
        )
        parser.add_argument(
            "--occupation-synonyms", type=Path, default=csv_import.OCCUPATION_SYNONYMS_CSV
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                kommuner = csv_import.import_kommuner(Kommune, options["kommuner"])
                bydeler = csv_import.import_bydeler(Bydel, options["bydeler"])
                occupations = csv_import.import_occupations(Occupation, options["occupations"])
                occupations += csv_import.import_occupation_names(
                    Occupation, options["occupation_names"]
                )
                occupations += csv_import.import_occupation_synonyms(
                    Occupation, options["occupation_synonyms"]
                )
        except (OSError, csv_import.ReferenceDataError) as error:
            raise CommandError(str(error)) from error
        forget_index()
        # Planner statistics for the new rows, and no cached choice list left over.
        reference_data_loaded()
        self.stdout.write(
            f"kommuner: {kommuner} changed, bydeler: {bydeler} changed, "
            f"occupations: {occupations} changed"
        )

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reference.models import Bydel, Kommune, Occupation

pytestmark = pytest.mark.django_db


def test_the_migration_loads_every_kommune_bydel_and_occupation() -> None:
    assert Kommune.objects.count() == 357
    assert Bydel.objects.filter(kommune_id="0301").count() == 17
    assert Occupation.objects.count() == 582
    assert Kommune.objects.get(number="0301").aga_zone == "I"
    assert Kommune.objects.get(number="5601").aga_zone == "V"
    tromso = Kommune.objects.get(number="5501")
    assert (tromso.name, tromso.aga_zone) == ("Tromsø", "IVa")
    orkland = Kommune.objects.get(number="5059")
    assert orkland.is_split_between_zones
    assert orkland.zone_choices == ["I", "II", "III"]
    assert Bydel.objects.get(number="030111").name == "Stovner"
    nurse = Occupation.objects.get(code="2223")
    assert (nurse.level, nurse.parent_id, nurse.title_nb) == (4, "222", "Sykepleiere")


def test_the_import_command_updates_from_a_newer_csv(tmp_path: Path) -> None:
    shipped = Path(__file__).resolve().parents[2] / "backend/reference/data/kommuner.csv"
    rows = list(csv.DictReader(StringIO(shipped.read_text(encoding="utf-8"))))
    for row in rows:
        if row["kommunenummer"] == "0301":
            row["aga_sone_merknad"] = "Oppdatert"
    newer = tmp_path / "kommuner.csv"
    with newer.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_reference_data", kommuner=newer)
    assert Kommune.objects.get(number="0301").aga_zone_note == "Oppdatert"
    assert Kommune.objects.count() == 357


def test_the_import_command_refuses_a_file_without_the_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("nummer,navn\n0301,Oslo\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("import_reference_data", kommuner=bad)

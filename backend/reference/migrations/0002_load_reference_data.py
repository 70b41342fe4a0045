from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from reference import csv_import


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    csv_import.import_kommuner(apps.get_model("reference", "Kommune"))
    csv_import.import_bydeler(apps.get_model("reference", "Bydel"))
    csv_import.import_occupations(apps.get_model("reference", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

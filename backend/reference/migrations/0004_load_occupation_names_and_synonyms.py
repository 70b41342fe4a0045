from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from reference import csv_import


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    occupation = apps.get_model("reference", "Occupation")
    csv_import.import_occupation_names(occupation)
    csv_import.import_occupation_synonyms(occupation)


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_occupation_names_synonyms")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

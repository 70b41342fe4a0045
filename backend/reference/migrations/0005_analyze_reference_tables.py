from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TABLES = ("reference_kommune", "reference_bydel", "reference_occupation")


def analyze(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Planner statistics for the tables 0002 loaded: without them a search joins listings to
    occupations with a nested loop that re-runs the full-text search for every occupation.
    Later imports (manage.py import_reference_data) analyse again."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ANALYZE {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("reference", "0004_load_occupation_names_and_synonyms")]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True)]

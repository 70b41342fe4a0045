from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from reference import csv_import
from reference.services import reference_cache_invalidate


def load(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """The names of the ten major groups, now in occupation_names.csv: the headings of the
    search form's fields of work and the first level of the search page's counts showed the
    Norwegian title in every language. The cached choice lists are made again."""
    csv_import.import_occupation_names(apps.get_model("reference", "Occupation"))
    reference_cache_invalidate()


class Migration(migrations.Migration):
    dependencies = [("reference", "0005_analyze_reference_tables")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=True)]

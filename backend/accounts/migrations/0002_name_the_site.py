from urllib.parse import urlsplit

from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def name_site(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    site_model = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "innsteg.no"
    site_model.objects.update_or_create(id=settings.SITE_ID, defaults={"name": "Innsteg", "domain": domain})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]

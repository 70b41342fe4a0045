# allauth's TOTP secrets and recovery-code seeds, stored in the clear until now, encrypted with
# the field keys (accounts.mfa_adapter.MFAAdapter reads and writes them so from now on).

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from accounts.mfa_adapter import map_secrets
from common import crypto


def _encrypted(text: str) -> str:
    try:
        crypto.decrypt(text)
    except crypto.DecryptionError:
        return crypto.encrypt(text)
    return text  # encrypted already (written by the adapter before this ran)


def _rewrite(apps: Apps, change) -> None:  # type: ignore[no-untyped-def]
    authenticator_model = apps.get_model("mfa", "Authenticator")
    changed = []
    for authenticator in authenticator_model.objects.order_by("pk").iterator(chunk_size=500):
        data = map_secrets(authenticator.data, change)
        if data != authenticator.data:
            authenticator.data = data
            changed.append(authenticator)
    authenticator_model.objects.bulk_update(changed, ["data"], batch_size=500)


def encrypt_secrets(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(apps, _encrypted)


def decrypt_secrets(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(apps, crypto.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_name_the_site"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets, elidable=False)]

# The national id and the residence permit encrypted at rest, with a keyed hash to find a
# national id. The constraint that compared permit kind and date moves to PersonFacts.clean().

from collections.abc import Callable

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import common.crypto
import subsidies.validators

ENCRYPTED = ("national_id", "permit_kind", "permit_granted_on")
BATCH = 1000


def _rewrite(
    apps: Apps,
    schema_editor: BaseDatabaseSchemaEditor,
    change: Callable[[str | None], str | None],
    hash_of: Callable[[str | None], str | None],
) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(apps.get_model("subsidies", "PersonFacts")._meta.db_table)
    columns = ", ".join(quote(column) for column in ENCRYPTED)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('person_id')}, {columns} FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
    assignments = ", ".join(f"{quote(column)} = %s" for column in (*ENCRYPTED, "national_id_hash"))
    statement = f"UPDATE {table} SET {assignments} WHERE {quote('person_id')} = %s"  # noqa: S608
    for start in range(0, len(rows), BATCH):
        values = []
        for person_id, *texts in rows[start : start + BATCH]:
            texts = [None if text is None else str(text) for text in texts]
            national_id = hash_of(texts[0])
            values.append([*(change(text) for text in texts), national_id, person_id])
        with connection.cursor() as cursor:
            cursor.executemany(statement, values)


def encrypt_rows(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(
        apps,
        schema_editor,
        lambda text: None if text is None else common.crypto.encrypt(text),
        lambda national_id: common.crypto.lookup_hash(national_id) if national_id else None,
    )


def decrypt_rows(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(
        apps,
        schema_editor,
        lambda token: None if token is None else common.crypto.decrypt(token),
        lambda _token: None,
    )


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0003_fewer_indexes")]

    operations = [
        migrations.RemoveConstraint(
            model_name="personfacts",
            name="person_facts_permit_kind_and_date",
        ),
        migrations.AddField(
            model_name="personfacts",
            name="national_id_hash",
            field=common.crypto.LookupHashField(source="national_id", unique=True),
        ),
        migrations.AlterField(
            model_name="personfacts",
            name="national_id",
            field=common.crypto.EncryptedTextField(
                blank=True,
                help_text="Fødselsnummer or D-nummer. Shown masked; every read is audited.",
                max_length=11,
                validators=[subsidies.validators.validate_national_id],
                verbose_name="national identity number",
            ),
        ),
        migrations.AlterField(
            model_name="personfacts",
            name="permit_granted_on",
            field=common.crypto.EncryptedDateField(
                blank=True, null=True, verbose_name="residence permit granted on"
            ),
        ),
        migrations.AlterField(
            model_name="personfacts",
            name="permit_kind",
            field=common.crypto.EncryptedTextField(
                blank=True,
                choices=[
                    ("protection", "Protection (asylum, resettlement)"),
                    ("family", "Family reunification"),
                    ("work", "Work"),
                    ("study", "Study"),
                    ("other", "Other"),
                ],
                max_length=12,
                verbose_name="residence permit",
            ),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows, elidable=False),
    ]

# Encrypt the national ids and residence permits stored in the clear, and hash the national ids.
# Apart from the column changes of 0004: PostgreSQL creates the hash's indexes only once no
# update of the same transaction is pending.

from collections.abc import Callable

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import common.crypto

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
    dependencies = [("subsidies", "0005_encrypted_person_facts_columns")]

    operations = [migrations.RunPython(encrypt_rows, decrypt_rows, elidable=False)]

# Encrypt the input records and answers of the results stored in the clear.

from collections.abc import Callable

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

import common.crypto

BATCH = 1000


def _rewrite(
    apps: Apps, schema_editor: BaseDatabaseSchemaEditor, change: Callable[[str], str]
) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(apps.get_model("subsidies", "EligibilityResult")._meta.db_table)
    select = (
        f"SELECT id, input_snapshot, answer FROM {table} WHERE id > %s ORDER BY id LIMIT %s"  # noqa: S608
    )
    update = f"UPDATE {table} SET input_snapshot = %s, answer = %s WHERE id = %s"  # noqa: S608
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(select, [last, BATCH])
            rows = cursor.fetchall()
            cursor.executemany(
                update, [[change(snapshot), change(answer), pk] for pk, snapshot, answer in rows]
            )
        if len(rows) < BATCH:
            return
        last = rows[-1][0]


def encrypt_results(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(apps, schema_editor, common.crypto.encrypt)


def decrypt_results(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(apps, schema_editor, common.crypto.decrypt)


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0007_encrypted_eligibility_result_columns")]

    operations = [migrations.RunPython(encrypt_results, decrypt_results, elidable=False)]

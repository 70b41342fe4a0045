"""Re-encrypt every encrypted column with the first field key, and recompute look-up hashes with
the first look-up key, in batches; a value already current is left alone, so running it again
changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model

from common import crypto


@dataclass
class Rotated:
    label: str
    rows: int = 0
    values: int = 0
    hashes: int = 0


def models_with_encrypted_fields() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models()
        if crypto.encrypted_fields(model) or crypto.lookup_hash_fields(model)
    ]


def encrypted_columns_rotate(model: type[Model], *, batch_size: int = 500) -> Rotated:
    """Re-encrypt `model`'s encrypted columns and recompute its look-up hashes, a batch of rows
    per transaction (locked while it is rewritten). Reads the stored tokens, not the fields'
    decrypted values, to tell which are already under the first key."""
    encrypted = crypto.encrypted_fields(model)
    hashes = crypto.lookup_hash_fields(model)
    by_name = {field.name: field for field in encrypted}
    quote = connection.ops.quote_name
    pk = model._meta.pk
    assert pk is not None
    columns = [pk.column, *(f.column for f in encrypted), *(f.column for f in hashes)]
    table = quote(model._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    done = Rotated(model._meta.label)
    last: Any = None
    while True:
        after = "" if last is None else f"WHERE {quote(pk.column)} > %s "
        select = (
            f"SELECT {', '.join(map(quote, columns))} FROM {table} {after}"  # noqa: S608
            f"ORDER BY {quote(pk.column)} LIMIT %s{lock}"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [batch_size] if last is None else [last, batch_size])
            rows = cursor.fetchall()
            for row in rows:
                key, stored = row[0], dict(zip(columns[1:], row[1:], strict=True))
                changes: dict[str, str | None] = {}
                for field in encrypted:
                    token = stored[field.column]
                    if token is not None and not crypto.is_current(token):
                        what = f"{done.label}.{field.name} of row {key}"
                        changes[field.column] = crypto.reencrypt(token, what=what)
                        done.values += 1
                for hash_field in hashes:
                    source = by_name[hash_field.source]
                    token = stored[source.column]
                    text = (
                        crypto.decrypt(token, what=f"{done.label}.{source.name}") if token else ""
                    )
                    wanted = crypto.lookup_hash(text) if text else None
                    if stored[hash_field.column] != wanted:
                        changes[hash_field.column] = wanted
                        done.hashes += 1
                if changes:
                    assignments = ", ".join(f"{quote(column)} = %s" for column in changes)
                    cursor.execute(
                        f"UPDATE {table} SET {assignments} WHERE {quote(pk.column)} = %s",  # noqa: S608
                        [*changes.values(), key],
                    )
            done.rows += len(rows)
        if len(rows) < batch_size:
            return done
        last = rows[-1][0]

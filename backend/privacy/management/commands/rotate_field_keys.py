"""Re-encrypt everything encrypted at rest with the first key of INNSTEG_FIELD_KEYS and recompute
the look-up hashes with the first key of INNSTEG_LOOKUP_KEY.

Rotation: put the new key first (INNSTEG_FIELD_KEYS=new,old), deploy, run this command, then
remove the old key. Safe to run again: values already under the first key are left alone.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.mfa_adapter import authenticators_rotate
from common.crypto import DecryptionError
from common.key_rotation import encrypted_columns_rotate, models_with_encrypted_fields


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Rows per transaction (500)."
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            counts = [
                encrypted_columns_rotate(model, batch_size=batch_size)
                for model in models_with_encrypted_fields()
            ]
            counts.append(authenticators_rotate(batch_size=batch_size))
        except DecryptionError as error:
            raise CommandError(str(error)) from None
        for done in counts:
            self.stdout.write(
                f"{done.label}: {done.rows} rows, {done.values} values re-encrypted, "
                f"{done.hashes} look-up hashes recomputed"
            )

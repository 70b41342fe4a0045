# A result's input record and answer hold the person's birth date and residence permit: they become
# text columns for their encrypted values (common.crypto); the next migration encrypts them.

from django.db import migrations

import common.crypto


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0006_encrypt_person_facts")]

    operations = [
        migrations.AlterField(
            model_name="eligibilityresult",
            name="answer",
            field=common.crypto.EncryptedJSONField(verbose_name="answer"),
        ),
        migrations.AlterField(
            model_name="eligibilityresult",
            name="input_snapshot",
            field=common.crypto.EncryptedJSONField(verbose_name="input record"),
        ),
    ]

# The national id and the residence permit become text columns for their encrypted values (the
# next migration encrypts them), with a keyed hash to find a national id. The constraint that
# compared permit kind and date moves to PersonFacts.clean(): the database sees only ciphertext.

from django.db import migrations

import common.crypto
import subsidies.validators


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0004_case_system_national_id_scope_and_account_audit")]

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
    ]

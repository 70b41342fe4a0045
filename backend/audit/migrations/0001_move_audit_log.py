"""The audit log moves here from subsidies, where its table was made."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("subsidies", "0012_audit_log_retention_delete"),
    ]

    # The table was made by subsidies (0001) with its append-only trigger (0002, 0012): the model
    # moves here in the state only, the table keeps its name.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='at')),
                ('action', models.CharField(choices=[('case.read', 'Read a case with its input record'), ('person_facts.read', "Read a person's facts"), ('person_facts.national_id.read', 'Read a national identity number'), ('person_facts.update', "Changed a person's facts"), ('case.facts_update', "Changed a case's facts"), ('case.recommend', 'Recommended'), ('case.approve', 'Approved'), ('case.reject', 'Rejected'), ('account.create', "Created a person's account in the admin"), ('account.access_change', "Changed a person's role or access"), ('account.mfa_reset', "Removed a person's two-factor device"), ('account.delete', "Deleted a person's account")], max_length=40, verbose_name='action')),
                ('object_type', models.CharField(max_length=40, verbose_name='object type')),
                ('object_id', models.CharField(max_length=40, verbose_name='object id')),
                ('kommune_id', models.CharField(blank=True, max_length=4, verbose_name='kommune')),
                ('user_id', models.BigIntegerField(blank=True, null=True, verbose_name='user id')),
                ('user_label', models.CharField(blank=True, max_length=254, verbose_name='user')),
                ('client_id', models.CharField(blank=True, max_length=100, verbose_name='OAuth2 client id')),
                ('client_name', models.CharField(blank=True, max_length=255, verbose_name='case system')),
                ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('user_agent', models.CharField(blank=True, max_length=300, verbose_name='user agent')),
                ('details', models.JSONField(blank=True, default=dict, help_text='Field names, outcomes and reasons; never the personal data itself.', verbose_name='details')),
            ],
            options={
                'verbose_name': 'audit entry',
                'verbose_name_plural': 'audit log',
                'db_table': 'subsidies_auditentry',
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='audit_object')],
            },
        ),
            ],
        ),
    ]


from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('subsidies', '0012_audit_log_retention_delete'),
        ('audit', '0001_move_audit_log'),
    ]

    # The audit log is the audit app's now: gone from this app's state, the table stays.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
        ),
    ]

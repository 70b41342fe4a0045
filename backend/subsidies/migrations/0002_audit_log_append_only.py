"""On PostgreSQL, refuse UPDATE and DELETE on the audit log for everyone, raw SQL included.

TRUNCATE stays possible for whoever owns the table (test databases are emptied that way).
"""

from django.db import migrations

from subsidies.migrations._audit_log_sql import APPEND_ONLY_FUNCTION, on_postgresql

CREATE = (
    APPEND_ONLY_FUNCTION
    + """CREATE TRIGGER subsidies_audit_append_only
    BEFORE UPDATE OR DELETE ON subsidies_auditentry
    FOR EACH ROW EXECUTE FUNCTION subsidies_audit_append_only();
"""
)

DROP = """
DROP TRIGGER IF EXISTS subsidies_audit_append_only ON subsidies_auditentry;
DROP FUNCTION IF EXISTS subsidies_audit_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False)]

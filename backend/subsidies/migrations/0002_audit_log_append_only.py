"""On PostgreSQL, refuse UPDATE and DELETE on the audit log for everyone, raw SQL included.

TRUNCATE stays possible for whoever owns the table (test databases are emptied that way).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION subsidies_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER subsidies_audit_append_only
    BEFORE UPDATE OR DELETE ON subsidies_auditentry
    FOR EACH ROW EXECUTE FUNCTION subsidies_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS subsidies_audit_append_only ON subsidies_auditentry;
DROP FUNCTION IF EXISTS subsidies_audit_append_only();
"""


def _create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0001_initial")]

    operations = [migrations.RunPython(_create, _drop, elidable=False)]

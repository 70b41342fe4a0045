"""On PostgreSQL, the audit log stays append-only, with one guarded way out: a DELETE of entries
older than the retention cutoff, in a transaction that has set `innsteg.retention` to `on` and
named the cutoff in `innsteg.retention_cutoff` (privacy.retention). UPDATE stays refused.
"""

from django.db import migrations

RETENTION_DELETE = """
CREATE OR REPLACE FUNCTION subsidies_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
        AND current_setting('innsteg.retention', true) = 'on'
        AND OLD.at < NULLIF(current_setting('innsteg.retention_cutoff', true), '')::timestamptz
    THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION subsidies_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RETENTION_DELETE, params=None)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY, params=None)


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0011_compute_requests_and_whatif_leases")]

    operations = [migrations.RunPython(_forward, _backward, elidable=False)]

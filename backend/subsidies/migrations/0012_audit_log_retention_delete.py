"""On PostgreSQL, the audit log stays append-only, with one guarded way out: a DELETE of entries
older than the retention cutoff, in a transaction that has set `innsteg.retention` to `on` and
named the cutoff in `innsteg.retention_cutoff` (privacy.retention). UPDATE stays refused.
Going back restores the function of migration 0002.
"""

from django.db import migrations

from subsidies.migrations._audit_log_sql import APPEND_ONLY_FUNCTION, on_postgresql

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


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0011_compute_requests_and_whatif_leases")]

    operations = [
        migrations.RunPython(
            on_postgresql(RETENTION_DELETE), on_postgresql(APPEND_ONLY_FUNCTION), elidable=False
        )
    ]

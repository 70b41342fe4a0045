"""SQL shared by the audit-log trigger migrations (0002, 0012). The loader skips this module:
its name starts with an underscore.

APPEND_ONLY_FUNCTION is the trigger function exactly as migration 0002 created it; 0012 replaces
it and, going back, restores it. Never edit it: both migrations' history depends on it.
"""

from collections.abc import Callable
from typing import Any

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION subsidies_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def on_postgresql(sql: str) -> Callable[[Any, Any], None]:
    """A RunPython step that executes `sql` on PostgreSQL and does nothing elsewhere (SQLite)."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run

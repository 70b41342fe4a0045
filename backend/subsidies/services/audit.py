"""Writing the audit log for subsidies: the viewer's origin (a case system or a person's browser)
becomes the entry's source."""

from __future__ import annotations

from typing import Any

from audit.models import AuditEntry
from audit.services import audit_record as audit_append

from accounts.models import User
from subsidies.viewers import Origin


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: object,
    by: User | None,
    origin: Origin | None,
    kommune_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry: who (person, case system, or both), when, what, and from where."""
    return audit_append(
        action=action,
        object_type=object_type,
        object_id=object_id,
        by=by,
        source=(origin or Origin()).source(),
        kommune_id=kommune_id,
        details=details,
    )

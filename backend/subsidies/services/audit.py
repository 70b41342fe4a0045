"""Writing the audit log. Entries name fields and outcomes, never the personal data itself."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from subsidies.models import AuditEntry
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
    origin = origin or Origin()
    client = origin.client
    application = client.application if client is not None else None
    return AuditEntry.objects.create(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        kommune_id=kommune_id,
        user_id=by.pk if by is not None else None,
        user_label=(by.email or by.phone or "") if by is not None else "",
        client_id=application.client_id if application is not None else "",
        client_name=application.name if application is not None else "",
        ip=origin.ip,
        user_agent=origin.user_agent[:300],
        details=details or {},
    )

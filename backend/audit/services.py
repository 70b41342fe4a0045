"""Writing the audit log. Entries name fields and outcomes, never the personal data itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from audit.models import AuditEntry


@dataclass(frozen=True)
class Source:
    """Where a change or a read came from: the case system (if any) and the network."""

    client_id: str = ""
    client_name: str = ""
    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def of(cls, request: HttpRequest, *, client_id: str = "", client_name: str = "") -> Source:
        """Where `request` came from: its address and its browser, as the audit log keeps it."""
        return cls(
            client_id=client_id,
            client_name=client_name,
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.headers.get("User-Agent", "")[:300],
        )


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: object,
    by: AbstractBaseUser | None,
    source: Source | None,
    kommune_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry: who (person, case system, or both), when, what, and from where."""
    source = source or Source()
    label = (getattr(by, "email", "") or getattr(by, "phone", "") or "") if by is not None else ""
    return AuditEntry.objects.create(
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        kommune_id=kommune_id,
        user_id=by.pk if by is not None else None,
        user_label=label,
        client_id=source.client_id,
        client_name=source.client_name,
        ip=source.ip,
        user_agent=source.user_agent[:300],
        details=details or {},
    )

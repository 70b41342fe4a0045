"""Writing the audit log for subsidies: the viewer's origin (a case system or a person's browser)
becomes the entry's source."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from audit.models import AuditAction, AuditEntry, AuditObjectType
from audit.services import audit_record as audit_append
from subsidies.models import SubsidyCase
from subsidies.viewers import Origin, Viewer


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


def case_read_record(*, viewer: Viewer, case: SubsidyCase) -> AuditEntry:
    """Record that `viewer` was served the whole case, with its input record (birth date,
    residence permit) when it has a result."""
    return audit_record(
        action=AuditAction.CASE_READ,
        object_type=AuditObjectType.SUBSIDY_CASE,
        object_id=case.pk,
        by=viewer.user,
        origin=viewer.origin,
        kommune_id=case.kommune_id,
        details={"fields": ["input_snapshot"]} if case.current_result_id else {},
    )


def person_facts_read_record(
    *, viewer: Viewer, case: SubsidyCase, found: bool, national_id_revealed: bool
) -> AuditEntry:
    """Record that `viewer` was served the facts about the case's newcomer (the national id,
    when revealed, is audited as such)."""
    fields = ["birth_date", "residence_permit", "introduction_programme", "out_of_work_periods"]
    return audit_record(
        action=AuditAction.NATIONAL_ID_READ if national_id_revealed else AuditAction.FACTS_READ,
        object_type=AuditObjectType.PERSON_FACTS,
        object_id=case.newcomer_id,
        by=viewer.user,
        origin=viewer.origin,
        kommune_id=case.kommune_id,
        details={
            "case": case.pk,
            "fields": [*fields, "national_id"] if national_id_revealed else fields,
            "found": found,
        },
    )

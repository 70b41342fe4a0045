"""Opening subsidy cases, the facts a veileder gives them, and computing their eligibility."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from audit.models import AuditAction, AuditObjectType
from common.errors import AlreadyDecided, Conflict, OutOfScope, StaleVersion, WrongRole
from common.tasks import enqueue
from listings.models import ListingKind
from placements.models import AgreementStatus, PlacementAgreement
from subsidies import rules
from subsidies.models import (
    CASE_FACT_FIELDS,
    UNDECIDED_STATUSES,
    CaseEvent,
    CaseEventKind,
    CaseStatus,
    ComputeRequest,
    PersonFacts,
    Scheme,
    SubsidyCase,
)
from subsidies.records import (
    CASE_RECORD_RELATIONS,
    CASE_ROW_FIELDS,
    approved_subsidies,
    missing_from_row,
    other_subsidies_for,
    record_from_row,
)
from subsidies.services.audit import audit_record
from subsidies.services.bulk import CaseChange, NewResult, cases_update, results_insert
from subsidies.services.events import case_event, case_events_record, event_of
from subsidies.validators import birth_date_of, clean_national_id
from subsidies.viewers import Origin

SCHEME_OF_KIND = {
    ListingKind.INNSTEGSJOBB: Scheme.INNSTEGSJOBB,
    ListingKind.NYSTARTSJOBB: Scheme.NYSTARTSJOBB,
}
# A case is computed (again) only before anyone has recommended it.
COMPUTABLE_STATUSES = (CaseStatus.OPEN, CaseStatus.COMPUTED)
OTHER_CASE_FACTS = ("holiday_pay_rate", "otp_rate")
PERSON_FACT_FIELDS = (
    "national_id",
    "birth_date",
    "permit_kind",
    "permit_granted_on",
    "in_introduction_programme",
    "in_norwegian_tuition",
    "out_of_work_periods",
)


MAX_COMPUTE_ATTEMPTS = 5
SWEEP_CHUNK_SIZE = 500
logger = logging.getLogger(__name__)


# Who may do what


def require_caseworker(
    *, case: SubsidyCase, by: User, roles: Iterable[str], origin: Origin | None
) -> None:
    """`by` has one of `roles`, serves the case's kommune, and so does the case system, if any."""
    if not by.is_active or by.role not in set(roles):
        raise WrongRole(_("Your role does not allow this on a subsidy case."))
    if not by.kommuner.filter(pk=case.kommune_id).exists():
        raise OutOfScope(_("You do not serve the kommune of this case."))
    client = origin.client if origin else None
    if client is not None and not client.kommuner.filter(pk=case.kommune_id).exists():
        raise OutOfScope(_("This case system does not serve the kommune of this case."))


def check_version(case: SubsidyCase, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != case.version:
        raise StaleVersion(
            _("The case changed since you read it (now version %(version)d). Read it again.")
            % {"version": case.version}
        )


def locked_case(case: SubsidyCase) -> SubsidyCase:
    """The case row, locked until the transaction ends, so that concurrent changes queue up."""
    return (
        SubsidyCase.objects.select_for_update(of=("self",))
        .select_related(*CASE_RECORD_RELATIONS)
        .get(pk=case.pk)
    )


def _changeable_case(case: SubsidyCase, by: User, origin: Origin | None) -> SubsidyCase:
    """The case row, locked, once `by` may change its facts and it is not decided yet (a change
    sends a computed or recommended case back to `open`)."""
    case = locked_case(case)
    require_caseworker(case=case, by=by, roles=(Role.VEILEDER, Role.BESLUTTER), origin=origin)
    if case.is_decided:
        raise AlreadyDecided(_("A decided case cannot change."))
    return case


def compute_requests_record(case_ids: Sequence[int], *, now: datetime.datetime) -> None:
    """Record in the caller's transaction that these cases must be computed (again).

    The record is the guarantee: whichever of the task sent on commit and the sweep comes first
    computes the cases and deletes it. A new request resets the attempts of an older one.
    """
    lease_until = now + datetime.timedelta(seconds=settings.SUBSIDY_COMPUTE_LEASE_SECONDS)
    ComputeRequest.objects.bulk_create(
        [
            ComputeRequest(case_id=case_id, requested_at=now, leased_until=lease_until)
            for case_id in sorted(set(case_ids))  # one order for every writer: no deadlocks
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["case"],
        update_fields=["requested_at", "leased_until", "attempts", "last_error"],
    )


def queue_compute(case_ids: Sequence[int]) -> None:
    compute_requests_record(case_ids, now=timezone.now())
    for case_id in case_ids:  # on commit; a lost message leaves it to the sweep
        enqueue("worker.tasks.subsidies.compute_eligibility", case_id)


def _send_back(case: SubsidyCase) -> None:
    """Facts or terms changed: the case waits for a new computation (and recommendation)."""
    if case.status in (CaseStatus.COMPUTED, CaseStatus.RECOMMENDED):
        case.status = CaseStatus.OPEN
    case.version += 1


# Opening


@transaction.atomic
def subsidy_case_open(*, agreement: PlacementAgreement, by: User | None) -> SubsidyCase | None:
    """Open the subsidy case of an innstegsjobb or nystartsjobb agreement that became ready.

    Called on placements' agreement_approved signal, inside the approval's transaction; for any
    other agreement it does nothing. When changed terms were approved again, an undecided case goes
    back to `open` and is computed again; a decided case keeps the terms it was decided on.
    """
    scheme = SCHEME_OF_KIND.get(agreement.kind)  # type: ignore[call-overload]
    if scheme is None or agreement.status != AgreementStatus.READY:
        return None
    case = SubsidyCase.objects.select_for_update().filter(agreement=agreement).first()
    if case is None:
        case = SubsidyCase.objects.create(
            agreement=agreement,
            newcomer_id=agreement.newcomer_id,
            organisation_id=agreement.organisation_id,
            kommune_id=agreement.kommune_id,
            scheme=scheme,
            application_date=timezone.localdate(),
        )
        kind = CaseEventKind.OPENED
    elif case.is_decided:
        return case
    else:
        _send_back(case)
        case.save(update_fields=["status", "version", "updated_at"])
        kind = CaseEventKind.REOPENED
    case_events_record(
        [case_event(case, kind, agreement=agreement.pk, agreement_version=agreement.version)]
    )
    queue_compute([case.pk])
    return case


# Facts


@transaction.atomic
def case_facts_update(
    *,
    case: SubsidyCase,
    by: User,
    origin: Origin | None = None,
    expected_version: int | None = None,
    **facts: Any,
) -> SubsidyCase:
    """Set the facts about the employer and the job that the veileder finds out."""
    unknown = set(facts) - set(CASE_FACT_FIELDS) - set(OTHER_CASE_FACTS)
    if unknown:
        raise TypeError(f"case_facts_update() got unexpected fields: {sorted(unknown)}")
    case = _changeable_case(case, by, origin)
    check_version(case, expected_version)
    changed = [name for name, value in facts.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, facts[name])
    if not changed:
        return case
    case.full_clean(exclude=["agreement", "newcomer", "organisation", "kommune", "current_result"])
    _send_back(case)
    case.save()
    audit_record(
        action=AuditAction.CASE_FACTS_UPDATE,
        object_type=AuditObjectType.SUBSIDY_CASE,
        object_id=case.pk,
        by=by,
        origin=origin,
        kommune_id=case.kommune_id,
        details={"fields": sorted(changed)},
    )
    case_events_record([case_event(case, CaseEventKind.FACTS_CHANGED, fields=sorted(changed))])
    queue_compute([case.pk])
    return case


def _clean_person_facts(facts: PersonFacts) -> None:
    errors: dict[str, list[str]] = {}
    if facts.national_id:
        try:
            facts.national_id = clean_national_id(facts.national_id)
        except ValidationError as error:
            errors["national_id"] = error.messages
    if (
        facts.national_id
        and "national_id" not in errors
        and PersonFacts.objects.with_national_id(facts.national_id)
        .exclude(person_id=facts.person_id)
        .exists()
    ):
        errors["national_id"] = [_("This national identity number belongs to another person.")]
    if facts.national_id and "national_id" not in errors:
        try:
            encoded = birth_date_of(facts.national_id)
        except ValueError:  # an FH-number carries no birth date
            encoded = None
        if encoded is not None and facts.birth_date is None:
            facts.birth_date = encoded
        elif encoded is not None and facts.birth_date != encoded:
            errors["birth_date"] = [
                _("The birth date does not match the national identity number.")
            ]
    if facts.birth_date is None and "birth_date" not in errors:
        errors["birth_date"] = [_("Give the birth date (or a national identity number).")]
    elif facts.birth_date is not None and facts.birth_date > timezone.localdate():
        errors["birth_date"] = [_("The birth date cannot lie in the future.")]
    if errors:
        raise ValidationError(errors)
    facts.full_clean(exclude=["person", "updated_by"])


@transaction.atomic
def person_facts_update(
    *,
    case: SubsidyCase,
    by: User,
    origin: Origin | None = None,
    national_id: str = "",
    birth_date: datetime.date | None = None,
    residence_permit: dict[str, Any] | None = None,
    in_introduction_programme: bool = False,
    in_norwegian_tuition: bool = False,
    out_of_work_periods: list[dict[str, Any]] | None = None,
) -> PersonFacts:
    """Replace what the rules need to know about the case's newcomer.

    The facts belong to the person, so every undecided case of theirs is computed again.
    """
    case = _changeable_case(case, by, origin)
    facts = PersonFacts.objects.select_for_update().filter(person_id=case.newcomer_id).first()
    before = {name: getattr(facts, name) for name in PERSON_FACT_FIELDS} if facts else {}
    facts = facts or PersonFacts(person_id=case.newcomer_id)
    facts.national_id = national_id.strip()
    facts.birth_date = birth_date  # type: ignore[assignment]
    facts.permit_kind = (residence_permit or {}).get("kind", "")
    facts.permit_granted_on = (residence_permit or {}).get("granted_on")
    facts.in_introduction_programme = in_introduction_programme
    facts.in_norwegian_tuition = in_norwegian_tuition
    facts.out_of_work_periods = out_of_work_periods or []
    _clean_person_facts(facts)
    changed = sorted(
        name for name in PERSON_FACT_FIELDS if before.get(name) != getattr(facts, name)
    )
    if not changed:
        return facts
    facts.updated_by = by
    try:
        with transaction.atomic():
            facts.save()
    except IntegrityError:  # another case of the person gave the first facts at the same time
        raise Conflict(
            _("The facts changed at the same time. Read them again."), code="concurrent_change"
        ) from None
    audit_record(
        action=AuditAction.FACTS_UPDATE,
        object_type=AuditObjectType.PERSON_FACTS,
        object_id=case.newcomer_id,
        by=by,
        origin=origin,
        kommune_id=case.kommune_id,
        details={"fields": changed, "case": case.pk},
    )
    affected = list(
        SubsidyCase.objects.select_for_update()
        .filter(newcomer_id=case.newcomer_id, status__in=UNDECIDED_STATUSES)
        .order_by("pk")
    )
    for other in affected:
        _send_back(other)
    SubsidyCase.objects.bulk_update(affected, ["status", "version"])
    case_events_record(
        [
            case_event(other, CaseEventKind.FACTS_CHANGED, fields=["person_facts"])
            for other in affected
        ]
    )
    queue_compute([other.pk for other in affected])
    return facts


# Computing

_COMPUTE_FIELDS = (
    *CASE_ROW_FIELDS,
    "status",
    "version",
    "kommune_id",
    "compute_errors",
    "current_result_id",
    "current_result__digest",
)


def _json(value: Any) -> str:
    # The engine builds its answer in a fixed order, so the text is the same for the same answer.
    return json.dumps(value, separators=(",", ":"))


def evaluate_row(
    row: Mapping[str, Any], *, approved: Mapping[int, list[dict[str, Any]]] | None = None
) -> tuple[dict[str, Any], dict[str, Any]] | list[dict[str, str]]:
    """The input snapshot and the answer for a case's row (records.CASE_ROW_FIELDS) under the
    rule set in force on its start date, or the engine's errors, each naming a field.

    The snapshot names the rule-set version, so that re-evaluating it gives the same answer.
    Texts are the English sources; readers get them in their language from the snapshot.
    `approved` (records.approved_subsidies) gives the person's approved decisions, for rule 7.
    """
    others = other_subsidies_for(row, approved) if approved else None
    record = record_from_row(row, other_subsidies=others)
    try:
        answer = rules.evaluate_record(rules.parse_record(record))
    except rules.InputError as error:
        return list(error.errors)
    # The record as the engine read it (JSON values only), with the version it applied.
    return {**record, "rule_set": answer["rule_set"]}, answer


def _change(row: Mapping[str, Any], status: str, **values: Any) -> CaseChange:
    return CaseChange(
        case_id=row["pk"],
        kommune_id=row["kommune_id"],
        version=row["version"] + 1,
        status=status,
        **values,
    )


def _event(change: CaseChange) -> CaseEvent:
    common: dict[str, Any] = {
        "case_id": change.case_id,
        "kommune_id": change.kommune_id,
        "status": change.status,
        "version": change.version,
    }
    if change.errors:
        fields = sorted({error["field"] for error in change.errors})
        return event_of(kind=CaseEventKind.NOT_COMPUTABLE, fields=fields, **common)
    result = change.result
    answer = result.answer if result is not None else {}
    return event_of(
        kind=CaseEventKind.COMPUTED,
        result=change.current_result_id,
        rule_set=answer.get("rule_set"),
        eligible=answer.get("eligible"),
        monthly_amount_nok=answer.get("monthly_amount_nok"),
        **common,
    )


def cases_compute(*, case_ids: Sequence[int]) -> int:
    """Compute eligibility for these cases, where they are open or computed and have every fact.

    A result is stored only when the record or the answer changed, so computing twice changes
    nothing. Returns how many cases got a new result. Used for one case (after a change) and
    for batches of a few hundred (recomputing every case): one query reads the facts of all.
    """
    now = timezone.now()
    with transaction.atomic():
        # By primary key only: the status is checked here, as an index on it would cost more.
        locked = (
            SubsidyCase.objects.select_for_update(of=("self",))
            .filter(pk__in=case_ids)
            .order_by("pk")
            .values(*_COMPUTE_FIELDS)
        )
        rows = [
            row
            for row in locked
            if row["status"] in COMPUTABLE_STATUSES and not missing_from_row(row)
        ]
        approved = approved_subsidies(row["newcomer_id"] for row in rows)
        results: list[NewResult] = []
        changes: list[CaseChange] = []
        for row in rows:
            outcome = evaluate_row(row, approved=approved)
            if isinstance(outcome, list):
                if row["compute_errors"] != outcome or row["current_result_id"] is not None:
                    changes.append(_change(row, CaseStatus.OPEN, errors=outcome))
                continue
            snapshot, answer = outcome
            snapshot_json, answer_json = _json(snapshot), _json(answer)
            digest = hashlib.sha256(f"{snapshot_json}\n{answer_json}".encode()).hexdigest()
            if row["current_result__digest"] == digest:
                if row["status"] != CaseStatus.COMPUTED:  # facts changed back to what they were
                    changes.append(
                        _change(row, CaseStatus.COMPUTED, result_id=row["current_result_id"])
                    )
                continue
            result = NewResult(
                case_id=row["pk"],
                snapshot=snapshot,
                answer=answer,
                snapshot_json=snapshot_json,
                answer_json=answer_json,
                digest=digest,
            )
            results.append(result)
            changes.append(_change(row, CaseStatus.COMPUTED, result=result))
        results_insert(results, now=now)
        cases_update(changes, now=now)
        case_events_record([_event(change) for change in changes])
        # The locks above make this computation read every change committed before it; a later
        # change waits for them and records a request of its own.
        ComputeRequest.objects.filter(case_id__in=case_ids).delete()
    return len(results)


def computable_case_ids(*, kommuner: Iterable[str] | None = None) -> list[int]:
    """Ids of every case a recomputation covers (open or computed), oldest first."""
    cases = SubsidyCase.objects.filter(status__in=COMPUTABLE_STATUSES)
    if kommuner is not None:
        cases = cases.filter(kommune_id__in=list(kommuner))
    return list(cases.order_by("pk").values_list("pk", flat=True))


def eligibility_recompute_queue(*, case_ids: Sequence[int], chunk_size: int = 500) -> int:
    """Queue the recomputation of `case_ids` in chunks; returns the number of tasks queued.

    After a new rule set or a new G, say: `eligibility_recompute_queue(case_ids=
    computable_case_ids())`. Each task computes one chunk in one transaction. Every case gets a
    compute request first, so that a chunk whose message or worker is lost is done by the sweep.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    chunks = [list(case_ids[i : i + chunk_size]) for i in range(0, len(case_ids), chunk_size)]
    with transaction.atomic():
        compute_requests_record(case_ids, now=timezone.now())
        for chunk in chunks:
            enqueue("worker.tasks.subsidies.recompute_eligibility", chunk)
    return len(chunks)


def compute_requests_sweep(*, now: datetime.datetime | None = None, limit: int = 2000) -> int:
    """Compute the cases whose request's lease passed, up to `limit`; returns how many.

    A request is taken by one sweep at a time (SKIP LOCKED), leased again and counted; one that
    failed MAX_COMPUTE_ATTEMPTS times is left, with its last error, for someone to look at.
    """
    now = now or timezone.now()
    lease_until = now + datetime.timedelta(seconds=settings.SUBSIDY_COMPUTE_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(
            ComputeRequest.objects.select_for_update(skip_locked=True)
            .filter(leased_until__lt=now, attempts__lt=MAX_COMPUTE_ATTEMPTS)
            .order_by("leased_until", "case_id")
            .values_list("case_id", flat=True)[:limit]
        )
        ComputeRequest.objects.filter(case_id__in=ids).update(
            leased_until=lease_until, attempts=F("attempts") + 1
        )
    for start in range(0, len(ids), SWEEP_CHUNK_SIZE):
        chunk = ids[start : start + SWEEP_CHUNK_SIZE]
        try:
            cases_compute(case_ids=chunk)
        except Exception as error:  # recorded on the requests; the next sweep tries again
            logger.exception("computing %s swept cases failed", len(chunk))
            ComputeRequest.objects.filter(case_id__in=chunk).update(
                last_error=f"{type(error).__name__}: {error}"[:200]
            )
    if ids:
        logger.warning("the sweep computed %s cases no task had computed", len(ids))
    return len(ids)

"""Writes about placement agreements: create from an accepted application, change the terms,
approve in three parties, start, end and cancel. Every change is written to the timeline."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.phone import normalize_phone
from applications.models import Application, ApplicationStatus
from common.errors import AlreadyDone, Conflict, NotParty, StaleVersion, WrongStatus
from common.months import period_last_day
from common.validators import validate_plain_text
from listings.models import UNPAID_KINDS, ListingKind
from placements.models import (
    EDITABLE_STATUSES,
    AgreementAction,
    AgreementEvent,
    AgreementStatus,
    PlacementAgreement,
)
from placements.parties import is_employer_party, is_newcomer_party, is_veileder_party
from placements.signals import agreement_approved

# The terms the employer (or the veileder) sets; everything else is kept by the services.
TERM_FIELDS = (
    "start_date",
    "end_date",
    "hours_per_week",
    "tuition_hours_per_week",
    "monthly_wage_nok",
    "position_percent",
    "supervisor_name",
    "supervisor_phone",
    "goals",
)
_TRIMMED = ("supervisor_name", "supervisor_phone")
FULL_TIME_HOURS = Decimal("37.5")
MAX_REASON = 500


def _event(
    *,
    agreement: PlacementAgreement,
    by: User | None,
    action: str,
    note: str = "",
    changed_fields: list[str] | None = None,
) -> AgreementEvent:
    return AgreementEvent.objects.create(
        agreement=agreement,
        by=by,
        action=action,
        note=note[:MAX_REASON],
        changed_fields=changed_fields or [],
        version=agreement.version,
    )


def _locked(agreement: PlacementAgreement) -> PlacementAgreement:
    """The row, locked until the transaction ends, so that concurrent changes queue up."""
    return PlacementAgreement.objects.select_for_update().get(pk=agreement.pk)


def _conflict_status(agreement: PlacementAgreement, message: str) -> WrongStatus:
    """`message` names what cannot be done; the status it is in fills %(status)s."""
    return WrongStatus(message % {"status": AgreementStatus(agreement.status).label})


def _require_editor(*, agreement: PlacementAgreement, by: User) -> None:
    if not (
        is_employer_party(agreement=agreement, user=by)
        or is_veileder_party(agreement=agreement, user=by)
    ):
        raise NotParty(
            _("Only the employer or a veileder of the kommune changes the agreement's terms.")
        )


def _require_veileder_or_system(*, agreement: PlacementAgreement, by: User | None) -> None:
    if by is not None and not is_veileder_party(agreement=agreement, user=by):
        raise NotParty(_("Only a veileder of the kommune starts or ends a placement."))


# Validation


def _check_terms(agreement: PlacementAgreement, *, complete: bool) -> None:
    """Field by field, then the rules that tie fields together; errors name their field.

    `complete` asks for everything an agreement needs before anyone approves it.
    """
    errors: dict[str, list[str]] = {}
    try:
        agreement.full_clean(
            exclude=["application", "newcomer", "organisation", "kommune"],
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update(error.message_dict)

    def add(field: str, message: str) -> None:
        if field not in errors:
            errors[field] = [message]

    if agreement.end_date and agreement.start_date and agreement.end_date < agreement.start_date:
        add("end_date", _("The end date must be on or after the start date."))
    if agreement.kind in UNPAID_KINDS and agreement.monthly_wage_nok is not None:
        add("monthly_wage_nok", _("A praksisplass is unpaid: leave the wage empty."))
    if complete:
        if agreement.end_date is None:
            add("end_date", _("Give the end date."))
        if not agreement.supervisor_name:
            add("supervisor_name", _("Name the supervisor at the work place."))
        if agreement.kind not in UNPAID_KINDS and agreement.monthly_wage_nok is None:
            add("monthly_wage_nok", _("A paid placement needs its monthly wage."))
    if agreement.kind == ListingKind.INNSTEGSJOBB and agreement.tuition_hours_per_week is None:
        add(
            "tuition_hours_per_week",
            _("An innstegsjobb needs its hours of Norwegian tuition per week."),
        )
    if errors:
        raise ValidationError(errors)


def _clean_value(name: str, value: Any) -> Any:
    if name in _TRIMMED and isinstance(value, str):
        value = value.strip()
    if name == "supervisor_phone" and value:
        try:
            value = normalize_phone(value)
        except ValidationError as error:
            raise ValidationError({"supervisor_phone": error.messages}) from None
    if name == "goals" and isinstance(value, list):
        value = [
            {**goal, "text": goal["text"].strip()}
            if isinstance(goal, dict) and isinstance(goal.get("text"), str)
            else goal
            for goal in value
        ]
    return value


def _clean_reason(reason: str, *, field: str) -> str:
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise ValidationError({field: _("Write at most %(max)d characters.") % {"max": MAX_REASON}})
    try:
        validate_plain_text(reason)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return reason


# Creating


def _default_hours(*, work_hours: int | None, position_percent: int) -> Decimal:
    if work_hours:
        return Decimal(work_hours)
    return (FULL_TIME_HOURS * position_percent / 100).quantize(Decimal("0.1"))


def agreement_end_date(start: datetime.date, duration_months: int | None) -> datetime.date | None:
    """The last day of an agreement that runs `duration_months` from `start` (None without a
    duration), with the project's one month arithmetic (common.months): 15 January + 1 month
    ends 14 February, 31 January 2025 + 1 month ends 27 February."""
    if not duration_months:
        return None
    return period_last_day(start, duration_months)


@transaction.atomic
def agreement_create_from_application(
    *, application: Application, by: User | None
) -> PlacementAgreement:
    """A draft agreement with the listing's terms, for the employer to complete."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("listing", "applicant__newcomer_profile")
        .get(pk=application.pk)
    )
    if application.status != ApplicationStatus.ACCEPTED:
        raise WrongStatus(
            _("Only an accepted application becomes a placement agreement."),
            code="not_accepted",
        )
    if PlacementAgreement.objects.filter(application=application).exists():
        raise AlreadyDone(
            _("This application already has a placement agreement."), code="already_has_agreement"
        )
    listing = application.listing
    profile = getattr(application.applicant, "newcomer_profile", None)
    # The newcomer's own kommune approves; without one on the profile, the work place's kommune.
    kommune_id = (profile.kommune_id if profile else None) or listing.kommune_id
    start = listing.start_date
    agreement = PlacementAgreement(
        application=application,
        newcomer=application.applicant,
        organisation_id=listing.organisation_id,
        kommune_id=kommune_id,
        kind=listing.kind,
        start_date=start,
        end_date=agreement_end_date(start, listing.duration_months),
        hours_per_week=_default_hours(
            work_hours=listing.work_hours_per_week, position_percent=listing.position_percent
        ),
        tuition_hours_per_week=listing.tuition_hours_per_week,
        monthly_wage_nok=None if listing.kind in UNPAID_KINDS else listing.monthly_wage,
        position_percent=listing.position_percent,
    )
    _check_terms(agreement, complete=False)
    agreement.save()
    _event(agreement=agreement, by=by, action=AgreementAction.CREATED)
    return agreement


# Terms and approvals


def _has_any_approval(agreement: PlacementAgreement) -> bool:
    return any(
        (
            agreement.newcomer_approved_at,
            agreement.employer_approved_at,
            agreement.veileder_approved_at,
        )
    )


def _reset_approvals(agreement: PlacementAgreement) -> None:
    agreement.newcomer_approved_at = agreement.newcomer_approved_by = None
    agreement.employer_approved_at = agreement.employer_approved_by = None
    agreement.veileder_approved_at = agreement.veileder_approved_by = None
    agreement.on_behalf_reason = ""


def _check_version(agreement: PlacementAgreement, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != agreement.version:
        raise StaleVersion(
            _(
                "The terms changed since you read them (now version %(version)d). "
                "Read them again before you go on."
            )
            % {"version": agreement.version}
        )


@transaction.atomic
def agreement_update_terms(
    *,
    agreement: PlacementAgreement,
    by: User,
    expected_version: int | None = None,
    **terms: Any,
) -> PlacementAgreement:
    """Change terms. A change after any approval asks all three parties to approve again."""
    unknown = set(terms) - set(TERM_FIELDS)
    if unknown:
        raise TypeError(f"agreement_update_terms() got unexpected fields: {sorted(unknown)}")
    agreement = _locked(agreement)
    _require_editor(agreement=agreement, by=by)
    if agreement.status not in EDITABLE_STATUSES:
        raise _conflict_status(
            agreement, _("The terms cannot change now: the agreement is “%(status)s”.")
        )
    _check_version(agreement, expected_version)
    errors: dict[str, list[str]] = {}
    changed: list[str] = []
    for name in TERM_FIELDS:
        if name not in terms:
            continue
        try:
            value = _clean_value(name, terms[name])
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if getattr(agreement, name) != value:
            setattr(agreement, name, value)
            changed.append(name)
    if errors:
        raise ValidationError(errors)
    if not changed:
        return agreement
    _check_terms(agreement, complete=agreement.status != AgreementStatus.DRAFT)
    reset = _has_any_approval(agreement)
    agreement.version += 1
    if reset:
        _reset_approvals(agreement)
        agreement.status = AgreementStatus.AWAITING_APPROVALS
    agreement.save()
    _event(agreement=agreement, by=by, action=AgreementAction.TERMS_CHANGED, changed_fields=changed)
    if reset:
        _event(agreement=agreement, by=None, action=AgreementAction.APPROVALS_RESET)
    return agreement


@transaction.atomic
def agreement_submit_for_approval(*, agreement: PlacementAgreement, by: User) -> PlacementAgreement:
    """The employer (or the veileder) has completed the terms: ask the three parties."""
    agreement = _locked(agreement)
    _require_editor(agreement=agreement, by=by)
    if agreement.status != AgreementStatus.DRAFT:
        raise _conflict_status(
            agreement, _("Only a draft is sent for approval: this agreement is “%(status)s”.")
        )
    _check_terms(agreement, complete=True)
    agreement.status = AgreementStatus.AWAITING_APPROVALS
    agreement.save(update_fields=["status", "updated_at"])
    _event(agreement=agreement, by=by, action=AgreementAction.SUBMITTED)
    return agreement


def _already_approved(agreement: PlacementAgreement) -> AlreadyDone:
    return AlreadyDone(
        _("You have already approved version %(version)d of this agreement.")
        % {"version": agreement.version},
        code="already_approved",
    )


@transaction.atomic
def agreement_approve(
    *,
    agreement: PlacementAgreement,
    by: User,
    on_behalf_reason: str = "",
    expected_version: int | None = None,
) -> PlacementAgreement:
    """Approve the agreement's current terms as the newcomer, the employer or the veileder.

    The newcomer and the employer approve in any order; the veileder approves last. A veileder
    may approve for a newcomer who cannot do it themselves (no BankID, no digital access): the
    reason is required and recorded. When the employer has approved already, that same step is
    also the veileder's own approval.
    """
    agreement = _locked(agreement)
    is_newcomer = is_newcomer_party(agreement=agreement, user=by)
    is_employer = not is_newcomer and is_employer_party(agreement=agreement, user=by)
    is_veileder = not (is_newcomer or is_employer) and is_veileder_party(
        agreement=agreement, user=by
    )
    if not (is_newcomer or is_employer or is_veileder):
        raise NotParty(_("Only the newcomer, the employer or a veileder of the kommune approves."))
    if on_behalf_reason.strip() and not is_veileder:
        raise NotParty(_("Only a veileder approves on the newcomer's behalf."))
    on_behalf_reason = _clean_reason(on_behalf_reason, field="on_behalf_reason")
    if (
        (is_newcomer and agreement.newcomer_approved_at)
        or (is_employer and agreement.employer_approved_at)
        or (is_veileder and agreement.veileder_approved_at)
    ):
        raise _already_approved(agreement)
    if agreement.status != AgreementStatus.AWAITING_APPROVALS:
        raise _conflict_status(
            agreement, _("The agreement cannot be approved now: it is “%(status)s”.")
        )
    _check_version(agreement, expected_version)
    now = timezone.now()
    actions: list[tuple[str, str]] = []
    if is_newcomer:
        agreement.newcomer_approved_at, agreement.newcomer_approved_by = now, by
        actions.append((AgreementAction.NEWCOMER_APPROVED, ""))
    elif is_employer:
        agreement.employer_approved_at, agreement.employer_approved_by = now, by
        actions.append((AgreementAction.EMPLOYER_APPROVED, ""))
    elif on_behalf_reason:
        if agreement.newcomer_approved_by_id == by.pk:
            raise _already_approved(agreement)
        if agreement.newcomer_approved_at:
            raise AlreadyDone(
                _("The newcomer has already approved this version themselves."),
                code="already_approved",
            )
        agreement.newcomer_approved_at, agreement.newcomer_approved_by = now, by
        agreement.on_behalf_reason = on_behalf_reason
        actions.append((AgreementAction.APPROVED_ON_BEHALF, on_behalf_reason))
    elif not agreement.newcomer_approved_at:
        raise ValidationError(
            {
                "on_behalf_reason": _(
                    "The newcomer has not approved yet. To approve on their behalf, give the "
                    "reason (for example: no BankID or no digital access)."
                )
            }
        )
    elif not agreement.employer_approved_at:
        raise Conflict(_("The employer approves before the veileder."), code="employer_first")
    if is_veileder and agreement.employer_approved_at:
        agreement.veileder_approved_at, agreement.veileder_approved_by = now, by
        agreement.status = AgreementStatus.READY
        actions.append((AgreementAction.VEILEDER_APPROVED, ""))
    agreement.save()
    for action, note in actions:
        _event(agreement=agreement, by=by, action=action, note=note)
    agreement_approved.send(sender=PlacementAgreement, agreement=agreement, by=by)
    return agreement


# Life cycle


@transaction.atomic
def agreement_start(
    *, agreement: PlacementAgreement, by: User | None, today: datetime.date | None = None
) -> PlacementAgreement:
    """A ready agreement starts on its start date (the beat task, or a veileder)."""
    today = today or timezone.localdate()
    agreement = _locked(agreement)
    _require_veileder_or_system(agreement=agreement, by=by)
    if agreement.status != AgreementStatus.READY:
        raise _conflict_status(
            agreement, _("Only an agreement ready to start is started: this one is “%(status)s”.")
        )
    if agreement.start_date > today:
        raise Conflict(
            _("The placement starts on %(date)s, not before.")
            % {"date": agreement.start_date.isoformat()},
            code="too_early",
        )
    agreement.status = AgreementStatus.RUNNING
    agreement.save(update_fields=["status", "updated_at"])
    _event(agreement=agreement, by=by, action=AgreementAction.STARTED)
    return agreement


@transaction.atomic
def agreement_end(
    *,
    agreement: PlacementAgreement,
    by: User | None,
    note: str = "",
    today: datetime.date | None = None,
) -> PlacementAgreement:
    """A running placement ends: after its end date (the beat task), or when a veileder says."""
    today = today or timezone.localdate()
    agreement = _locked(agreement)
    _require_veileder_or_system(agreement=agreement, by=by)
    if agreement.status != AgreementStatus.RUNNING:
        raise _conflict_status(
            agreement, _("Only a running placement is ended: this one is “%(status)s”.")
        )
    if by is None and (agreement.end_date is None or agreement.end_date >= today):
        raise Conflict(_("The placement has not reached its end date."), code="too_early")
    agreement.status = AgreementStatus.ENDED
    agreement.save(update_fields=["status", "updated_at"])
    _event(agreement=agreement, by=by, action=AgreementAction.ENDED, note=note.strip())
    return agreement


@transaction.atomic
def agreement_cancel(*, agreement: PlacementAgreement, by: User, reason: str) -> PlacementAgreement:
    """Any party cancels an agreement that has not ended, and says why."""
    agreement = _locked(agreement)
    if not (
        is_newcomer_party(agreement=agreement, user=by)
        or is_employer_party(agreement=agreement, user=by)
        or is_veileder_party(agreement=agreement, user=by)
    ):
        raise NotParty(_("Only the newcomer, the employer or a veileder of the kommune cancels."))
    if agreement.is_final:
        raise _conflict_status(
            agreement, _("The agreement cannot be cancelled: it is “%(status)s”.")
        )
    reason = _clean_reason(reason, field="reason")
    if not reason:
        raise ValidationError({"reason": _("Say why the agreement is cancelled.")})
    agreement.cancelled_reason = reason
    agreement.status = AgreementStatus.CANCELLED
    agreement.save(update_fields=["status", "cancelled_reason", "updated_at"])
    _event(agreement=agreement, by=by, action=AgreementAction.CANCELLED, note=reason)
    return agreement


def agreements_start_and_end(*, today: datetime.date) -> dict[str, int]:
    """Start ready agreements whose start date has come; end running ones past their end date.

    Idempotent: each agreement is re-read under a lock, and one that another run (or a person)
    has moved on is skipped.
    """
    steps = (
        ("started", agreement_start, Q(status=AgreementStatus.READY, start_date__lte=today)),
        ("ended", agreement_end, Q(status=AgreementStatus.RUNNING, end_date__lt=today)),
    )
    counts = {"started": 0, "ended": 0}
    for count, step, due in steps:
        due_ids = PlacementAgreement.objects.filter(due).order_by("pk").values_list("pk", flat=True)
        for pk in due_ids:
            try:
                step(agreement=PlacementAgreement(pk=pk), by=None, today=today)
            except Conflict:
                continue
            counts[count] += 1
    return counts

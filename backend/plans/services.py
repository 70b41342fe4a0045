"""Writes to development plans, the competence mapping, evaluations and reference letters.

The plan is the newcomer's: they write their own notes, and only they. Their guide (while the
newcomer consents to share) and the veiledere of their kommune make and change the rest. Each
service checks who is asking, validates (full_clean) before it saves, and raises the project's
own errors (common.errors) or a ValidationError naming the field.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from applications.models import ApplicantProfile
from common.errors import Conflict, NotAllowed
from listings.models import ListingKind
from placements.models import AgreementStatus, PlacementAgreement
from placements.services import is_employer_party, is_newcomer_party, is_veileder_party
from plans.models import (
    Competence,
    CompetenceSource,
    DevelopmentPlan,
    Education,
    EvaluationParty,
    PlacementEvaluation,
    PlanNote,
    PlanStep,
    ReferenceLetter,
    StepKind,
    StepOwner,
    StepStatus,
)
from plans.selectors import may_see_plan_of

PLAN_FIELDS = frozenset(
    {
        "goal_kind",
        "goal_occupation",
        "goal_education",
        "norwegian_spoken_now",
        "norwegian_written_now",
        "norwegian_spoken_target",
        "norwegian_written_target",
    }
)
STEP_FIELDS = frozenset(
    {"kind", "title", "details", "owner", "start_date", "due_date", "status", "agreement"}
)
COMPETENCE_FIELDS = frozenset({"kind", "title", "description", "occupation", "years", "source"})
EDUCATION_FIELDS = frozenset(
    {
        "level",
        "title",
        "country",
        "completed_year",
        "recognition_status",
        "recognition_note",
        "source",
    }
)
LETTER_FIELDS = frozenset(
    {"signer_name", "signer_title", "tasks", "statement", "statement_translated"}
)

# The step an agreement of each kind is in the plan.
STEP_KIND_OF_LISTING_KIND = {
    ListingKind.PRAKSISPLASS: StepKind.WORK_PRACTICE,
    ListingKind.INNSTEGSJOBB: StepKind.INNSTEGSJOBB,
    ListingKind.LAEREPLASS: StepKind.APPRENTICESHIP,
    ListingKind.NYSTARTSJOBB: StepKind.OTHER,
    ListingKind.TRAINEE: StepKind.OTHER,
}
STEP_STATUS_OF_AGREEMENT = {
    AgreementStatus.DRAFT: StepStatus.PLANNED,
    AgreementStatus.AWAITING_APPROVALS: StepStatus.PLANNED,
    AgreementStatus.READY: StepStatus.PLANNED,
    AgreementStatus.RUNNING: StepStatus.IN_PROGRESS,
    AgreementStatus.ENDED: StepStatus.DONE,
    AgreementStatus.CANCELLED: StepStatus.CANCELLED,
}


# Who may do what


def require_plan_editor(*, newcomer: User, by: User) -> None:
    """Only the newcomer's guide (with consent) or a veileder of their kommune edits the plan."""
    if by.role not in (Role.GUIDE, Role.VEILEDER) or not may_see_plan_of(
        newcomer=newcomer, viewer=by
    ):
        raise NotAllowed(
            _("Only the newcomer's guide or a veileder of their kommune changes the plan."),
            code="not_plan_editor",
        )


def _require_owner(*, plan: DevelopmentPlan, by: User) -> None:
    if plan.newcomer_id != by.pk:
        raise NotAllowed(_("Only the newcomer writes notes in their plan."), code="not_plan_owner")


def _unknown(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError({name: _("This cannot be changed here.") for name in unknown})


def _set(obj: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


# The plan


@transaction.atomic
def plan_create(*, newcomer: User, by: User, **fields: Any) -> DevelopmentPlan:
    """Start `newcomer`'s plan. The Norwegian levels now start from what the newcomer told
    employers in their profile, unless given."""
    require_plan_editor(newcomer=newcomer, by=by)
    _unknown(fields, PLAN_FIELDS)
    if DevelopmentPlan.objects.filter(newcomer=newcomer).exists():
        raise Conflict(_("This newcomer already has a plan."), code="plan_exists")
    plan = DevelopmentPlan(newcomer=newcomer, updated_by=by)
    profile = ApplicantProfile.objects.filter(user=newcomer).first()
    if profile is not None:
        plan.norwegian_spoken_now = profile.norwegian_spoken
        plan.norwegian_written_now = profile.norwegian_written
    _set(plan, fields)
    _check_goal(plan)
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise Conflict(_("This newcomer already has a plan."), code="plan_exists") from None
    return plan


def _check_goal(plan: DevelopmentPlan) -> None:
    if plan.goal_occupation_id is not None and plan.goal_occupation.level != 4:  # type: ignore[union-attr]
        raise ValidationError(
            {"goal_occupation": _("Choose an occupation at the most detailed level (4 digits).")}
        )


@transaction.atomic
def plan_update(*, plan: DevelopmentPlan, by: User, **fields: Any) -> DevelopmentPlan:
    require_plan_editor(newcomer=plan.newcomer, by=by)
    _unknown(fields, PLAN_FIELDS)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    _set(plan, fields)
    plan.updated_by = by
    _check_goal(plan)
    plan.full_clean()
    plan.save()
    return plan


def _touch(plan: DevelopmentPlan, by: User) -> None:
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_by=by, updated_at=timezone.now())


# Steps


def _check_agreement(step: PlanStep) -> None:
    if step.agreement_id is not None:
        agreement = step.agreement
        assert agreement is not None
        if agreement.newcomer_id != step.plan.newcomer_id:
            raise ValidationError(
                {"agreement": _("Choose one of this newcomer's own placement agreements.")}
            )


def _completion(step: PlanStep, today: datetime.date) -> None:
    if step.status == StepStatus.DONE and step.completed_on is None:
        step.completed_on = today
    elif step.status != StepStatus.DONE:
        step.completed_on = None


@transaction.atomic
def step_create(*, plan: DevelopmentPlan, by: User, **fields: Any) -> PlanStep:
    require_plan_editor(newcomer=plan.newcomer, by=by)
    _unknown(fields, STEP_FIELDS)
    last = plan.steps.order_by("-position").values_list("position", flat=True).first()
    step = PlanStep(plan=plan, updated_by=by, position=(last or 0) + 1)
    _set(step, fields)
    _check_agreement(step)
    _completion(step, timezone.localdate())
    step.full_clean(validate_constraints=False)  # clean() names the field
    step.save()
    _touch(plan, by)
    return step


@transaction.atomic
def step_update(*, step: PlanStep, by: User, **fields: Any) -> PlanStep:
    require_plan_editor(newcomer=step.plan.newcomer, by=by)
    _unknown(fields, STEP_FIELDS)
    step = PlanStep.objects.select_for_update().select_related("plan").get(pk=step.pk)
    _set(step, fields)
    step.updated_by = by
    _check_agreement(step)
    _completion(step, timezone.localdate())
    step.full_clean(validate_constraints=False)  # clean() names the field
    step.save()
    _touch(step.plan, by)
    return step


@transaction.atomic
def step_delete(*, step: PlanStep, by: User) -> None:
    require_plan_editor(newcomer=step.plan.newcomer, by=by)
    plan = step.plan
    step.delete()
    _touch(plan, by)


@transaction.atomic
def plan_attach_agreement(
    *, plan: DevelopmentPlan, agreement: PlacementAgreement, by: User
) -> PlanStep:
    """Put a placement into the plan: a step of the matching kind with the agreement's dates
    and state, under which the agreement's goals show. An agreement already in the plan keeps
    its step."""
    require_plan_editor(newcomer=plan.newcomer, by=by)
    if agreement.newcomer_id != plan.newcomer_id:
        raise ValidationError(
            {"agreement": _("Choose one of this newcomer's own placement agreements.")}
        )
    existing = plan.steps.filter(agreement=agreement).first()
    if existing is not None:
        return existing
    listing = agreement.application.listing
    return step_create(
        plan=plan,
        by=by,
        kind=STEP_KIND_OF_LISTING_KIND.get(ListingKind(agreement.kind), StepKind.OTHER),
        title=f"{listing.title} ({agreement.organisation.name})"[:120],
        owner=StepOwner.EMPLOYER,
        start_date=agreement.start_date,
        due_date=agreement.end_date,
        status=STEP_STATUS_OF_AGREEMENT[AgreementStatus(agreement.status)],
        agreement=agreement,
    )


# The newcomer's own notes


def note_add(
    *, plan: DevelopmentPlan, by: User, text: str, step: PlanStep | None = None
) -> PlanNote:
    _require_owner(plan=plan, by=by)
    if step is not None and step.plan_id != plan.pk:
        raise ValidationError({"step": _("Choose a step of your own plan.")})
    note = PlanNote(plan=plan, step=step, text=text.strip())
    if not note.text:
        raise ValidationError({"text": _("Write something in the note.")})
    note.full_clean()
    note.save()
    return note


def note_update(*, note: PlanNote, by: User, text: str) -> PlanNote:
    _require_owner(plan=note.plan, by=by)
    note.text = text.strip()
    if not note.text:
        raise ValidationError({"text": _("Write something in the note.")})
    note.full_clean()
    note.save()
    return note


def note_delete(*, note: PlanNote, by: User) -> None:
    _require_owner(plan=note.plan, by=by)
    note.delete()


# Competence mapping


def _apply_source(obj: Competence, by: User, *, was: str | None) -> None:
    if obj.source == CompetenceSource.VERIFIED and was != CompetenceSource.VERIFIED:
        obj.verified_by = by
        obj.verified_at = timezone.now()
    elif obj.source != CompetenceSource.VERIFIED:
        obj.verified_by = None
        obj.verified_at = None


def _check_occupation(obj: Competence) -> None:
    if obj.occupation_id is not None and obj.occupation.level != 4:  # type: ignore[union-attr]
        raise ValidationError(
            {"occupation": _("Choose an occupation at the most detailed level (4 digits).")}
        )


@transaction.atomic
def competence_add(*, plan: DevelopmentPlan, by: User, **fields: Any) -> Competence:
    require_plan_editor(newcomer=plan.newcomer, by=by)
    _unknown(fields, COMPETENCE_FIELDS)
    competence = Competence(plan=plan, recorded_by=by)
    _set(competence, fields)
    _apply_source(competence, by, was=None)
    _check_occupation(competence)
    competence.full_clean()
    competence.save()
    _touch(plan, by)
    return competence


@transaction.atomic
def competence_update(*, competence: Competence, by: User, **fields: Any) -> Competence:
    require_plan_editor(newcomer=competence.plan.newcomer, by=by)
    _unknown(fields, COMPETENCE_FIELDS)
    competence = Competence.objects.select_for_update().select_related("plan").get(pk=competence.pk)
    was = competence.source
    _set(competence, fields)
    _apply_source(competence, by, was=was)
    _check_occupation(competence)
    competence.full_clean()
    competence.save()
    _touch(competence.plan, by)
    return competence


@transaction.atomic
def competence_delete(*, competence: Competence, by: User) -> None:
    require_plan_editor(newcomer=competence.plan.newcomer, by=by)
    plan = competence.plan
    competence.delete()
    _touch(plan, by)


@transaction.atomic
def education_add(*, plan: DevelopmentPlan, by: User, **fields: Any) -> Education:
    require_plan_editor(newcomer=plan.newcomer, by=by)
    _unknown(fields, EDUCATION_FIELDS)
    education = Education(plan=plan, recorded_by=by)
    _set(education, fields)
    education.full_clean()
    education.save()
    _touch(plan, by)
    return education


@transaction.atomic
def education_update(*, education: Education, by: User, **fields: Any) -> Education:
    require_plan_editor(newcomer=education.plan.newcomer, by=by)
    _unknown(fields, EDUCATION_FIELDS)
    education = Education.objects.select_for_update().select_related("plan").get(pk=education.pk)
    _set(education, fields)
    education.full_clean()
    education.save()
    _touch(education.plan, by)
    return education


@transaction.atomic
def education_delete(*, education: Education, by: User) -> None:
    require_plan_editor(newcomer=education.plan.newcomer, by=by)
    plan = education.plan
    education.delete()
    _touch(plan, by)


# At the end of a placement


def evaluation_party(*, agreement: PlacementAgreement, user: User) -> str | None:
    """Which party of the agreement `user` evaluates as, if any."""
    if is_newcomer_party(agreement=agreement, user=user):
        return EvaluationParty.NEWCOMER
    if is_employer_party(agreement=agreement, user=user):
        return EvaluationParty.EMPLOYER
    if is_veileder_party(agreement=agreement, user=user):
        return EvaluationParty.VEILEDER
    return None


@transaction.atomic
def evaluation_give(
    *, agreement: PlacementAgreement, by: User, rating: str, text: str
) -> PlacementEvaluation:
    """The party's one short evaluation of an ended placement."""
    party = evaluation_party(agreement=agreement, user=by)
    if party is None:
        raise NotAllowed(
            _("Only the newcomer, the employer and the kommune's veileder evaluate a placement."),
            code="not_a_party",
        )
    agreement = PlacementAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.ENDED:
        raise Conflict(_("A placement is evaluated when it has ended."), code="placement_not_ended")
    if PlacementEvaluation.objects.filter(agreement=agreement, party=party).exists():
        raise Conflict(
            _("Your side has already evaluated this placement."), code="already_evaluated"
        )
    evaluation = PlacementEvaluation(
        agreement=agreement, party=party, author=by, rating=rating, text=text.strip()
    )
    if not evaluation.text:
        raise ValidationError({"text": _("Write a few sentences.")})
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def reference_letter_issue(
    *, agreement: PlacementAgreement, by: User, **fields: Any
) -> ReferenceLetter:
    """The employer writes (or rewrites) the reference letter of an ended placement. Its
    second language is the newcomer's language when it is issued."""
    if not is_employer_party(agreement=agreement, user=by):
        raise NotAllowed(
            _("Only the employer of the placement issues its reference letter."),
            code="not_the_employer",
        )
    _unknown(fields, LETTER_FIELDS)
    agreement = (
        PlacementAgreement.objects.select_for_update()
        .select_related("newcomer")
        .get(pk=agreement.pk)
    )
    if agreement.status != AgreementStatus.ENDED:
        raise Conflict(
            _("A reference letter is issued when the placement has ended."),
            code="placement_not_ended",
        )
    letter = ReferenceLetter.objects.filter(agreement=agreement).first() or ReferenceLetter(
        agreement=agreement
    )
    _set(letter, {name: str(value).strip() for name, value in fields.items()})
    letter.issued_by = by
    letter.language = agreement.newcomer.language
    for name in ("signer_name", "tasks", "statement"):
        if not getattr(letter, name):
            raise ValidationError({name: _("This field is required.")})
    letter.full_clean()
    letter.save()
    return letter

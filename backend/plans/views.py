"""The plan pages.

- The newcomer: their plan (in their language, on their phone), their own notes, and the places
  that fit them.
- Their guide (while the newcomer consents to share) and the veiledere of their kommune: the
  newcomers whose plans they follow, each plan with its steps and competence mapping to edit,
  the places that fit the newcomer, and the placements to put into the plan.
- The parties of an ended placement: their evaluations, and the employer's reference letter,
  which the newcomer downloads as a PDF.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role, User
from common.errors import Conflict, NotAllowed
from common.forms import add_service_errors
from common.request import request_user
from common.roles import or_404, role_required
from placements import selectors as agreement_selectors
from placements.models import AgreementStatus, PlacementAgreement
from plans import letters, selectors, services
from plans.forms import (
    CompetenceForm,
    EducationForm,
    EvaluationForm,
    LetterForm,
    NoteForm,
    PlanForm,
    StepForm,
)
from plans.models import (
    Competence,
    DevelopmentPlan,
    Education,
    PlacementEvaluation,
    PlanStep,
    ReferenceLetter,
)
from plans.places import places_for

STAFF = (Role.GUIDE, Role.VEILEDER)


def _posted(request: HttpRequest) -> Any:
    """The form's data on a POST (even an empty one, which is then refused), else None."""
    return request.POST if request.method == "POST" else None


def _plan_context(plan: DevelopmentPlan, viewer: User) -> dict[str, Any]:
    today = timezone.localdate()
    steps = list(plan.steps.all())
    return {
        "plan": plan,
        "steps": steps,
        "next_step": selectors.next_step(plan),
        "overdue": {step.pk for step in steps if step.is_overdue(today)},
        "notes": list(plan.notes.all()),
        "competences": list(plan.competences.all()),
        "educations": list(plan.educations.all()),
        "editable": selectors.may_edit_plan(viewer=viewer),
    }


# The newcomer's own pages


@never_cache
@role_required(Role.NEWCOMER)
@require_GET
def my_plan(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    plan = selectors.own_plan(newcomer=viewer)
    context: dict[str, Any] = {"plan": None, "newcomer": viewer}
    if plan is not None:
        context.update(_plan_context(plan, viewer))
        context["note_form"] = NoteForm(plan=plan)
    return render(request, "plans/mine.html", context)


@role_required(Role.NEWCOMER)
@require_POST
def note_add(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    plan = selectors.own_plan(newcomer=viewer)
    if plan is None:
        raise Http404
    form = NoteForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            services.note_add(
                plan=plan, by=viewer, text=form.cleaned_data["text"], step=form.cleaned_data["step"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your note is saved."))
            return redirect("plans:mine")
    context = {"newcomer": viewer, **_plan_context(plan, viewer), "note_form": form}
    return render(request, "plans/mine.html", context, status=400)


@role_required(Role.NEWCOMER)
@require_POST
def note_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    note = or_404(lambda: selectors.note_get(newcomer=viewer, pk=pk))
    services.note_delete(note=note, by=viewer)
    messages.success(request, _("Your note is deleted."))
    return redirect("plans:mine")


@never_cache
@role_required(Role.NEWCOMER)
@require_GET
def my_places(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    places = places_for(newcomer=viewer, viewer=viewer, today=timezone.localdate())
    return render(request, "plans/places.html", {"places": places, "own": True})


# The staff's pages


def _newcomer(request: HttpRequest, pk: int) -> User:
    return or_404(lambda: selectors.newcomer_in_scope(viewer=request_user(request), pk=pk))


def _plan_of(request: HttpRequest, newcomer: User) -> DevelopmentPlan:
    plan = selectors.plan_for(newcomer=newcomer, viewer=request_user(request))
    if plan is None:
        raise Http404
    return plan


@never_cache
@role_required(*STAFF)
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    newcomers = list(selectors.newcomers_in_scope(viewer=viewer))
    today = timezone.localdate()
    next_steps = selectors.next_steps(newcomers=newcomers)
    overdue = selectors.overdue_steps(newcomers=newcomers, today=today)
    rows = [
        {
            "newcomer": newcomer,
            "has_plan": hasattr(newcomer, "development_plan"),
            "next_step": next_steps.get(newcomer.pk),
            "overdue": len(overdue.get(newcomer.pk, [])),
        }
        for newcomer in newcomers
    ]
    return render(request, "plans/people.html", {"rows": rows})


def _unplanned_agreements(viewer: User, newcomer: User) -> QuerySet[PlacementAgreement]:
    return (
        agreement_selectors.agreement_list(viewer=viewer)
        .filter(newcomer=newcomer, plan_steps__isnull=True)
        .exclude(status=AgreementStatus.CANCELLED)
    )


@never_cache
@role_required(*STAFF)
@require_GET
def person_plan(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    plan = selectors.plan_for(newcomer=newcomer, viewer=viewer)
    context: dict[str, Any] = {"newcomer": newcomer, "plan": plan}
    if plan is not None:
        context.update(_plan_context(plan, viewer))
        context["unplanned_agreements"] = _unplanned_agreements(viewer, newcomer)
    return render(request, "plans/person.html", context)


@role_required(*STAFF)
@require_POST
def plan_start(request: HttpRequest, pk: int) -> HttpResponse:
    newcomer = _newcomer(request, pk)
    try:
        services.plan_create(newcomer=newcomer, by=request_user(request))
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("The plan is started. Set its goal with the newcomer."))
    return redirect("plans:person", pk=pk)


def _form_page(
    request: HttpRequest,
    *,
    form: Any,
    newcomer: User,
    title: str,
    save: Any,
    done: str,
    delete_url: str = "",
) -> HttpResponse:
    """A form that hands its values to `save` and goes back to the newcomer's plan."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        except (Conflict, NotAllowed) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, done)
            return redirect("plans:person", pk=newcomer.pk)
    context = {"form": form, "newcomer": newcomer, "title": title, "delete_url": delete_url}
    return render(request, "plans/form.html", context, status=400 if form.is_bound else 200)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    plan = _plan_of(request, newcomer)
    return _form_page(
        request,
        form=PlanForm(_posted(request), instance=plan),
        newcomer=newcomer,
        title=_("Goal and Norwegian levels"),
        save=lambda values: services.plan_update(plan=plan, by=viewer, **values),
        done=_("The plan is saved."),
    )


def _agreements_of(viewer: User, newcomer: User) -> QuerySet[PlacementAgreement]:
    return agreement_selectors.agreement_list(viewer=viewer).filter(newcomer=newcomer)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def step_new(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    plan = _plan_of(request, newcomer)
    form = StepForm(
        _posted(request),
        instance=PlanStep(plan=plan),
        agreements=_agreements_of(viewer, newcomer),
    )
    return _form_page(
        request,
        form=form,
        newcomer=newcomer,
        title=_("New step"),
        save=lambda values: services.step_create(plan=plan, by=viewer, **values),
        done=_("The step is added."),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    step = or_404(lambda: selectors.step_get(viewer=viewer, pk=pk))
    newcomer = step.plan.newcomer
    form = StepForm(_posted(request), instance=step, agreements=_agreements_of(viewer, newcomer))
    return _form_page(
        request,
        form=form,
        newcomer=newcomer,
        title=_("Change the step"),
        save=lambda values: services.step_update(step=step, by=viewer, **values),
        done=_("The step is saved."),
        delete_url="plans:step_delete",
    )


@role_required(*STAFF)
@require_POST
def step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    step = or_404(lambda: selectors.step_get(viewer=viewer, pk=pk))
    newcomer_id = step.plan.newcomer_id
    services.step_delete(step=step, by=viewer)
    messages.success(request, _("The step is deleted."))
    return redirect("plans:person", pk=newcomer_id)


@role_required(*STAFF)
@require_POST
def agreement_attach(request: HttpRequest, pk: int, agreement_pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    plan = _plan_of(request, newcomer)
    agreement = or_404(lambda: agreement_selectors.agreement_get(viewer=viewer, pk=agreement_pk))
    try:
        services.plan_attach_agreement(plan=plan, agreement=agreement, by=viewer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The placement is a step of the plan now."))
    return redirect("plans:person", pk=pk)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def competence_new(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    plan = _plan_of(request, newcomer)
    return _form_page(
        request,
        form=CompetenceForm(_posted(request), instance=Competence(plan=plan)),
        newcomer=newcomer,
        title=_("New skill or experience"),
        save=lambda values: services.competence_add(plan=plan, by=viewer, **values),
        done=_("The competence is added."),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def competence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    competence = or_404(lambda: selectors.competence_get(viewer=viewer, pk=pk))
    return _form_page(
        request,
        form=CompetenceForm(_posted(request), instance=competence),
        newcomer=competence.plan.newcomer,
        title=_("Change the skill or experience"),
        save=lambda values: services.competence_update(competence=competence, by=viewer, **values),
        done=_("The competence is saved."),
        delete_url="plans:competence_delete",
    )


@role_required(*STAFF)
@require_POST
def competence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    competence = or_404(lambda: selectors.competence_get(viewer=viewer, pk=pk))
    newcomer_id = competence.plan.newcomer_id
    services.competence_delete(competence=competence, by=viewer)
    messages.success(request, _("The competence is deleted."))
    return redirect("plans:person", pk=newcomer_id)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def education_new(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    plan = _plan_of(request, newcomer)
    return _form_page(
        request,
        form=EducationForm(_posted(request), instance=Education(plan=plan)),
        newcomer=newcomer,
        title=_("New education"),
        save=lambda values: services.education_add(plan=plan, by=viewer, **values),
        done=_("The education is added."),
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def education_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    education = or_404(lambda: selectors.education_get(viewer=viewer, pk=pk))
    return _form_page(
        request,
        form=EducationForm(_posted(request), instance=education),
        newcomer=education.plan.newcomer,
        title=_("Change the education"),
        save=lambda values: services.education_update(education=education, by=viewer, **values),
        done=_("The education is saved."),
        delete_url="plans:education_delete",
    )


@role_required(*STAFF)
@require_POST
def education_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    education = or_404(lambda: selectors.education_get(viewer=viewer, pk=pk))
    newcomer_id = education.plan.newcomer_id
    services.education_delete(education=education, by=viewer)
    messages.success(request, _("The education is deleted."))
    return redirect("plans:person", pk=newcomer_id)


@never_cache
@role_required(*STAFF)
@require_GET
def person_places(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    newcomer = _newcomer(request, pk)
    places = places_for(newcomer=newcomer, viewer=viewer, today=timezone.localdate())
    return render(request, "plans/places.html", {"places": places, "own": False})


# After a placement: evaluations and the reference letter


def _party_agreement(request: HttpRequest, pk: int) -> tuple[PlacementAgreement, str | None]:
    viewer = request_user(request)
    agreement = or_404(lambda: agreement_selectors.agreement_get(viewer=viewer, pk=pk))
    return agreement, services.evaluation_party(agreement=agreement, user=viewer)


def _outcome(
    request: HttpRequest, agreement: PlacementAgreement, party: str | None, **forms: Any
) -> HttpResponse:
    if party is None:
        raise NotAllowed(_("Only the parties of the placement see its evaluations."))
    evaluations = list(
        PlacementEvaluation.objects.filter(agreement=agreement).select_related("author")
    )
    given = {evaluation.party for evaluation in evaluations}
    letter = ReferenceLetter.objects.filter(agreement=agreement).first()
    context = {
        "agreement": agreement,
        "party": party,
        "evaluations": evaluations,
        "may_evaluate": agreement.status == AgreementStatus.ENDED and party not in given,
        "ended": agreement.status == AgreementStatus.ENDED,
        "letter": letter,
        "may_issue_letter": party == "employer" and agreement.status == AgreementStatus.ENDED,
        "may_download_letter": letter is not None and party in ("newcomer", "employer"),
        "evaluation_form": forms.get("evaluation_form") or EvaluationForm(),
    }
    status = 400 if any(form.is_bound for form in forms.values()) else 200
    return render(request, "plans/outcome.html", context, status=status)


@never_cache
@role_required(Role.NEWCOMER, Role.EMPLOYER, Role.VEILEDER)
@require_GET
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, party = _party_agreement(request, pk)
    return _outcome(request, agreement, party)


@role_required(Role.NEWCOMER, Role.EMPLOYER, Role.VEILEDER)
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, party = _party_agreement(request, pk)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_give(
                agreement=agreement, by=request_user(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except (Conflict, NotAllowed) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Thank you: your evaluation is saved."))
            return redirect("plans:outcome", pk=pk)
    return _outcome(request, agreement, party, evaluation_form=form)


@role_required(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def letter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, party = _party_agreement(request, pk)
    if party != "employer":
        raise NotAllowed(_("Only the employer of the placement issues its reference letter."))
    letter = ReferenceLetter.objects.filter(agreement=agreement).first()
    form = LetterForm(_posted(request), instance=letter or ReferenceLetter(agreement=agreement))
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_letter_issue(
                agreement=agreement, by=request_user(request), **form.values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except (Conflict, NotAllowed) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The reference letter is issued. The newcomer can download it now.")
            )
            return redirect("plans:outcome", pk=pk)
    context = {"agreement": agreement, "form": form, "newcomer": agreement.newcomer}
    return render(request, "plans/letter_form.html", context, status=400 if form.is_bound else 200)


@never_cache
@role_required(Role.NEWCOMER, Role.EMPLOYER)
@require_GET
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, party = _party_agreement(request, pk)
    letter = ReferenceLetter.objects.filter(agreement=agreement).first()
    if party not in ("newcomer", "employer") or letter is None:
        raise Http404
    pdf = letters.render_letter(letter)
    response = HttpResponse(pdf.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="reference-letter-{pk}.pdf"'
    return response

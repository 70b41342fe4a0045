"""The guide's pages (caseload, one newcomer, the thread), the newcomer's "my guide" page, the
veileder's assignments and partners, and the employer's introductions. Thin: forms in, one
service call, the selectors decide what shows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import NewcomerProfile, Role, User
from accounts.request import request_user
from accounts.roles import or_404, role_required
from common.errors import InnstegError
from common.forms import add_service_errors
from guidance import selectors, services
from guidance.forms import (
    AnswerForm,
    AssignForm,
    ContactForm,
    HandOverForm,
    IntroductionForm,
    MessageForm,
    PartnerForm,
    SuggestionForm,
)
from guidance.models import Suggestion
from organisations.models import Organisation
from organisations.validators import clean_orgnr
from plans import selectors as plan_selectors
from reference.models import Kommune

# The guide.


@role_required(Role.GUIDE)
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    rows = selectors.caseload(guide=request_user(request))
    return render(request, "guidance/caseload.html", {"rows": rows})


def _profile(request: HttpRequest, pk: int) -> NewcomerProfile:
    return or_404(lambda: selectors.caseload_newcomer_get(guide=request_user(request), pk=pk))


def _newcomer_page(
    request: HttpRequest, profile: NewcomerProfile, *, status: int = 200, **forms: Any
) -> HttpResponse:
    newcomer = profile.user
    suggest_listings = selectors.suggestable_listings(profile=profile)
    organisations = selectors.introducible_organisations()
    shares = bool(profile.shares)  # type: ignore[attr-defined]
    context = {
        "profile": profile,
        "newcomer": newcomer,
        "shares": shares,
        "applications": selectors.shared_applications(profile=profile),
        "agreements": selectors.shared_agreements(profile=profile),
        "plan": plan_selectors.plan_for(newcomer=newcomer, viewer=request_user(request))
        if shares
        else None,
        "contacts": selectors.contact_list(newcomer=newcomer),
        "suggestions": selectors.suggestion_list(newcomer=newcomer),
        "introductions": selectors.introduction_list(newcomer=newcomer),
        "contact_form": forms.get("contact_form") or ContactForm(prefix="contact"),
        "suggestion_form": forms.get("suggestion_form")
        or SuggestionForm(prefix="suggest", listings=suggest_listings),
        "introduction_form": forms.get("introduction_form")
        or IntroductionForm(
            prefix="introduce", organisations=organisations, listings=suggest_listings
        ),
    }
    return render(request, "guidance/newcomer.html", context, status=status)


@role_required(Role.GUIDE)
@require_GET
def newcomer(request: HttpRequest, pk: int) -> HttpResponse:
    return _newcomer_page(request, _profile(request, pk))


def _refused(
    request: HttpRequest, profile: NewcomerProfile, form_name: str, form: Any, error: Exception
) -> HttpResponse:
    if isinstance(error, ValidationError):
        add_service_errors(form, error)
    else:
        form.add_error(None, str(error))
    return _newcomer_page(request, profile, status=400, **{form_name: form})


@role_required(Role.GUIDE)
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(request, pk)
    form = ContactForm(request.POST, prefix="contact")
    if not form.is_valid():
        return _newcomer_page(request, profile, status=400, contact_form=form)
    try:
        services.contact_add(newcomer=profile.user, by=request_user(request), **form.cleaned_data)
    except (ValidationError, InnstegError) as error:
        return _refused(request, profile, "contact_form", form, error)
    messages.success(request, _("The contact is in the log."))
    return redirect("guidance:newcomer", pk=pk)


@role_required(Role.GUIDE)
@require_POST
def suggestion_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(request, pk)
    form = SuggestionForm(
        request.POST, prefix="suggest", listings=selectors.suggestable_listings(profile=profile)
    )
    if not form.is_valid():
        return _newcomer_page(request, profile, status=400, suggestion_form=form)
    try:
        services.suggestion_create(
            newcomer=profile.user, by=request_user(request), **form.cleaned_data
        )
    except (ValidationError, InnstegError) as error:
        return _refused(request, profile, "suggestion_form", form, error)
    messages.success(request, _("Suggested. The newcomer sees it marked as from you."))
    return redirect("guidance:newcomer", pk=pk)


@role_required(Role.GUIDE)
@require_POST
def suggestion_withdraw(request: HttpRequest, pk: int, suggestion_pk: int) -> HttpResponse:
    profile = _profile(request, pk)
    suggestion = or_404(lambda: Suggestion.objects.get(pk=suggestion_pk, newcomer=profile.user_id))
    services.suggestion_withdraw(suggestion=suggestion, by=request_user(request))
    messages.success(request, _("The suggestion is withdrawn."))
    return redirect("guidance:newcomer", pk=pk)


@role_required(Role.GUIDE)
@require_POST
def introduction_create(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(request, pk)
    form = IntroductionForm(
        request.POST,
        prefix="introduce",
        organisations=selectors.introducible_organisations(),
        listings=selectors.suggestable_listings(profile=profile),
    )
    if not form.is_valid():
        return _newcomer_page(request, profile, status=400, introduction_form=form)
    try:
        services.introduction_create(
            newcomer=profile.user, by=request_user(request), **form.cleaned_data
        )
    except (ValidationError, InnstegError) as error:
        return _refused(request, profile, "introduction_form", form, error)
    messages.success(request, _("The employer has your introduction."))
    return redirect("guidance:newcomer", pk=pk)


def _thread_page(
    request: HttpRequest,
    *,
    newcomer: User,
    template: str,
    form: MessageForm | None = None,
    **context: Any,
) -> HttpResponse:
    viewer = request_user(request)
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.message_send(
                    newcomer=newcomer, sender=viewer, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except InnstegError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your message is sent."))
                return redirect(request.path)
    services.thread_mark_read(newcomer=newcomer, reader=viewer)
    return render(
        request,
        template,
        {
            "newcomer": newcomer,
            "thread": selectors.thread(newcomer=newcomer),
            "message_form": form or MessageForm(),
            **context,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@role_required(Role.GUIDE)
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _profile(request, pk)
    return _thread_page(
        request, newcomer=profile.user, template="guidance/thread.html", profile=profile
    )


# The newcomer.


@role_required(Role.NEWCOMER)
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    return _thread_page(
        request,
        newcomer=viewer,
        template="guidance/mine.html",
        guide=selectors.newcomer_guide(newcomer=viewer),
        suggestions=selectors.suggestion_list(newcomer=viewer),
        shares=selectors.newcomer_shares_with_guide(newcomer=viewer),
    )


# The employer.


@role_required(Role.EMPLOYER)
@require_GET
def employer_introductions(request: HttpRequest) -> HttpResponse:
    introductions = selectors.introduction_list_for_employer(viewer=request_user(request))
    return render(
        request,
        "guidance/employer_introductions.html",
        {"introductions": introductions, "answer_form": AnswerForm()},
    )


@role_required(Role.EMPLOYER)
@require_POST
def employer_introduction_answer(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    introduction = or_404(lambda: selectors.introduction_get_for_employer(viewer=viewer, pk=pk))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you want to meet the person."))
        return redirect("employer:introductions")
    try:
        services.introduction_answer(
            introduction=introduction, by=viewer, welcome=form.cleaned_data["welcome"]
        )
    except InnstegError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your answer is sent to the guide."))
    return redirect("employer:introductions")


# The veileder.


def _assignment_page(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    viewer = request_user(request)
    profiles = selectors.newcomers_for_veileder(viewer=viewer)
    guides = selectors.guides_for_kommuner(
        kommune_ids=selectors.veileder_kommune_ids(viewer=viewer)
    )
    return render(
        request,
        "guidance/assignments.html",
        {
            "profiles": profiles,
            "guides": guides,
            "assign_form": forms.get("assign_form")
            or AssignForm(prefix="assign", profiles=profiles, guides=guides),
            "handover_form": forms.get("handover_form")
            or HandOverForm(prefix="handover", profiles=profiles, guides=guides),
        },
        status=status,
    )


@role_required(Role.VEILEDER)
@require_GET
def assignments(request: HttpRequest) -> HttpResponse:
    return _assignment_page(request)


def _forms_args(request: HttpRequest) -> dict[str, Any]:
    viewer = request_user(request)
    return {
        "profiles": selectors.newcomers_for_veileder(viewer=viewer),
        "guides": selectors.guides_for_kommuner(
            kommune_ids=selectors.veileder_kommune_ids(viewer=viewer)
        ),
    }


def _told(request: HttpRequest, made: list[Any]) -> HttpResponse:
    if made:
        messages.success(
            request,
            _("Done. %(count)d newcomers have a new guide and have been told who it is.")
            % {"count": len(made)},
        )
    else:
        messages.info(request, _("Nothing changed: they already had this guide."))
    return redirect("guidance:assignments")


@role_required(Role.VEILEDER)
@require_POST
def assign(request: HttpRequest) -> HttpResponse:
    form = AssignForm(request.POST, prefix="assign", **_forms_args(request))
    if form.is_valid():
        try:
            made = services.guides_assign(
                newcomers=list(form.cleaned_data["newcomers"]),
                guide=form.cleaned_data["guide"],
                by=request_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InnstegError as error:
            form.add_error(None, str(error))
        else:
            return _told(request, made)
    return _assignment_page(request, status=400, assign_form=form)


@role_required(Role.VEILEDER)
@require_POST
def hand_over(request: HttpRequest) -> HttpResponse:
    form = HandOverForm(request.POST, prefix="handover", **_forms_args(request))
    if form.is_valid():
        try:
            made = services.caseload_hand_over(by=request_user(request), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except InnstegError as error:
            form.add_error(None, str(error))
        else:
            return _told(request, made)
    return _assignment_page(request, status=400, handover_form=form)


def _partners_page(
    request: HttpRequest, *, form: PartnerForm | None = None, status: int = 200
) -> HttpResponse:
    viewer = request_user(request)
    kommuner = Kommune.objects.filter(pk__in=selectors.veileder_kommune_ids(viewer=viewer))
    return render(
        request,
        "guidance/partners.html",
        {
            "approvals": selectors.partner_approvals_for_veileder(viewer=viewer),
            "form": form or PartnerForm(kommuner=kommuner),
        },
        status=status,
    )


@role_required(Role.VEILEDER)
@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _partners_page(request)
    viewer = request_user(request)
    kommuner = Kommune.objects.filter(pk__in=selectors.veileder_kommune_ids(viewer=viewer))
    form = PartnerForm(request.POST, kommuner=kommuner)
    if form.is_valid():
        try:
            try:
                orgnr = clean_orgnr(form.cleaned_data["orgnr"])
            except ValidationError as error:
                raise ValidationError({"orgnr": error.messages}) from None
            organisation = Organisation.objects.filter(orgnr=orgnr, verified=True).first()
            if organisation is None:
                raise ValidationError(
                    {"orgnr": _("No verified organisation in Innsteg has this number.")}
                )
            services.partner_approve(
                organisation=organisation, kommune=form.cleaned_data["kommune"], by=viewer
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except InnstegError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Approved: its staff with the guide role can be guides."))
            return redirect("guidance:partners")
    return _partners_page(request, form=form, status=400)


@role_required(Role.VEILEDER)
@require_POST
def partner_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    approval = or_404(lambda: selectors.partner_approvals_for_veileder(viewer=viewer).get(pk=pk))
    try:
        services.partner_revoke(approval=approval, by=viewer)
    except InnstegError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The approval has ended."))
    return redirect("guidance:partners")

"""The employer's pages about applicants: a listing's applicants, one application and its steps.

Under anonymous review the pages show "Applicant 3" until the interview invitation, by the same
rule as the API (applications.selectors.applicant_for_employer). The templates get the applicant
only as an `Applicant`, never the account, so nothing else can slip through; there is no national
id or residence status to show: the models have neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role, User
from accounts.request import request_user
from accounts.roles import or_404, role_required
from applications import selectors, services
from applications.employer_forms import InterviewForm, OfferForm, RejectForm
from applications.models import Application, ApplicationStatus
from applications.selectors import Applicant, applicant_for_employer
from applications.transitions import Actor, next_statuses
from common.errors import Conflict
from common.forms import ErrorItem, add_service_errors, error_summary, refusal_summary
from common.validators import WORKPLACE_LANGUAGES
from listings import selectors as listing_selectors
from listings.models import ListingStatus, NorwegianLevel
from listings.selectors import listing_get_for_member
from organisations.selectors import organisation_list

PAGE_SIZE = 50

# Notes the periodic jobs write on a timeline, as codes (see applications_expire).
SYSTEM_NOTES = {
    "offer_not_answered": gettext_lazy("The offer was not answered in time."),
    "listing_closed": gettext_lazy("The listing was closed or filled."),
    "account_deleted": gettext_lazy("The applicant deleted their account."),
    "withdrawal_undone": gettext_lazy("The applicant took back their withdrawal."),
}


@dataclass(frozen=True)
class Row:
    application: Application
    applicant: Applicant
    unmet: int


# The dashboard and an organisation's listings, with how many applicants each has.


@role_required(Role.EMPLOYER)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """My organisations, each with its open listings and how many applicants wait for an answer."""
    organisations = selectors.organisation_list_with_open_listings(viewer=request_user(request))
    return render(request, "employer/dashboard.html", {"organisations": organisations})


@role_required(Role.EMPLOYER)
@require_GET
def organisation_listings(request: HttpRequest, pk: int) -> HttpResponse:
    """Every listing of one of my organisations, in any state, newest first."""
    viewer = request_user(request)
    organisation = or_404(lambda: organisation_list(viewer=viewer).get(pk=pk))
    listings = selectors.with_applicant_counts(
        listing_selectors.listing_list_for_organisation(viewer=viewer, organisation=organisation)
    )
    status = request.GET.get("status", "")
    if status in ListingStatus.values:
        listings = listings.filter(status=status)
    else:
        status = ""
    page = Paginator(listings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "page": page,
        "status": status,
        "statuses": ListingStatus.choices,
    }
    return render(request, "employer/listing_list.html", context)


@role_required(Role.EMPLOYER)
@require_GET
def applicant_list(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    listing = or_404(lambda: listing_get_for_member(viewer=viewer, pk=pk))
    applications = selectors.application_list_for_listing(viewer=viewer, listing=listing)
    counts = selectors.application_counts_by_status(viewer=viewer, listing=listing)
    status = request.GET.get("status", "")
    if status in ApplicationStatus.values:
        applications = applications.filter(status=status)
    else:
        status = ""
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        Row(
            application,
            applicant_for_employer(application),
            sum(answer.differs for answer in application.answers.all()),
        )
        for application in page
    ]
    context = {
        "listing": listing,
        "page": page,
        "rows": rows,
        "status": status,
        "statuses": [
            (value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices
        ],
        "total": sum(counts.values()),
    }
    return render(request, "employer/applicant_list.html", context)


@dataclass(frozen=True)
class Step:
    status: str
    from_status: str
    at: Any
    who: str
    note: str


def _timeline(application: Application, applicant: Applicant) -> list[Step]:
    steps = []
    for event in application.events.all():
        if event.by_id is None:
            who = _("Innsteg")
        elif event.by_id == application.applicant_id:
            who = applicant.label
        else:
            who = event.by.full_name if event.by else ""
        steps.append(
            Step(
                status=event.get_to_status_display(),
                from_status=event.get_from_status_display() if event.from_status else "",
                at=event.at,
                who=who,
                note=str(SYSTEM_NOTES.get(event.note, event.note)),
            )
        )
    return steps


def _profile(snapshot: dict[str, Any]) -> dict[str, Any]:
    def level(value: Any) -> str:
        return str(NorwegianLevel(value).label) if value in NorwegianLevel.values else ""

    return {
        "languages": [
            str(WORKPLACE_LANGUAGES.get(code, code)) for code in snapshot.get("languages", [])
        ],
        "norwegian_spoken": level(snapshot.get("norwegian_spoken")),
        "norwegian_written": level(snapshot.get("norwegian_written")),
        "experience": snapshot.get("experience", ""),
        "availability": snapshot.get("availability", ""),
    }


def _render_application(
    request: HttpRequest,
    application: Application,
    *,
    failed: forms.Form | None = None,
    problems: list[ErrorItem] | None = None,
) -> HttpResponse:
    applicant = applicant_for_employer(application)
    steps = next_statuses(application.status, Actor.EMPLOYER)
    action_forms: dict[str, forms.Form] = {
        "interview": InterviewForm(),
        "offer": OfferForm(),
        "reject": RejectForm(),
    }
    if failed is not None and failed.prefix in action_forms:
        action_forms[str(failed.prefix)] = failed
    context = {
        "application": application,
        "listing": application.listing,
        "applicant": applicant,
        "profile": _profile({} if applicant.withheld else application.profile_snapshot),
        "message": "" if applicant.withheld else application.message,
        "answers": [] if applicant.withheld else list(application.answers.all()),
        "timeline": _timeline(application, applicant),
        "can_review": ApplicationStatus.IN_REVIEW in steps,
        "can_interview": ApplicationStatus.INTERVIEW in steps,
        "can_offer": ApplicationStatus.OFFERED in steps,
        "can_reject": ApplicationStatus.REJECTED in steps,
        "interview_form": action_forms["interview"],
        "offer_form": action_forms["offer"],
        "reject_form": action_forms["reject"],
        "errors": [*(problems or []), *error_summary(failed)],
    }
    return render(request, "employer/application_detail.html", context)


def _application(viewer: User, pk: int) -> Application:
    return or_404(lambda: selectors.application_get(viewer=viewer, pk=pk))


@role_required(Role.EMPLOYER)
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_application(request, _application(request_user(request), pk))


def _act(
    request: HttpRequest,
    pk: int,
    *,
    service: Callable[..., Application],
    form_class: type[forms.Form] | None = None,
    done: str,
) -> HttpResponse:
    """One step: the form checks the input, the service the rules; a refusal re-renders the page."""
    viewer = request_user(request)
    application = _application(viewer, pk)
    form = form_class(request.POST) if form_class is not None else None
    problems: list[ErrorItem] = []
    if form is None or form.is_valid():
        data = form.cleaned_data if form is not None else {}
        try:
            service(application=application, by=viewer, **data)
        except ValidationError as error:
            if form is not None:
                add_service_errors(form, error)
            else:
                problems = refusal_summary(error)
        except Conflict as conflict:
            problems = refusal_summary(conflict)
        else:
            messages.success(request, done)
            return redirect("employer:application_detail", pk=application.pk)
    return _render_application(request, application, failed=form, problems=problems)


@role_required(Role.EMPLOYER)
@require_POST
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        service=services.application_review,
        done=_("The application is marked as in review."),
    )


@role_required(Role.EMPLOYER)
@require_POST
def application_interview(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        service=services.application_invite_to_interview,
        form_class=InterviewForm,
        done=_("The applicant is invited to the interview."),
    )


@role_required(Role.EMPLOYER)
@require_POST
def application_offer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        service=services.application_offer,
        form_class=OfferForm,
        done=_("The offer is made. The applicant accepts it on their own page."),
    )


@role_required(Role.EMPLOYER)
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        service=services.application_reject,
        form_class=RejectForm,
        done=_("The application is rejected. The applicant sees the reason on their page."),
    )

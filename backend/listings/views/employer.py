"""The employer's pages about listings: the dashboard, an organisation's listings, the editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from applications.models import ApplicationStatus
from common.api.errors import Conflict
from common.forms import add_service_errors
from common.request import request_user
from listings import selectors, services
from listings.forms import ListingForm, ScreeningQuestionFormSet, question_initial
from listings.models import Listing, ListingStatus
from organisations.models import Organisation
from organisations.selectors import organisation_list
from organisations.views import ErrorItem, employer_required, error_summary, or_404

PAGE_SIZE = 50
OPEN_LISTING_STATUSES = (ListingStatus.DRAFT, ListingStatus.PUBLISHED)


def with_applicant_counts(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    """Each listing with its number of applicants, and of those nobody has looked at yet."""
    return queryset.annotate(
        applicant_count=Count("applications", distinct=True),
        new_applicant_count=Count(
            "applications",
            filter=Q(applications__status=ApplicationStatus.SUBMITTED),
            distinct=True,
        ),
    )


def _organisation(viewer: User, pk: int) -> Organisation:
    return or_404(lambda: organisation_list(viewer=viewer).get(pk=pk))


def _member_listing(viewer: User, pk: int) -> Listing:
    return or_404(lambda: selectors.listing_get_for_member(viewer=viewer, pk=pk))


@employer_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """My organisations, each with its open listings and how many applicants wait for an answer."""
    viewer = request_user(request)
    open_listings = with_applicant_counts(
        Listing.objects.filter(status__in=OPEN_LISTING_STATUSES)
    ).order_by("deadline", "id")
    organisations = (
        organisation_list(viewer=viewer)
        .order_by("name", "id")
        .prefetch_related(Prefetch("listings", queryset=open_listings, to_attr="open_listings"))
    )
    return render(request, "employer/dashboard.html", {"organisations": organisations})


@employer_required
@require_GET
def organisation_listings(request: HttpRequest, pk: int) -> HttpResponse:
    """Every listing of one of my organisations, in any state, newest first."""
    viewer = request_user(request)
    organisation = _organisation(viewer, pk)
    listings = with_applicant_counts(
        selectors.listing_list_for_organisation(viewer=viewer, organisation=organisation)
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


def _add_listing_errors(form: ListingForm, questions: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict") and "screening_questions" in error.error_dict:
        if questions is not None:
            questions.non_form_errors().extend(error.message_dict["screening_questions"])
        else:
            form.add_error(None, error.message_dict["screening_questions"])
        error = ValidationError(
            {k: v for k, v in error.error_dict.items() if k != "screening_questions"}
        )
    add_service_errors(form, error)


def _render_editor(
    request: HttpRequest,
    *,
    organisation: Organisation,
    form: ListingForm,
    questions: Any,
    listing: Listing | None = None,
    action_errors: list[ErrorItem] | None = None,
) -> HttpResponse:
    context: dict[str, Any] = {
        "organisation": organisation,
        "listing": listing,
        "form": form,
        "questions": questions,
        "errors": [*(action_errors or []), *error_summary(form, questions)],
        "editable": listing is None or listing.status in OPEN_LISTING_STATUSES,
    }
    if listing is not None:
        context["can_publish"] = listing.status == ListingStatus.DRAFT
        context["can_close"] = listing.status == ListingStatus.PUBLISHED
        context["can_fill"] = listing.status in (ListingStatus.PUBLISHED, ListingStatus.CLOSED)
        context["applicant_count"] = listing.applications.count()
    return render(request, "employer/listing_form.html", context)


@employer_required
@require_http_methods(["GET", "POST"])
def listing_create(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    organisation = _organisation(viewer, pk)
    data = request.POST if request.method == "POST" else None
    initial = {
        "kommune": organisation.kommune_id,
        "bydel": organisation.bydel_id,
        "address": organisation.address,
    }
    form = ListingForm(data, initial=initial)
    questions = ScreeningQuestionFormSet(data, prefix="questions")
    if data is not None and all([form.is_valid(), questions.is_valid()]):
        try:
            listing = services.listing_create(
                organisation=organisation,
                by=viewer,
                screening_questions=questions.questions(),
                **form.service_fields(),
            )
        except ValidationError as error:
            _add_listing_errors(form, questions, error)
        else:
            messages.success(
                request, _("The listing is saved as a draft. Publish it when it is ready.")
            )
            return redirect("employer:listing_edit", pk=listing.pk)
    return _render_editor(request, organisation=organisation, form=form, questions=questions)


@employer_required
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    listing = _member_listing(viewer, pk)
    data = request.POST if request.method == "POST" else None
    form = ListingForm(data, initial=ListingForm.initial_for(listing))
    # Applicants answer the questions as they were asked: they change only in a draft.
    questions = (
        ScreeningQuestionFormSet(data, prefix="questions", initial=question_initial(listing))
        if listing.status == ListingStatus.DRAFT
        else None
    )
    if data is not None and all([form.is_valid(), questions is None or questions.is_valid()]):
        try:
            services.listing_update(
                listing=listing,
                by=viewer,
                screening_questions=questions.questions() if questions is not None else None,
                **form.service_fields(),
            )
        except ValidationError as error:
            _add_listing_errors(form, questions, error)
        except Conflict as conflict:
            form.add_error(None, str(conflict.detail))
        else:
            messages.success(request, _("The listing is saved."))
            return redirect("employer:listing_edit", pk=listing.pk)
    return _render_editor(
        request, organisation=listing.organisation, form=form, questions=questions, listing=listing
    )


def _move(
    request: HttpRequest, pk: int, *, service: Callable[..., Listing], done: str
) -> HttpResponse:
    """Publish, close or fill: back to the editor, which names the problem if there is one."""
    viewer = request_user(request)
    listing = _member_listing(viewer, pk)
    problems: list[ErrorItem] = []
    try:
        service(listing=listing, by=viewer)
    except ValidationError as error:
        fields = ListingForm.base_fields
        for key, messages_ in getattr(error, "message_dict", {None: error.messages}).items():
            field = fields.get(key or "")
            for message in messages_:
                if field is None:
                    problems.append(ErrorItem(message))
                else:
                    problems.append(ErrorItem(message, str(field.label), f"id_{key}"))
    except Conflict as conflict:
        problems.append(ErrorItem(str(conflict.detail)))
    else:
        messages.success(request, done)
        return redirect("employer:listing_edit", pk=listing.pk)
    listing = _member_listing(viewer, pk)
    questions = (
        ScreeningQuestionFormSet(prefix="questions", initial=question_initial(listing))
        if listing.status == ListingStatus.DRAFT
        else None
    )
    return _render_editor(
        request,
        organisation=listing.organisation,
        form=ListingForm(initial=ListingForm.initial_for(listing)),
        questions=questions,
        listing=listing,
        action_errors=problems,
    )


@employer_required
@require_POST
def listing_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        service=services.listing_publish,
        done=_("The listing is published: newcomers can find it and apply."),
    )


@employer_required
@require_POST
def listing_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        service=services.listing_close,
        done=_("The listing is closed: it takes no more applications."),
    )


@employer_required
@require_POST
def listing_fill(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        service=services.listing_mark_filled,
        done=_("The listing is marked as filled."),
    )

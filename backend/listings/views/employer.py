"""The employer's pages about listings: the dashboard, an organisation's listings, the editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role, User
from accounts.request import request_user
from accounts.roles import or_404, role_required
from common.errors import Conflict
from common.forms import ErrorItem, add_service_errors, error_summary, refusal_summary
from listings import selectors, services
from listings.forms import (
    BaseScreeningQuestionFormSet,
    ListingForm,
    ScreeningQuestionFormSet,
    question_initial,
)
from listings.models import LISTING_MOVES, OPEN_LISTING_STATUSES, Listing, ListingStatus
from organisations.models import Organisation
from organisations.selectors import organisation_list

PAGE_SIZE = 50


def _organisation(viewer: User, pk: int) -> Organisation:
    return or_404(lambda: organisation_list(viewer=viewer).get(pk=pk))


def _member_listing(viewer: User, pk: int) -> Listing:
    return or_404(lambda: selectors.listing_get_for_member(viewer=viewer, pk=pk))


def _add_listing_errors(
    form: ListingForm, questions: BaseScreeningQuestionFormSet | None, error: ValidationError
) -> None:
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
    questions: BaseScreeningQuestionFormSet | None,
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
        context["can_publish"] = listing.status in LISTING_MOVES[ListingStatus.PUBLISHED]
        context["can_close"] = listing.status in LISTING_MOVES[ListingStatus.CLOSED]
        context["can_fill"] = listing.status in LISTING_MOVES[ListingStatus.FILLED]
        context["applicant_count"] = listing.applications.count()
    return render(request, "employer/listing_form.html", context)


@role_required(Role.EMPLOYER)
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


def _editor_forms(
    listing: Listing, data: QueryDict | None = None
) -> tuple[ListingForm, BaseScreeningQuestionFormSet | None]:
    form = ListingForm(
        data,
        initial=ListingForm.initial_for(listing),
        anonymous_review_fixed=services.anonymous_review_is_fixed(listing),
    )
    # Applicants answer the questions as they were asked: they change only in a draft.
    questions = (
        ScreeningQuestionFormSet(data, prefix="questions", initial=question_initial(listing))
        if listing.status == ListingStatus.DRAFT
        else None
    )
    return form, questions


@role_required(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    listing = _member_listing(viewer, pk)
    data = request.POST if request.method == "POST" else None
    form, questions = _editor_forms(listing, data)
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
            form.add_error(None, str(conflict))
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
    try:
        service(listing=listing, by=viewer)
    except (ValidationError, Conflict) as refusal:
        problems = refusal_summary(refusal, ListingForm.base_fields)
    else:
        messages.success(request, done)
        return redirect("employer:listing_edit", pk=listing.pk)
    form, questions = _editor_forms(listing)
    return _render_editor(
        request,
        organisation=listing.organisation,
        form=form,
        questions=questions,
        listing=listing,
        action_errors=problems,
    )


@role_required(Role.EMPLOYER)
@require_POST
def listing_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        service=services.listing_publish,
        done=_("The listing is published: newcomers can find it and apply."),
    )


@role_required(Role.EMPLOYER)
@require_POST
def listing_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        service=services.listing_close,
        done=_("The listing is closed: it takes no more applications."),
    )


@role_required(Role.EMPLOYER)
@require_POST
def listing_fill(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(
        request,
        pk,
        service=services.listing_mark_filled,
        done=_("The listing is marked as filled."),
    )

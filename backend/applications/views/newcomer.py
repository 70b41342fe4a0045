"""The newcomer's pages: profile, apply, my applications with their timeline, answer an offer."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import GuideSharingForm
from accounts.models import ConsentKind, Role
from accounts.request import request_user
from accounts.roles import or_404, role_required
from accounts.selectors import consent_active
from applications import selectors, services
from applications.forms import PROFILE_FIELDS, ApplicantProfileForm, ApplyForm
from applications.models import Application
from applications.transitions import FINAL_STATUSES
from common.errors import Conflict
from common.forms import add_service_errors
from listings.selectors import listing_get


def _own_application(request: HttpRequest, pk: int) -> Application:
    viewer = request_user(request)
    return or_404(lambda: selectors.application_get(viewer=viewer, pk=pk))


@role_required(Role.NEWCOMER)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    current = selectors.applicant_profile_get(viewer=viewer)
    form = ApplicantProfileForm(request.POST or None, profile=current)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PROFILE_FIELDS}
        try:
            services.applicant_profile_update(by=viewer, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            next_listing = request.POST.get("listing", "")
            if next_listing.isdigit():
                return redirect("applications:apply", pk=int(next_listing))
            return redirect("applications:profile")
    sharing = consent_active(user=viewer, kind=ConsentKind.GUIDE_SHARING) is not None
    return render(
        request,
        "applications/profile.html",
        {
            "form": form,
            "listing_id": request.GET.get("listing", ""),
            "guide_form": GuideSharingForm(initial={"share": sharing}),
            "guide_sharing": sharing,
        },
    )


@role_required(Role.NEWCOMER)
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    listing = or_404(lambda: listing_get(viewer=viewer, pk=pk))
    existing = selectors.application_for_listing(viewer=viewer, listing=listing)
    if existing is not None:
        messages.info(request, _("You have already applied for this listing."))
        return redirect("applications:detail", pk=existing.pk)
    form = ApplyForm(request.POST or None, listing=listing)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                listing=listing,
                by=viewer,
                message=form.cleaned_data["message"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Your application is sent. We tell you when it moves."))
            return redirect("applications:detail", pk=application.pk)
    profile = selectors.applicant_profile_get(viewer=viewer)
    return render(
        request,
        "applications/apply.html",
        {"form": form, "listing": listing, "profile": profile},
    )


@role_required(Role.NEWCOMER)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list_for_newcomer(viewer=request_user(request))
    return render(request, "applications/mine.html", {"applications": applications})


@role_required(Role.NEWCOMER)
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "is_final": application.status in FINAL_STATUSES,
            "undo_until": services.withdrawal_undo_until(application),
        },
    )


def _step(
    request: HttpRequest, pk: int, *, service: Callable[..., Application], done: str
) -> HttpResponse:
    """Withdraw or accept: back to the application, with the rule if the step is not allowed."""
    application = _own_application(request, pk)
    try:
        service(application=application, by=request_user(request))
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, done)
    return redirect("applications:detail", pk=pk)


@role_required(Role.NEWCOMER)
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (the page), withdraws on the answer (the form); the withdrawal can be taken
    back for a while from the application's page."""
    if request.method == "GET":
        application = _own_application(request, pk)
        if application.status in FINAL_STATUSES:
            return redirect("applications:detail", pk=pk)
        minutes = int(services.WITHDRAW_UNDO_WINDOW.total_seconds() // 60)
        return render(
            request,
            "applications/withdraw_confirm.html",
            {"application": application, "undo_minutes": minutes},
        )
    return _step(
        request,
        pk,
        service=services.application_withdraw,
        done=_("You have withdrawn your application. Changed your mind? Undo it below."),
    )


@role_required(Role.NEWCOMER)
@require_POST
def withdraw_undo(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        service=services.application_withdraw_undo,
        done=_("Your application is back, as it was before you withdrew it."),
    )


@role_required(Role.NEWCOMER)
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        service=services.application_accept,
        done=_("You have accepted the offer. Congratulations!"),
    )

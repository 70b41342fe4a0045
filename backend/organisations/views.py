"""The employer's pages about their organisations: register one, its profile, its members and
invitations, and the page where an invited person accepts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from accounts.request import request_user
from accounts.roles import or_404, role_required
from common.forms import add_service_errors, error_summary
from organisations import selectors, services
from organisations.forms import InvitationForm, OrganisationForm, OrganisationRegisterForm
from organisations.models import INVITATION_VALID_DAYS, Organisation


def _organisation(request: HttpRequest, pk: int, *, admin: bool = False) -> Organisation:
    """One of the viewer's organisations; with `admin`, a 403 unless they administer it."""
    viewer = request_user(request)
    organisation = or_404(lambda: selectors.organisation_list(viewer=viewer).get(pk=pk))
    if admin and not selectors.is_member(user=viewer, organisation=organisation, admin=True):
        raise PermissionDenied
    return organisation


@role_required(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def organisation_register(request: HttpRequest) -> HttpResponse:
    form = OrganisationRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_register(
                by=request_user(request), **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is registered. Innsteg checks it shortly; until then your "
                    "listings are marked as from an unverified organisation."
                )
                % {"name": organisation.name},
            )
            return redirect("employer:organisation_detail", pk=organisation.pk)
    return render(
        request, "employer/organisation_form.html", {"form": form, "errors": error_summary(form)}
    )


def _render_detail(
    request: HttpRequest, organisation: Organisation, *, invite_form: InvitationForm | None = None
) -> HttpResponse:
    viewer = request_user(request)
    memberships = organisation.memberships.select_related("user").order_by("user__full_name", "id")
    is_admin = selectors.is_member(user=viewer, organisation=organisation, admin=True)
    context: dict[str, Any] = {
        "organisation": organisation,
        "memberships": memberships,
        "is_admin": is_admin,
        "invitations": selectors.invitation_list_pending(organisation=organisation, viewer=viewer),
        "invite_form": invite_form or (InvitationForm() if is_admin else None),
        "errors": error_summary(invite_form),
    }
    return render(request, "employer/organisation_detail.html", context)


@role_required(Role.EMPLOYER)
@require_http_methods(["GET"])
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _organisation(request, pk))


@role_required(Role.EMPLOYER)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, admin=True)
    viewer = request_user(request)
    initial = {
        "name": organisation.name,
        "kommune": organisation.kommune_id,
        "bydel": organisation.bydel_id,
        "address": organisation.address,
        "aga_zone": organisation.aga_zone if organisation.kommune.is_split_between_zones else "",
        "employees": organisation.employees,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, by=viewer, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("employer:organisation_detail", pk=organisation.pk)
    context = {"form": form, "organisation": organisation, "errors": error_summary(form)}
    return render(request, "employer/organisation_form.html", context)


@role_required(Role.EMPLOYER)
@require_POST
def organisation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a colleague by email. The answer never tells whether the address has an account."""
    organisation = _organisation(request, pk, admin=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                rights=form.cleaned_data["rights"],
                by=request_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "We have sent an invitation to %(email)s. It is valid for %(days)d days; "
                    "they become a member when they accept it."
                )
                % {"email": invitation.email, "days": INVITATION_VALID_DAYS},
            )
            return redirect("employer:organisation_detail", pk=organisation.pk)
    return _render_detail(request, organisation, invite_form=form)


@role_required(Role.EMPLOYER)
@require_POST
def organisation_invitation_revoke(
    request: HttpRequest, pk: int, invitation_pk: int
) -> HttpResponse:
    organisation = _organisation(request, pk, admin=True)
    viewer = request_user(request)
    invitation = or_404(
        lambda: selectors.invitation_get_pending(
            organisation=organisation, viewer=viewer, pk=invitation_pk
        )
    )
    services.invitation_revoke(invitation=invitation, by=viewer)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("employer:organisation_detail", pk=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page the invitation's link opens: it names the organisation and asks to accept."""
    viewer = request_user(request)
    invitation = selectors.invitations_by_token(token=token).first()
    problem = services.invitation_problem(invitation, by=viewer)
    if problem is None and request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, by=viewer)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("You are now a member of %(organisation)s.")
                % {"organisation": membership.organisation.name},
            )
            return redirect("employer:organisation_detail", pk=membership.organisation_id)
    context = {"invitation": invitation, "problem": problem, "token": token}
    return render(
        request,
        "employer/invitation_accept.html",
        context,
        status=400 if problem is not None and request.method == "POST" else 200,
    )

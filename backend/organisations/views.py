"""The employer's pages about their organisations: register one, its profile and its members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from accounts.selectors import user_by_email
from common.forms import add_service_errors, error_summary
from common.request import request_user
from common.roles import or_404, role_required
from organisations import selectors, services
from organisations.forms import MemberAddForm, OrganisationForm, OrganisationRegisterForm
from organisations.models import Organisation


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
    request: HttpRequest, organisation: Organisation, *, member_form: MemberAddForm | None = None
) -> HttpResponse:
    viewer = request_user(request)
    memberships = organisation.memberships.select_related("user").order_by("user__full_name", "id")
    is_admin = selectors.is_member(user=viewer, organisation=organisation, admin=True)
    context: dict[str, Any] = {
        "organisation": organisation,
        "memberships": memberships,
        "is_admin": is_admin,
        "member_form": member_form or (MemberAddForm() if is_admin else None),
        "errors": error_summary(member_form),
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
def organisation_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, admin=True)
    viewer = request_user(request)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        colleague = user_by_email(email=form.cleaned_data["email"])
        if colleague is None:
            form.add_error(
                "email",
                _("No one has signed up with this email address. Ask them to sign up first."),
            )
        else:
            try:
                services.membership_add(
                    organisation=organisation,
                    user=colleague,
                    rights=form.cleaned_data["rights"],
                    by=viewer,
                )
            except ValidationError as error:
                # The service names the person `user`; here they are their email address.
                add_service_errors(form, ValidationError({"email": error.messages}))
            else:
                messages.success(
                    request,
                    _("%(name)s is now a member of %(organisation)s.")
                    % {"name": colleague.full_name, "organisation": organisation.name},
                )
                return redirect("employer:organisation_detail", pk=organisation.pk)
    return _render_detail(request, organisation, member_form=form)

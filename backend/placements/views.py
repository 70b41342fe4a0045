"""The agreement pages: my agreements, one agreement with its approvals and timeline, and the
forms its parties use (approve, approve for the newcomer, change the terms, cancel)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.request import request_user
from accounts.roles import or_404
from common.errors import Conflict
from common.forms import add_service_errors
from placements import selectors, services
from placements.forms import (
    AgreementFilterForm,
    ApproveForm,
    CancelForm,
    OnBehalfForm,
    TermsForm,
)
from placements.models import AgreementAction, PlacementAgreement

PAGE_SIZE = 20


def _agreement(request: HttpRequest, pk: int) -> PlacementAgreement:
    """The agreement with its timeline, which the detail page shows."""
    return or_404(
        lambda: selectors.agreement_get(viewer=request_user(request), pk=pk, with_timeline=True)
    )


def _render_detail(
    request: HttpRequest,
    agreement: PlacementAgreement,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    viewer = request_user(request)
    version = {"version": agreement.version}
    context = {
        "agreement": agreement,
        "actions": selectors.agreement_actions(agreement=agreement, viewer=viewer),
        "show_on_behalf_reason": selectors.shows_on_behalf_reason(viewer=viewer),
        "on_behalf_action": AgreementAction.APPROVED_ON_BEHALF.value,
        "approve_form": ApproveForm(prefix="approve", initial=version),
        "on_behalf_form": OnBehalfForm(prefix="behalf", initial=version),
        "cancel_form": CancelForm(prefix="cancel"),
        **forms,
    }
    return render(request, "placements/detail.html", context, status=status)


def _done(request: HttpRequest, pk: int, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("placements:detail", pk=pk)


def _refused(request: HttpRequest, pk: int, conflict: Conflict) -> HttpResponse:
    messages.error(request, str(conflict))
    return redirect("placements:detail", pk=pk)


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    form = AgreementFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else None
    agreements = selectors.agreement_list(viewer=request_user(request), status=status)
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "placements/list.html", {"form": form, "page": page})


@login_required
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _agreement(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    agreement = _agreement(request, pk)
    if not selectors.may_edit_terms(agreement=agreement, viewer=viewer):
        raise PermissionDenied(
            _("Only the employer or a veileder of the kommune changes the agreement's terms.")
        )
    if not selectors.agreement_actions(agreement=agreement, viewer=viewer).edit_terms:
        messages.error(request, _("The terms of this agreement cannot change any more."))
        return redirect("placements:detail", pk=pk)
    form = TermsForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update_terms(
                agreement=agreement,
                by=viewer,
                expected_version=form.cleaned_data["version"],
                **form.terms(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            return _done(request, pk, _("The terms are saved."))
    status = 400 if form.is_bound else 200
    return render(
        request,
        "placements/edit.html",
        {"agreement": agreement, "form": form},
        status=status,
    )


@login_required
@require_POST
def agreement_submit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    try:
        services.agreement_submit_for_approval(agreement=agreement, by=request_user(request))
    except ValidationError as error:
        # Show what is missing on the terms form, next to the fields that need it.
        current = TermsForm(agreement=agreement)
        form = TermsForm(
            {name: current[name].value() for name in current.fields}, agreement=agreement
        )
        form.is_valid()
        add_service_errors(form, error)
        return render(
            request, "placements/edit.html", {"agreement": agreement, "form": form}, status=400
        )
    except Conflict as conflict:
        return _refused(request, pk, conflict)
    return _done(request, pk, _("The agreement is sent to everyone for approval."))


@login_required
@require_POST
def agreement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    on_behalf = "behalf-reason" in request.POST
    form: ApproveForm | OnBehalfForm = (
        OnBehalfForm(request.POST, prefix="behalf")
        if on_behalf
        else ApproveForm(request.POST, prefix="approve")
    )
    form_name = "on_behalf_form" if on_behalf else "approve_form"
    if form.is_valid():
        try:
            services.agreement_approve(
                agreement=agreement,
                by=request_user(request),
                on_behalf_reason=form.cleaned_data.get("reason", ""),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            if "on_behalf_reason" in error.message_dict:
                error = ValidationError({"reason": error.message_dict["on_behalf_reason"]})
            add_service_errors(form, error)
        except Conflict as conflict:
            return _refused(request, pk, conflict)
        else:
            return _done(request, pk, _("Your approval is recorded."))
    return _render_detail(request, agreement, status=400, **{form_name: form})


@login_required
@require_POST
def agreement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    form = CancelForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            services.agreement_cancel(
                agreement=agreement, by=request_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            return _refused(request, pk, conflict)
        else:
            return _done(request, pk, _("The agreement is cancelled."))
    return _render_detail(request, agreement, status=400, cancel_form=form)


@login_required
@require_POST
def agreement_start(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    try:
        services.agreement_start(agreement=agreement, by=request_user(request))
    except Conflict as conflict:
        return _refused(request, pk, conflict)
    return _done(request, pk, _("The placement has started."))


@login_required
@require_POST
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    try:
        services.agreement_end(agreement=agreement, by=request_user(request))
    except Conflict as conflict:
        return _refused(request, pk, conflict)
    return _done(request, pk, _("The placement has ended."))

"""The person's own data: read it, download it, delete the account. Every answer is no-store."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Role
from accounts.request import request_user
from accounts.roles import or_404, role_required
from audit.services import Source
from organisations.models import MemberRights, Membership
from privacy import exports, services
from privacy.forms import AccountDeleteForm, confirmation_word

JSON_DUMPS = {"ensure_ascii": False, "indent": 2}


def _attachment(data: dict[str, object], filename: str) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params=JSON_DUMPS)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    administered = Membership.objects.filter(user=viewer, rights=MemberRights.ADMIN).select_related(
        "organisation"
    )
    context = {
        "sections": exports.person_export_sections(viewer=viewer),
        "can_delete": viewer.role in services.SELF_DELETE_ROLES,
        "organisations": [membership.organisation for membership in administered],
    }
    return render(request, "privacy/export.html", context)


@never_cache
@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    return _attachment(exports.person_export(viewer=request_user(request)), "innsteg-my-data.json")


@never_cache
@role_required(Role.EMPLOYER)
@require_GET
def organisation_data_download(request: HttpRequest, pk: int) -> HttpResponse:
    data = or_404(lambda: exports.organisation_export(viewer=request_user(request), pk=pk))
    return _attachment(data, f"innsteg-organisation-{pk}.json")


@never_cache
@role_required(*services.SELF_DELETE_ROLES)
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=user, by=user, source=Source.of(request))
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    context = {
        "form": form,
        "word": confirmation_word(),
        "kept_agreements": services.agreements_kept(user=user),
    }
    return render(request, "privacy/delete.html", context)

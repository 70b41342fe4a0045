"""Deleting accounts from the admin: an action on the people admin, with a confirmation page."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from accounts.admin import UserAdmin, admin_user
from accounts.models import User
from audit.services import Source
from privacy.services import account_delete


@admin.action(description=_("Delete the selected accounts (anonymise what must be kept)"))
def delete_accounts(
    modeladmin: UserAdmin, request: HttpRequest, queryset: QuerySet[User]
) -> HttpResponse | None:
    if not request.POST.get("confirmed"):
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": _("Delete accounts"),
            "people": list(queryset.order_by("pk")),
            "action": "delete_accounts",
            "opts": modeladmin.model._meta,
        }
        return TemplateResponse(request, "privacy/delete_admin_confirm.html", context)
    deleted = 0
    for person in queryset.order_by("pk"):
        try:
            account_delete(user=person, by=admin_user(request), source=Source.of(request))
        except PermissionDenied as refusal:
            modeladmin.message_user(request, f"{person.pk}: {refusal}", messages.ERROR)
        else:
            deleted += 1
    if deleted:
        modeladmin.message_user(
            request,
            _("%(count)d accounts deleted; what must be kept is anonymised.") % {"count": deleted},
            messages.SUCCESS,
        )
    return None


UserAdmin.actions = (*UserAdmin.actions, delete_accounts)

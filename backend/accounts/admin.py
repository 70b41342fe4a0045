from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import NewcomerProfile, User
from accounts.selectors import user_access_snapshot
from audit.services import Source


def admin_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People. Changes of role, kommuner and the access flags are written to the audit log."""

    ordering = ("email",)
    list_display = ("full_name", "email", "phone", "role", "language", "is_active")
    list_filter = ("role", "language", "is_active", "is_staff")
    search_fields = ("full_name", "email", "phone")
    filter_horizontal = ("kommuner", "groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("full_name", "email", "phone", "phone_verified", "password")}),
        (_("Role"), {"fields": ("role", "kommuner", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("full_name", "email", "role", "language", "password1", "password2"),
            },
        ),
    )

    # privacy/admin.py adds "delete_accounts" (deleting an account is the privacy app's).
    actions: tuple[Any, ...] = ()

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Django's own "delete selected" would delete rows others' records need (and the
        # PROTECT keys refuse it): people are deleted through privacy.services only.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        # Kommuner are saved after the user (save_related): keep what was stored until then.
        form.access_before = user_access_snapshot(user=obj) if change else None  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.user_access_change_record(
            user=form.instance,
            before=getattr(form, "access_before", None),
            by=admin_user(request),
            source=Source.of(request),
        )


@admin.register(NewcomerProfile)
class NewcomerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "kommune", "guide")
    raw_id_fields = ("user",)
    # A veileder of the kommune assigns the guide (guidance.services.guides_assign), which keeps
    # the history and tells the newcomer; the admin only shows it.
    readonly_fields = ("guide",)
    list_select_related = ("user", "kommune", "guide")


# allauth's own admin shows the authenticators' `data`: TOTP secrets and recovery codes.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Two-factor devices: who has which, since when, last used. Never the secrets. An admin may
    delete a device (a lost phone); the person then sets up a new one at their next login."""

    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user",)
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Authenticator]:
        return super().get_queryset(request).defer("data")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        services.user_mfa_device_remove(
            authenticator=obj, by=admin_user(request), source=Source.of(request)
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Authenticator]) -> None:
        for authenticator in queryset.select_related("user"):
            if Authenticator.objects.filter(pk=authenticator.pk).exists():
                services.user_mfa_device_remove(
                    authenticator=authenticator, by=admin_user(request), source=Source.of(request)
                )

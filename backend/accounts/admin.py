from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import NewcomerProfile, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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


@admin.register(NewcomerProfile)
class NewcomerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "kommune", "guide")
    raw_id_fields = ("user", "guide")
    list_select_related = ("user", "kommune", "guide")

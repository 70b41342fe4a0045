from django.contrib import admin

from applications.models import Application, ApplicationEvent


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "by", "at", "note")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications move only through their services, which write the timeline."""

    list_display = ("listing", "number", "status", "submitted_at")
    list_filter = ("status",)
    raw_id_fields = ("listing", "applicant")
    inlines = [ApplicationEventInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

from django.contrib import admin

from placements.models import AgreementEvent, PlacementAgreement


class AgreementEventInline(admin.TabularInline):
    model = AgreementEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "action", "by", "version", "changed_fields", "note")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PlacementAgreement)
class PlacementAgreementAdmin(admin.ModelAdmin):
    """Read-only: terms and approvals change only through the services, which keep the
    timeline and ask for approval again after every change."""

    list_display = ("id", "newcomer", "organisation", "kommune", "kind", "status", "start_date")
    list_filter = ("status", "kind", "kommune")
    list_select_related = ("newcomer", "organisation", "kommune")
    search_fields = ("organisation__name", "organisation__orgnr", "newcomer__full_name")
    date_hierarchy = "start_date"
    raw_id_fields = ("application", "newcomer", "organisation")
    inlines = [AgreementEventInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

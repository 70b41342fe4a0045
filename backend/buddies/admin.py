from django.contrib import admin
from django.http import HttpRequest

from accounts.models import User
from buddies import services
from buddies.models import BuddyCheckIn, BuddyCoordinator, BuddyMatch, BuddyRequest, Volunteer


@admin.register(BuddyCoordinator)
class BuddyCoordinatorAdmin(admin.ModelAdmin):
    """Platform admins appoint coordinators here; veiledere on /buddies/coordinator/appoint/."""

    list_display = ("user", "kommune", "organisation_name", "appointed_by", "appointed_at")
    list_filter = ("kommune",)
    search_fields = ("user__full_name", "user__email", "organisation_name")
    autocomplete_fields = ("user",)
    readonly_fields = ("appointed_by", "appointed_at")

    def save_model(
        self, request: HttpRequest, obj: BuddyCoordinator, form: object, change: bool
    ) -> None:
        assert isinstance(request.user, User)
        if change:
            super().save_model(request, obj, form, change)
            return
        appointed = services.coordinator_appoint(
            by=request.user,
            user=obj.user,
            kommune=obj.kommune,
            organisation_name=obj.organisation_name,
        )
        obj.pk = appointed.pk


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("user", "kommune", "status", "created_at")
    list_filter = ("status", "kommune")
    readonly_fields = ("user", "decided_by", "decided_at", "created_at")


@admin.register(BuddyRequest)
class BuddyRequestAdmin(admin.ModelAdmin):
    list_display = ("user", "kommune", "active", "created_at")
    list_filter = ("active", "kommune")
    readonly_fields = ("user", "created_at")


class CheckInInline(admin.TabularInline):
    model = BuddyCheckIn
    extra = 0
    readonly_fields = ("author", "author_role", "happened_on", "note", "created_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(BuddyMatch)
class BuddyMatchAdmin(admin.ModelAdmin):
    """Read-only: matches change through their people and coordinators."""

    list_display = ("pk", "kommune", "status", "score", "proposed_at", "horizon_on")
    list_filter = ("status", "kommune")
    inlines = (CheckInInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

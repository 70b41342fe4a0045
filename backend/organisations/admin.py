from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from organisations import services
from organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ("user",)
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "orgnr", "kommune", "aga_zone", "employees", "verified")
    list_filter = ("verified", "aga_zone")
    search_fields = ("name", "orgnr")
    raw_id_fields = ("kommune", "bydel", "verified_by")
    readonly_fields = ("verified_at", "verified_by", "created_at")
    inlines = [MembershipInline]
    actions = ["verify"]

    @admin.action(description=_("Mark as verified"))
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        for organisation in queryset.filter(verified=False):
            services.organisation_verify(organisation=organisation, by=request.user)  # type: ignore[arg-type]
        self.message_user(request, _("Organisations verified."), messages.SUCCESS)

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from organisations import services
from organisations.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ("user",)
    extra = 0


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = ("email", "rights", "invited_by", "created_at", "expires_at", "accepted_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # invitations are sent from the organisation's page, with their email


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Several employers may claim one organisasjonsnummer; verifying one of them decides.

    "Verify" refuses when another organisation with that number is verified already. It marks
    every other unverified claim to the number as rejected: their published listings are closed,
    none of their listings can be published again, and they take no new members. Their people
    and rows stay, so applicants keep their history; the people can ask the verified
    organisation's administrator for an invitation.
    """

    list_display = ("name", "orgnr", "kommune", "aga_zone", "employees", "verified", "rejected_at")
    list_filter = ("verified", ("rejected_at", admin.EmptyFieldListFilter), "aga_zone")
    search_fields = ("name", "orgnr")
    raw_id_fields = ("kommune", "bydel", "verified_by")
    # Verification goes through the action, which settles the other claims to the number.
    readonly_fields = ("verified", "verified_at", "verified_by", "rejected_at", "created_at")
    inlines = [MembershipInline, InvitationInline]
    actions = ["verify"]

    @admin.action(
        description=_("Verify (and reject the other unverified claims to the same number)")
    )
    def verify(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        verified = 0
        for organisation in queryset.filter(verified=False):
            try:
                services.organisation_verify(organisation=organisation, by=request.user)  # type: ignore[arg-type]
            except ValidationError as refusal:
                self.message_user(
                    request,
                    _("%(organisation)s: %(reason)s")
                    % {"organisation": organisation, "reason": " ".join(refusal.messages)},
                    messages.ERROR,
                )
            else:
                verified += 1
        if verified:
            self.message_user(
                request,
                _("%(count)d organisations verified; other claims to their numbers are rejected.")
                % {"count": verified},
                messages.SUCCESS,
            )

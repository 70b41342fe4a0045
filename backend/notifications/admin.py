from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.request import request_user
from notifications.models import Notification, NotificationPreference, Status
from notifications.services import notifications_retry


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox: what went out, what waits, and what failed (with the kind of failure)."""

    list_display = [
        "id",
        "kind",
        "channel",
        "recipient",
        "status",
        "attempts",
        "due_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["idempotency_key"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    actions = ["retry"]
    readonly_fields = [f.name for f in Notification._meta.get_fields() if f.concrete]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Send the failed ones again"))
    def retry(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        ids = list(queryset.filter(status=Status.FAILED).values_list("pk", flat=True))
        count = notifications_retry(ids=ids, by=request_user(request))
        self.message_user(
            request, _("%(count)s notifications will be sent again.") % {"count": count}
        )
        if count < queryset.count():
            self.message_user(
                request, _("Only failed notifications are sent again."), level=messages.WARNING
            )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "email", "sms", "in_app", "updated_at"]
    list_filter = ["category"]
    raw_id_fields = ["user"]

from django.contrib import admin

from audit.models import AuditEntry
from common.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "object_type", "object_id", "user_label", "client_name", "ip")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "user_label", "client_id")

"""Admin: case systems are configured here; cases, decisions and the audit log are read-only.

Person facts (national ids, residence permits) are not in the admin at all: they are read only
through the caseworker API, where every read is audited.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from common.admin import ReadOnlyAdmin
from subsidies.models import (
    CaseSystemClient,
    Decision,
    DecisionPeriod,
    RefundClaim,
    SubsidyCase,
    WhatIfRun,
)


@admin.register(CaseSystemClient)
class CaseSystemClientAdmin(admin.ModelAdmin):
    list_display = (
        "application",
        "may_read",
        "may_decide",
        "may_reveal_national_id",
        "active",
        "created_at",
    )
    list_filter = ("active", "may_decide", "may_reveal_national_id")
    raw_id_fields = ("application",)
    filter_horizontal = ("kommuner",)


class DecisionPeriodInline(admin.TabularInline):
    model = DecisionPeriod
    extra = 0
    can_delete = False
    readonly_fields = ("number", "start", "end", "monthly_amount_nok", "max_amount_nok")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SubsidyCase)
class SubsidyCaseAdmin(ReadOnlyAdmin):
    list_display = ("id", "scheme", "status", "kommune", "organisation", "opened_at")
    list_filter = ("status", "scheme")
    search_fields = ("id", "organisation__orgnr")
    raw_id_fields = ("agreement", "newcomer", "organisation", "kommune", "current_result")
    exclude = ("compute_errors",)


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("case", "outcome", "reason", "by", "at")
    list_filter = ("outcome", "reason")
    raw_id_fields = ("case", "result", "recommendation", "by")
    inlines = [DecisionPeriodInline]


@admin.register(RefundClaim)
class RefundClaimAdmin(ReadOnlyAdmin):
    list_display = ("id", "case", "status", "due_date", "amount_nok")
    list_filter = ("status",)
    raw_id_fields = ("period", "case", "reported_by")


@admin.register(WhatIfRun)
class WhatIfRunAdmin(ReadOnlyAdmin):
    list_display = ("id", "status", "created_by", "client_id", "created_at", "finished_at")
    list_filter = ("status",)

"""The pages a public service must have: the privacy notice, the accessibility statement and
who runs the service. Open to everyone, in every language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

# Where a person sees, exports and deletes their own data.
MY_DATA_PATH = "/me/data/"
DATATILSYNET_URL = "https://www.datatilsynet.no/"
UU_TILSYNET_URL = "https://www.uutilsynet.no/"


@dataclass(frozen=True)
class RetentionRow:
    what: str
    period: str


# What each period of settings.RETENTION_PERIODS applies to, in the reader's words.
RETENTION_WHAT = {
    "applications": _(
        "Applications: the message, answers and profile are removed after this time from the "
        "day the listing closed. The status stays, without your name, for statistics."
    ),
    "applicant_contact": _(
        "Your email and phone shown to an employer: no longer after this time from the day the "
        "application was rejected, withdrawn or expired."
    ),
    "unverified_accounts": _(
        "An account whose phone number or email address was never confirmed is deleted."
    ),
    "read_notifications": _("Notifications you have read are deleted."),
    "unread_notifications": _("Notifications you have not read are deleted."),
    "person_facts": _(
        "Facts for a subsidy case (such as the national identity number) are deleted after this "
        "time from the decision or the last refund claim."
    ),
    "audit_entries": _("The log of who read or decided what is deleted."),
}


def duration_words(period: datetime.timedelta) -> str:
    """A period in plain words: years, months, days or hours, whichever says it whole."""
    days = period.total_seconds() / 86400
    years = round(days / 365.25)
    if years >= 1 and abs(days - years * 365.25) <= 2:
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    months = round(days / 30.44)
    if months >= 2 and abs(days - months * 30.44) <= 3:
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    if days >= 1 and days == int(days):
        whole = int(days)
        return ngettext("%(count)d day", "%(count)d days", whole) % {"count": whole}
    hours = round(period.total_seconds() / 3600)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def _service() -> dict[str, str]:
    return {
        "operator_name": settings.SERVICE_OPERATOR_NAME,
        "contact_email": settings.SERVICE_CONTACT_EMAIL,
    }


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    rows = [
        RetentionRow(what=str(RETENTION_WHAT[name]), period=duration_words(value))
        for name, value in settings.RETENTION_PERIODS.items()
        if name in RETENTION_WHAT
    ]
    return render(
        request,
        "privacy/notice.html",
        {
            **_service(),
            "retention": rows,
            "notice_version": settings.PRIVACY_NOTICE_VERSION,
            "my_data_url": MY_DATA_PATH,
            "datatilsynet_url": DATATILSYNET_URL,
        },
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "privacy/accessibility.html", {**_service(), "uu_tilsynet_url": UU_TILSYNET_URL}
    )


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/about.html", _service())

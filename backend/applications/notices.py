"""What the marketplace's notifications say, what they are about, and whether they still hold."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from applications.models import Application, ApplicationStatus
from common.text import isolate
from listings.models import Listing
from notifications import links
from notifications.messages import About, day, loads, relevant_while, renders, status_is, when
from notifications.models import Kind
from notifications.services import Planned, notifications_create

loads(
    "application",
    lambda: Application.objects.select_related("listing__organisation", "applicant"),
)
loads("listing", lambda: Listing.objects.select_related("organisation"))


@renders(Kind.APPLICATION_STATUS)
def _application_status(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    application: Application = about.get("application", context)
    values = {
        "title": isolate(application.listing.title),
        "organisation": isolate(application.listing.organisation.name),
    }
    status = context["status"]
    if status == ApplicationStatus.SUBMITTED:
        text = _("Your application for %(title)s has been sent to %(organisation)s.")
    elif status == ApplicationStatus.IN_REVIEW:
        text = _("%(organisation)s is reading your application for %(title)s.")
    elif status == ApplicationStatus.INTERVIEW:
        text = _("%(organisation)s invites you to an interview for %(title)s on %(when)s.")
        values["when"] = when(application.interview_at) if application.interview_at else ""
    elif status == ApplicationStatus.OFFERED:
        text = _("%(organisation)s offers you the job: %(title)s. Answer the offer in Innsteg.")
    elif status == ApplicationStatus.ACCEPTED:
        text = _("You accepted the offer for %(title)s.")
    elif status == ApplicationStatus.REJECTED:
        text = _("%(organisation)s chose another applicant for %(title)s.")
    elif status == ApplicationStatus.WITHDRAWN:
        text = _("You withdrew your application for %(title)s.")
    else:
        text = _("Your application for %(title)s has expired.")
    return _("News about your application"), text % values


@renders(Kind.APPLICATION_UNANSWERED)
def _application_unanswered(
    context: dict[str, Any], recipient: User, about: About
) -> tuple[str, str]:
    application: Application = about.get("application", context)
    text = _("Applicant %(number)s for %(title)s has waited %(days)s days for your answer.") % {
        "number": application.number,
        "title": isolate(application.listing.title),
        "days": context["days"],
    }
    return _("An applicant is waiting for your answer"), text


@renders(Kind.INTERVIEW_TOMORROW)
@renders(Kind.INTERVIEW_SOON)
def _interview(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    application: Application = about.get("application", context)
    moment = datetime.datetime.fromisoformat(context["interview_at"])
    values = {"title": isolate(application.listing.title), "when": when(moment)}
    if recipient.pk == application.applicant_id:
        values["organisation"] = isolate(application.listing.organisation.name)
        text = _("Reminder: your interview with %(organisation)s for %(title)s is on %(when)s.")
    else:
        values["name"] = isolate(application.applicant.full_name)
        text = _("Reminder: your interview with %(name)s for %(title)s is on %(when)s.")
    return _("Interview reminder"), text % values


@renders(Kind.SAVED_LISTING_DEADLINE)
def _saved_listing_deadline(
    context: dict[str, Any], recipient: User, about: About
) -> tuple[str, str]:
    listing: Listing = about.get("listing", context)
    text = _("The last day to apply for %(title)s is %(day)s.") % {
        "title": isolate(listing.title),
        "day": day(context["deadline"]),
    }
    return _("The deadline is near"), text


@renders(Kind.OFFER_WAITING)
def _offer_waiting(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    application: Application = about.get("application", context)
    text = _(
        "%(organisation)s is waiting for your answer to the offer for %(title)s. Answer by %(day)s."
    ) % {
        "organisation": isolate(application.listing.organisation.name),
        "title": isolate(application.listing.title),
        "day": day(context["answer_by"]),
    }
    return _("Your offer is waiting for an answer"), text


@renders(Kind.SEARCH_DIGEST)
def _search_digest(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    count = int(context["count"])
    text = ngettext(
        "%(count)s new listing matches your saved searches.",
        "%(count)s new listings match your saved searches.",
        count,
    ) % {"count": count}
    return _("New listings for you"), text


def _interview_still_on(context: dict[str, Any], about: About) -> bool:
    """Still invited, and at the time the reminder names (a moved interview gets its own)."""
    application = about.find("application", context["application"])
    return (
        application is not None
        and application.status == ApplicationStatus.INTERVIEW
        and application.interview_at == datetime.datetime.fromisoformat(context["interview_at"])
    )


relevant_while(
    Kind.APPLICATION_UNANSWERED,
    status_is("application", ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW),
)
relevant_while(Kind.INTERVIEW_TOMORROW, _interview_still_on)
relevant_while(Kind.INTERVIEW_SOON, _interview_still_on)
relevant_while(Kind.OFFER_WAITING, status_is("application", ApplicationStatus.OFFERED))


def notify_application_status(*, application: Application, status: str) -> int:
    """Tell the applicant that their application moved to `status` (each status comes once)."""
    return notifications_create(
        planned=[
            Planned(
                recipient=application.applicant,
                kind=Kind.APPLICATION_STATUS,
                occurrence=f"application:{application.pk}:{status}",
                context={"application": application.pk, "status": status},
                link_path=links.application_for_applicant(application.pk),
            )
        ]
    )

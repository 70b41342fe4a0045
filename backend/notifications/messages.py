"""What each kind of notification says: one short text and a title, in the recipient's language.

Rows hold only ids; the text is rendered when it is sent (email, SMS) or shown (in Innsteg), inside
`translation.override` of the person's language, so it is always about the current state of things
and never stores personal data twice. Every name and title that people typed goes between Unicode
isolates (common.text.isolate): a right-to-left name never turns the sentence around it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from applications.models import Application, ApplicationStatus
from common import dates
from common.text import isolate
from listings.models import Listing
from notifications import links
from notifications.models import Kind, Notification
from placements.models import AgreementStatus, PlacementAgreement
from subsidies.models import CaseStatus, ClaimStatus, RefundClaim, SubsidyCase


class Gone(Exception):
    """What the message is about no longer exists; the row is skipped."""


@dataclass(frozen=True)
class Message:
    title: str  # the email's subject, the in-app heading
    text: str  # one or two short sentences
    url: str  # the absolute link to the page it is about


@dataclass
class About:
    """What a batch of messages is about, loaded with one query per kind of thing."""

    applications: dict[int, Application] = field(default_factory=dict)
    listings: dict[int, Listing] = field(default_factory=dict)
    agreements: dict[int, PlacementAgreement] = field(default_factory=dict)
    cases: dict[int, SubsidyCase] = field(default_factory=dict)
    claims: dict[int, RefundClaim] = field(default_factory=dict)

    @classmethod
    def load(cls, notifications: Iterable[Notification]) -> About:
        ids: dict[str, set[int]] = {name: set() for name in _LOADERS}
        for notification in notifications:
            for name, wanted in ids.items():
                if name in notification.context:
                    wanted.add(notification.context[name])
        return cls(**{f"{name}s": _LOADERS[name]().in_bulk(ids[name]) for name in _LOADERS})

    def get(self, name: str, context: dict[str, Any]) -> Any:
        try:
            return getattr(self, f"{name}s")[context[name]]
        except KeyError:
            raise Gone from None


_LOADERS: dict[str, Callable[[], Any]] = {
    "application": lambda: Application.objects.select_related("listing__organisation", "applicant"),
    "listing": lambda: Listing.objects.select_related("organisation"),
    "agreement": lambda: PlacementAgreement.objects.select_related(
        "newcomer", "organisation", "application__listing"
    ),
    "case": lambda: SubsidyCase.objects.all(),
    "claim": lambda: RefundClaim.objects.select_related("period", "case__newcomer"),
}

Renderer = Callable[[dict[str, Any], User, About], tuple[str, str]]
RENDERERS: dict[str, Renderer] = {}


def renders(kind: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        RENDERERS[kind] = function
        return function

    return register


def render(
    notification: Notification, *, language: str | None = None, about: About | None = None
) -> Message:
    """The message in `language`, by default the recipient's.

    Pass `about` (About.load of a batch) to render many without a query each.
    """
    recipient = notification.recipient
    about = about or About.load([notification])
    with translation.override(language or recipient.language):
        title, text = RENDERERS[notification.kind](notification.context, recipient, about)
    return Message(title=title, text=text, url=links.absolute(notification.link_path))


def sms_text(message: Message) -> str:
    return f"{message.text} {message.url}"


def email_body(message: Message, *, language: str) -> str:
    with translation.override(language):
        footer = _("Choose which messages you get: %(url)s") % {
            "url": links.absolute(links.notification_settings())
        }
    return f"{message.text}\n\n{message.url}\n\n-- \nInnsteg\n{footer}\n"


# Helpers: load what a message is about, and format dates in the active language.


def when(moment: datetime.datetime) -> str:
    return dates.local_datetime(moment)


def day(value: datetime.date | str) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return dates.local_date(value)


# The marketplace.


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


# Placement agreements and subsidy cases.


def _agreement_values(agreement: PlacementAgreement) -> dict[str, str]:
    return {
        "title": isolate(agreement.application.listing.title),
        "organisation": isolate(agreement.organisation.name),
        "name": isolate(agreement.newcomer.full_name),
    }


@renders(Kind.AGREEMENT_WAITING)
def _agreement_waiting(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    agreement: PlacementAgreement = about.get("agreement", context)
    if recipient.pk == agreement.newcomer_id:
        text = _("The agreement for %(title)s at %(organisation)s is waiting for your approval.")
    else:
        text = _(
            "The agreement with %(name)s for %(title)s at %(organisation)s is waiting for "
            "your approval."
        )
    return _("An agreement is waiting for your approval"), text % _agreement_values(agreement)


@renders(Kind.PERIOD_ENDING)
def _period_ending(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    agreement: PlacementAgreement = about.get("agreement", context)
    values = {**_agreement_values(agreement), "day": day(context["end"])}
    own = recipient.pk == agreement.newcomer_id
    what = context["what"]
    if what == "decision":
        text = (
            _("The subsidy for your job %(title)s at %(organisation)s is decided until %(day)s.")
            if own
            else _(
                "The subsidy decision for %(name)s as %(title)s at %(organisation)s ends on "
                "%(day)s. A new decision is needed to go on."
            )
        )
    elif what == "window":
        text = (
            _("Your innstegsjobb %(title)s at %(organisation)s can last until %(day)s.")
            if own
            else _(
                "The innstegsjobb of %(name)s as %(title)s at %(organisation)s can last until "
                "%(day)s."
            )
        )
    else:
        text = (
            _("Your placement %(title)s at %(organisation)s ends on %(day)s.")
            if own
            else _("The placement of %(name)s as %(title)s at %(organisation)s ends on %(day)s.")
        )
    return _("A period ends soon"), text % values


@renders(Kind.CASE_WAITING)
def _case_waiting(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    about.get("case", context)
    text = _("Subsidy case %(number)s has waited %(days)s working days for your decision.") % {
        "number": context["case"],
        "days": context["days"],
    }
    return _("A case is waiting for your decision"), text


@renders(Kind.REFUND_CLAIM_DUE)
def _refund_claim_due(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    claim: RefundClaim = about.get("claim", context)
    text = _(
        "Report the wages of %(name)s for %(start)s to %(end)s by %(day)s to get the refund."
    ) % {
        "name": isolate(claim.case.newcomer.full_name),
        "start": day(claim.period.start),
        "end": day(claim.period.end),
        "day": day(claim.due_date),
    }
    return _("A refund claim is due"), text


# Whether a reminder is still worth sending: the thing may have been done while it waited (an SMS
# that waited for the morning, a retry). The in-app list keeps it either way.

Relevance = Callable[[dict[str, Any], About], bool]


def _status_is(name: str, *statuses: str) -> Relevance:
    def relevant(context: dict[str, Any], about: About) -> bool:
        thing = getattr(about, f"{name}s").get(context[name])
        return thing is not None and thing.status in statuses

    return relevant


def _interview_still_on(context: dict[str, Any], about: About) -> bool:
    """Still invited, and at the time the reminder names (a moved interview gets its own)."""
    application = about.applications.get(context["application"])
    return (
        application is not None
        and application.status == ApplicationStatus.INTERVIEW
        and application.interview_at == datetime.datetime.fromisoformat(context["interview_at"])
    )


STILL_RELEVANT: dict[str, Relevance] = {
    Kind.APPLICATION_UNANSWERED: _status_is(
        "application", ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW
    ),
    Kind.INTERVIEW_TOMORROW: _interview_still_on,
    Kind.INTERVIEW_SOON: _interview_still_on,
    Kind.OFFER_WAITING: _status_is("application", ApplicationStatus.OFFERED),
    Kind.AGREEMENT_WAITING: _status_is("agreement", AgreementStatus.AWAITING_APPROVALS),
    Kind.CASE_WAITING: _status_is("case", CaseStatus.RECOMMENDED),
    Kind.REFUND_CLAIM_DUE: _status_is("claim", ClaimStatus.AWAITING_WAGE),
}


def still_relevant(notification: Notification, about: About) -> bool:
    check = STILL_RELEVANT.get(notification.kind)
    return check is None or check(notification.context, about)

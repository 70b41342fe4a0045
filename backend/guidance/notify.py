"""What guides, newcomers and employers are told, through the notifications outbox.

The rows hold ids only; the text is rendered in the recipient's language when it is sent or
shown. A message between a newcomer and their guide is announced with the sender's name and a
link, never with its text.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from common.text import isolate
from guidance.models import (
    GuideAssignment,
    GuideMessage,
    Introduction,
    IntroductionStatus,
    Suggestion,
)
from notifications import links
from notifications.messages import About, Gone, loads, relevant_while, renders
from notifications.models import Kind
from notifications.services import Planned, notifications_create
from organisations.models import MemberRights, Membership

# Where each message links to.


def my_guide_path() -> str:
    return reverse("guidance:mine")


def thread_path_for_guide(newcomer_id: int) -> str:
    return reverse("guidance:thread", args=[newcomer_id])


def caseload_path() -> str:
    return reverse("guidance:caseload")


def newcomer_path_for_guide(newcomer_id: int) -> str:
    return reverse("guidance:newcomer", args=[newcomer_id])


def introductions_path_for_employer() -> str:
    return reverse("employer:introductions")


# Writing to the outbox.


def guide_assigned(*, assignments: Sequence[GuideAssignment], now: datetime.datetime) -> int:
    """Tell each newcomer who their guide now is."""
    return notifications_create(
        planned=[
            Planned(
                recipient=assignment.newcomer,
                kind=Kind.GUIDE_ASSIGNED,
                occurrence=f"assignment:{assignment.pk}",
                context={"assignment": assignment.pk},
                link_path=my_guide_path(),
            )
            for assignment in assignments
            if assignment.guide_id is not None
        ],
        now=now,
    )


def message_sent(*, message: GuideMessage, recipient: User) -> int:
    link = (
        my_guide_path()
        if recipient.pk == message.newcomer_id
        else thread_path_for_guide(message.newcomer_id)
    )
    return notifications_create(
        planned=[
            Planned(
                recipient=recipient,
                kind=Kind.GUIDE_MESSAGE,
                occurrence=f"message:{message.pk}",
                context={"message": message.pk},
                link_path=link,
            )
        ]
    )


def suggestion_made(*, suggestion: Suggestion) -> int:
    return notifications_create(
        planned=[
            Planned(
                recipient=suggestion.newcomer,
                kind=Kind.GUIDE_SUGGESTION,
                occurrence=f"suggestion:{suggestion.pk}",
                context={"suggestion": suggestion.pk},
                link_path=links.listing(suggestion.listing_id),
            )
        ]
    )


def introduction_made(*, introduction: Introduction) -> int:
    """Tell the employer's administrators; the note and who it is are on their page."""
    admins = [
        membership.user
        for membership in Membership.objects.filter(
            organisation=introduction.organisation_id,
            rights=MemberRights.ADMIN,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    ]
    return notifications_create(
        planned=[
            Planned(
                recipient=admin,
                kind=Kind.GUIDE_INTRODUCTION,
                occurrence=f"introduction:{introduction.pk}",
                context={"introduction": introduction.pk},
                link_path=introductions_path_for_employer(),
            )
            for admin in admins
        ]
    )


def introduction_answered(*, introduction: Introduction) -> int:
    """Tell the newcomer's guide now (who may not be the one who introduced them)."""
    from guidance.selectors import newcomer_guide

    guide = newcomer_guide(newcomer=introduction.newcomer)
    if guide is None:
        return 0
    return notifications_create(
        planned=[
            Planned(
                recipient=guide,
                kind=Kind.GUIDE_INTRODUCTION,
                occurrence=f"introduction:{introduction.pk}:{introduction.status}",
                context={"introduction": introduction.pk},
                link_path=newcomer_path_for_guide(introduction.newcomer_id),
            )
        ]
    )


# What each says.


# What the messages name, loaded once per batch of messages (notifications.messages.About).
loads("assignment", lambda: GuideAssignment.objects.select_related("guide"))
loads("message", lambda: GuideMessage.objects.select_related("sender"))
loads("suggestion", lambda: Suggestion.objects.select_related("listing__organisation"))
loads("introduction", lambda: Introduction.objects.select_related("organisation", "newcomer"))


@renders(Kind.GUIDE_ASSIGNED)
def _guide_assigned(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    assignment: GuideAssignment = about.get("assignment", context)
    if assignment.guide is None:
        raise Gone
    text = _("Your establishment guide is now %(name)s. You can write to them in Innsteg.") % {
        "name": isolate(assignment.guide.full_name)
    }
    return _("You have a new establishment guide"), text


@renders(Kind.GUIDE_MESSAGE)
def _guide_message(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    message: GuideMessage = about.get("message", context)
    name = isolate(message.sender.full_name) if message.sender else _("your guide")
    if recipient.pk == message.newcomer_id:
        text = _("Your guide %(name)s has written to you. Read the message in Innsteg.")
    else:
        text = _("%(name)s has written to you. Read the message in Innsteg.")
    return _("New message"), text % {"name": name}


@renders(Kind.GUIDE_SUGGESTION)
def _guide_suggestion(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    suggestion: Suggestion = about.get("suggestion", context)
    if suggestion.withdrawn_at is not None:
        raise Gone
    text = _("Your guide suggests a place for you: %(title)s at %(organisation)s.") % {
        "title": isolate(suggestion.listing.title),
        "organisation": isolate(suggestion.listing.organisation.name),
    }
    return _("Your guide suggests a place"), text


@renders(Kind.GUIDE_INTRODUCTION)
def _guide_introduction(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    introduction: Introduction = about.get("introduction", context)
    values = {
        "organisation": isolate(introduction.organisation.name),
        "name": isolate(introduction.newcomer.full_name),
    }
    if recipient.role == Role.EMPLOYER:
        text = _(
            "An establishment guide introduces a job seeker to %(organisation)s. Read the "
            "guide's note in Innsteg."
        )
        return _("A guide introduces a job seeker"), text % values
    if introduction.status == IntroductionStatus.WELCOMED:
        text = _("%(organisation)s wants to meet %(name)s.")
    else:
        text = _("%(organisation)s said no, thanks, to meeting %(name)s.")
    return _("The employer has answered your introduction"), text % values


@renders(Kind.GUIDE_DIGEST)
def _guide_digest(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    lines = []
    idle = int(context.get("idle", 0))
    if idle:
        lines.append(
            ngettext(
                "%(count)d has not applied for anything in 14 days.",
                "%(count)d have not applied for anything in 14 days.",
                idle,
            )
            % {"count": idle}
        )
    interviews = int(context.get("interviews", 0))
    if interviews:
        lines.append(
            ngettext(
                "%(count)d has an interview coming.",
                "%(count)d have an interview coming.",
                interviews,
            )
            % {"count": interviews}
        )
    ending = int(context.get("ending", 0))
    if ending:
        lines.append(
            ngettext(
                "%(count)d has a placement ending in the next 30 days.",
                "%(count)d have a placement ending in the next 30 days.",
                ending,
            )
            % {"count": ending}
        )
    overdue = int(context.get("overdue", 0))
    if overdue:
        lines.append(
            ngettext(
                "%(count)d has a plan step overdue.",
                "%(count)d have a plan step overdue.",
                overdue,
            )
            % {"count": overdue}
        )
    text = " ".join([_("In your caseload this week:"), *lines])
    return _("Your caseload this week"), text


def _message_unread(context: dict[str, Any], about: About) -> bool:
    """An SMS or email that waited (quiet hours, a retry) is pointless once the message is read."""
    message = about.find("message", context["message"])
    return message is not None and message.read_at is None


relevant_while(Kind.GUIDE_MESSAGE, _message_unread)

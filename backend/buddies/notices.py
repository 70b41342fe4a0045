"""What the buddy notifications say, in the recipient's language (registered with
notifications.messages). A message names the other person by first name only: until both have
accepted that is all they may know, and a message may wait in an inbox a long time."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from accounts.models import User
from buddies.models import BuddyMatch
from common.text import isolate
from notifications.messages import About, day, loads, renders
from notifications.models import Kind

loads("match", lambda: BuddyMatch.objects.select_related("volunteer", "newcomer"))


def _other_first_name(match: BuddyMatch, recipient: User) -> str:
    other = match.newcomer if recipient.pk == match.volunteer_id else match.volunteer
    return isolate(other.get_short_name())


@renders(Kind.BUDDY_VOLUNTEER_DECIDED)
def _volunteer_decided(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    if context.get("approved"):
        return _("You are approved as a buddy"), _(
            "A coordinator approved you as a buddy. We tell you when someone is proposed to you."
        )
    return _("Your buddy sign-up"), _(
        "A coordinator did not approve your buddy sign-up this time. Ask them if you wonder why."
    )


@renders(Kind.BUDDY_PROPOSED)
def _proposed(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    match: BuddyMatch = about.get("match", context)
    return _("A buddy is proposed to you"), _(
        "%(name)s is proposed as your buddy. See their languages and area, and accept or say no."
    ) % {"name": _other_first_name(match, recipient)}


@renders(Kind.BUDDY_MATCHED)
def _matched(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    match: BuddyMatch = about.get("match", context)
    return _("You have a buddy"), _(
        "You and %(name)s both accepted. See how to reach each other, and meet before %(date)s."
    ) % {"name": _other_first_name(match, recipient), "date": day(match.horizon_on or "")}


@renders(Kind.BUDDY_DECLINED)
def _declined(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    about.get("match", context)  # gone: the message is skipped
    return _("The buddy proposal did not go ahead"), _(
        "The proposal did not go ahead this time. A coordinator can propose someone else."
    )


@renders(Kind.BUDDY_ENDED)
def _ended(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    return _("Your buddy match has ended"), _(
        "Your buddy match has ended. Thank you. You can be matched with someone new."
    )


@renders(Kind.BUDDY_CHECKIN_DUE)
def _checkin_due(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    match: BuddyMatch = about.get("match", context)
    return _("How is it going with your buddy?"), _(
        "Write a short check-in about you and %(name)s: when you met and how it went."
    ) % {"name": _other_first_name(match, recipient)}


@renders(Kind.BUDDY_HORIZON)
def _horizon(context: dict[str, Any], recipient: User, about: About) -> tuple[str, str]:
    match: BuddyMatch = about.get("match", context)
    return _("Six months as buddies"), _(
        "You and %(name)s have been buddies for six months. End the match, or go on if you both "
        "want to."
    ) % {"name": _other_first_name(match, recipient)}

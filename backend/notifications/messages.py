"""What each kind of notification says: one short text and a title, in the recipient's language.

The apps register the renderers of their kinds (`renders`), how to load what they are about
(`loads`) and when a reminder is no longer worth sending (`relevant_while`), in their notices
module, imported by the app's ready(): applications, placements and subsidies.

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

from accounts.models import User
from common import dates
from notifications import links
from notifications.models import Notification


class Gone(Exception):
    """What the message is about no longer exists; the row is skipped."""


@dataclass(frozen=True)
class Message:
    title: str  # the email's subject, the in-app heading
    text: str  # one or two short sentences
    url: str  # the absolute link to the page it is about


@dataclass
class About:
    """What a batch of messages is about, loaded with one query per kind of thing.

    Each app registers how to load the things its messages name (`loads`): a notification's
    context holds their ids under those names.
    """

    things: dict[str, dict[int, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, notifications: Iterable[Notification]) -> About:
        ids: dict[str, set[int]] = {name: set() for name in LOADERS}
        for notification in notifications:
            for name, wanted in ids.items():
                if name in notification.context:
                    wanted.add(notification.context[name])
        return cls(
            {name: LOADERS[name]().in_bulk(wanted) for name, wanted in ids.items() if wanted}
        )

    def find(self, name: str, pk: int) -> Any:
        """The thing `name` with this id, or None."""
        return self.things.get(name, {}).get(pk)

    def get(self, name: str, context: dict[str, Any]) -> Any:
        thing = self.find(name, context[name]) if name in context else None
        if thing is None:
            raise Gone
        return thing


LOADERS: dict[str, Callable[[], Any]] = {}


def loads(name: str, queryset: Callable[[], Any]) -> None:
    """Register how to load the things a notification's context names as `name`."""
    LOADERS[name] = queryset


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


# Helpers for the apps' renderers: dates in the active language.


def when(moment: datetime.datetime) -> str:
    return dates.local_datetime(moment)


def day(value: datetime.date | str) -> str:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return dates.local_date(value)


# Whether a reminder is still worth sending: the thing may have been done while it waited (an SMS
# that waited for the morning, a retry). The in-app list keeps it either way.

Relevance = Callable[[dict[str, Any], About], bool]
STILL_RELEVANT: dict[str, Relevance] = {}


def relevant_while(kind: str, check: Relevance) -> None:
    """Register the check that a reminder of `kind` is still worth sending."""
    STILL_RELEVANT[kind] = check


def status_is(name: str, *statuses: str) -> Relevance:
    """Relevant while the thing `name` exists and is in one of `statuses`."""

    def relevant(context: dict[str, Any], about: About) -> bool:
        thing = about.find(name, context[name])
        return thing is not None and thing.status in statuses

    return relevant


def still_relevant(notification: Notification, about: About) -> bool:
    check = STILL_RELEVANT.get(notification.kind)
    return check is None or check(notification.context, about)

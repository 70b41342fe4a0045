"""Anonymising rows that must stay: shared by account deletion and the retention jobs.

Each function keeps the row (its id, its status, its dates: what others' records and statistics
need) and clears what says who the person is or what they wrote. Each is idempotent: running it
again on an anonymised row changes nothing. None of them writes the audit log; the caller does.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from applications.models import Application

# The domain of a cleared email address: `.invalid` can never be delivered to (RFC 2606).
DELETED_EMAIL_DOMAIN = "deleted.invalid"


def deleted_user_name(user_id: int) -> str:
    """The name a deleted account gets: "Slettet bruker #1234" in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Deleted user #%(id)d") % {"id": user_id}


def user_anonymise(*, user: User) -> User:
    """Replace the name, clear email and phone, make the account unusable.

    A user needs an email or a phone (a database constraint), so the email becomes an address
    that cannot receive mail and names no one: deleted-<id>@deleted.invalid.
    """
    user.full_name = deleted_user_name(user.pk)
    user.email = f"deleted-{user.pk}@{DELETED_EMAIL_DOMAIN}"
    user.phone = None
    user.phone_verified = False
    user.language = settings.LANGUAGE_CODE
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.password = make_password(None)  # unusable; also ends every session (session hash)
    user.save(
        update_fields=[
            "full_name",
            "email",
            "phone",
            "phone_verified",
            "language",
            "is_active",
            "is_staff",
            "is_superuser",
            "password",
        ]
    )
    user.groups.clear()
    user.user_permissions.clear()
    user.kommuner.clear()
    return user


def application_anonymise(*, application: Application) -> Application:
    """Clear what the applicant wrote and told: message, profile snapshot, screening answers,
    interview place and link, and the notes on the timeline. Status, number and dates stay."""
    application.message = ""
    application.profile_snapshot = {}
    application.interview_place = ""
    application.interview_link = ""
    application.save(
        update_fields=[
            "message",
            "profile_snapshot",
            "interview_place",
            "interview_link",
            "updated_at",
        ]
    )
    application.answers.all().delete()
    application.events.exclude(note="").update(note="")
    return application

"""Reads about applications, scoped to who is asking."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.selectors import guide_sharing_allowed
from applications.models import (
    ApplicantProfile,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ScreeningAnswer,
)
from listings.models import CLOSED_LISTING_STATUSES, OPEN_LISTING_STATUSES, Listing
from organisations.models import Organisation
from organisations.selectors import organisation_list

# The statuses after which the employer keeps the applicant's contact details only for
# RETENTION_PERIODS["applicant_contact"]. An accepted application leads to an agreement.
ENDED_STATUSES = frozenset(
    {ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED}
)


def _ended_at() -> Subquery:
    """When the application was rejected, withdrawn or expired (from its timeline)."""
    return Subquery(
        ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status__in=ENDED_STATUSES)
        .order_by("-at")
        .values("at")[:1]
    )


def _base() -> QuerySet[Application]:
    return (
        Application.objects.select_related("applicant__account_deletion", "listing__organisation")
        .prefetch_related(
            Prefetch("answers", queryset=ScreeningAnswer.objects.select_related("question"))
        )
        .annotate(ended_at=_ended_at())
    )


def _visible(viewer: User) -> Q:
    if viewer.role == Role.NEWCOMER:
        return Q(applicant=viewer)
    if viewer.role == Role.EMPLOYER:
        return Q(listing__organisation__memberships__user=viewer)
    if viewer.role == Role.GUIDE:
        # Only the newcomers who follow the guide and have agreed to share with them.
        return Q(applicant__newcomer_profile__guide=viewer) & Q(guide_sharing_allowed("applicant"))
    return Q(pk__in=[])


def application_list_for_listing(*, viewer: User, listing: Listing) -> QuerySet[Application]:
    """The applicants of a listing, for members of its organisation only."""
    if viewer.role != Role.EMPLOYER:
        return Application.objects.none()
    return (
        _base()
        .filter(listing=listing, listing__organisation__memberships__user=viewer)
        .order_by("number", "id")
    )


def application_counts_by_status(*, viewer: User, listing: Listing) -> dict[str, int]:
    """How many of the listing's applications are in each status, for its members only."""
    applications = application_list_for_listing(viewer=viewer, listing=listing)
    return dict(
        applications.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )


def application_list_for_newcomer(*, viewer: User) -> QuerySet[Application]:
    """A newcomer's own applications, newest first."""
    if viewer.role != Role.NEWCOMER:
        return Application.objects.none()
    return _base().filter(applicant=viewer).order_by("-submitted_at", "-id")


def application_get(*, viewer: User, pk: int) -> Application:
    """One application with its timeline; Application.DoesNotExist outside the viewer's scope."""
    events = ApplicationEvent.objects.select_related("by").order_by("at", "id")
    return (
        _base()
        .prefetch_related(Prefetch("events", queryset=events))
        .filter(_visible(viewer))
        .distinct()
        .get(pk=pk)
    )


def application_for_listing(*, viewer: User, listing: Listing) -> Application | None:
    """The viewer's own application to `listing`, if they have applied."""
    if viewer.role != Role.NEWCOMER:
        return None
    return Application.objects.filter(applicant=viewer, listing=listing).first()


def applicant_profile_get(*, viewer: User) -> ApplicantProfile:
    """The viewer's own profile; an unsaved empty one until they fill it in."""
    return ApplicantProfile.objects.filter(user=viewer).first() or ApplicantProfile(user=viewer)


@dataclass(frozen=True)
class Applicant:
    """Who applied, as far as the listing's employer may know it now.

    Under anonymous review the employer sees "Applicant 3" until the interview invitation. Once
    the applicant has withdrawn or deleted their account, `withheld` is set: the employer sees
    neither who they are nor what they wrote (profile, message, answers), only the steps.
    """

    label: str
    hidden: bool
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    # The name or contact details are no longer kept for the employer: a deleted account, a
    # withdrawn application, or past RETENTION_PERIODS.
    withheld: bool = False


def _account_deleted(person: User) -> bool:
    """The person deleted their account (privacy.AccountDeletion points at them)."""
    return hasattr(person, "account_deletion")


def _application_ended_at(application: Application) -> datetime.datetime | None:
    if hasattr(application, "ended_at"):
        ended: datetime.datetime | None = application.ended_at
        return ended
    if application.status not in ENDED_STATUSES:
        return None
    return (
        ApplicationEvent.objects.filter(application=application, to_status__in=ENDED_STATUSES)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )


def applicant_for_employer(
    application: Application, *, now: datetime.datetime | None = None
) -> Applicant:
    """Who applied, as the listing's employer may see it now.

    Nothing of the person once they deleted their account or withdrew the application, or once it
    is anonymised (RETENTION_PERIODS["applications"] after the listing closed). The name is hidden
    under anonymous review until the interview invitation. The email and phone are shown while
    the application is active and for RETENTION_PERIODS["applicant_contact"] after it was
    rejected or expired.
    """
    now = now or timezone.now()
    periods = settings.RETENTION_PERIODS
    number = {"number": application.number}
    label = _("Applicant %(number)d") % number
    if _account_deleted(application.applicant):
        label = _("Applicant %(number)d (deleted account)") % number
        return Applicant(label=label, hidden=True, withheld=True)
    if application.status == ApplicationStatus.WITHDRAWN:
        label = _("Applicant %(number)d (withdrawn)") % number
        return Applicant(label=label, hidden=True, withheld=True)
    listing = application.listing
    if (
        listing.status in CLOSED_LISTING_STATUSES
        and listing.closed_at is not None
        and listing.closed_at <= now - periods["applications"]
    ):
        return Applicant(label=label, hidden=True, withheld=True)
    if listing.anonymous_review and application.revealed_at is None:
        return Applicant(label=label, hidden=True)
    person = application.applicant
    ended_at = _application_ended_at(application) if application.status in ENDED_STATUSES else None
    if ended_at is not None and ended_at <= now - periods["applicant_contact"]:
        return Applicant(label=person.full_name, hidden=False, name=person.full_name, withheld=True)
    return Applicant(
        label=person.full_name,
        hidden=False,
        name=person.full_name,
        email=person.email,
        phone=person.phone,
    )


# The employer's dashboard: listings with how many applicants they have.


def with_applicant_counts(queryset: QuerySet[Listing]) -> QuerySet[Listing]:
    """Each listing with its number of applicants, and of those nobody has looked at yet."""
    return queryset.annotate(
        applicant_count=Count("applications", distinct=True),
        new_applicant_count=Count(
            "applications",
            filter=Q(applications__status=ApplicationStatus.SUBMITTED),
            distinct=True,
        ),
    )


def organisation_list_with_open_listings(*, viewer: User) -> QuerySet[Organisation]:
    """The viewer's organisations by name, each with `open_listings`: its draft and published
    listings with their applicant counts, the nearest deadline first."""
    open_listings = with_applicant_counts(
        Listing.objects.filter(status__in=OPEN_LISTING_STATUSES)
    ).order_by("deadline", "id")
    return (
        organisation_list(viewer=viewer)
        .order_by("name", "id")
        .prefetch_related(Prefetch("listings", queryset=open_listings, to_attr="open_listings"))
    )

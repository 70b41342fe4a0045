"""Reads about applications, scoped to who is asking."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Role, User
from applications.models import (
    ApplicantProfile,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ScreeningAnswer,
)
from listings.models import Listing


def _base() -> QuerySet[Application]:
    return Application.objects.select_related(
        "applicant__account_deletion", "listing__organisation"
    ).prefetch_related(
        Prefetch("answers", queryset=ScreeningAnswer.objects.select_related("question"))
    )


def _visible(viewer: User) -> Q:
    if viewer.role == Role.NEWCOMER:
        return Q(applicant=viewer)
    if viewer.role == Role.EMPLOYER:
        return Q(listing__organisation__memberships__user=viewer)
    if viewer.role == Role.GUIDE:
        return Q(applicant__newcomer_profile__guide=viewer)
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
    withheld: bool = False


def _account_deleted(person: User) -> bool:
    """The person deleted their account (privacy.AccountDeletion points at them)."""
    return hasattr(person, "account_deletion")


def applicant_for_employer(application: Application) -> Applicant:
    number = {"number": application.number}
    if _account_deleted(application.applicant):
        label = _("Applicant %(number)d (deleted account)") % number
        return Applicant(label=label, hidden=True, withheld=True)
    if application.status == ApplicationStatus.WITHDRAWN:
        label = _("Applicant %(number)d (withdrawn)") % number
        return Applicant(label=label, hidden=True, withheld=True)
    if application.listing.anonymous_review and application.revealed_at is None:
        label = _("Applicant %(number)d") % number
        return Applicant(label=label, hidden=True)
    person = application.applicant
    return Applicant(
        label=person.full_name,
        hidden=False,
        name=person.full_name,
        email=person.email,
        phone=person.phone,
    )

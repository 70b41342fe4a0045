"""Reads for guides, the veiledere who assign them, newcomers and employers, scoped to the viewer.

What a guide sees of a newcomer in their caseload:
- always: the name, the kommune, their own log of contacts, the suggestions and introductions
  made for the newcomer, and the message thread (the newcomer writes in it themselves);
- only while the newcomer shares with their guide (accounts.ConsentKind.GUIDE_SHARING):
  applications, interviews, offers, agreements and the development plan. A withdrawn consent takes
  effect at the next read: every query below checks it in the database, nothing is cached.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import ConsentKind, NewcomerProfile, Role, User
from accounts.selectors import consent_active, guide_sharing_allowed
from applications.models import Application, ApplicationStatus
from applications.services import OFFER_ANSWER_DAYS
from guidance.models import Contact, GuideMessage, Introduction, Suggestion
from listings.models import Listing, ListingStatus
from organisations.models import Membership, Organisation, PartnerApproval
from placements.models import FINAL_STATUSES, AgreementStatus, PlacementAgreement
from plans import selectors as plan_selectors
from plans.models import PlanStep

# Who needs attention: no application for this long, an interview or a placement's end this close.
IDLE_DAYS = 14
INTERVIEW_SOON_DAYS = 7
PLACEMENT_ENDING_DAYS = 30
OPEN_APPLICATION_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.OFFERED,
)


# Who may be a guide where.


def partner_organisations(*, kommune_ids: list[str]) -> QuerySet[Organisation]:
    """Organisations approved by one of the kommuner to let their staff be guides."""
    return Organisation.objects.filter(
        partner_approvals__kommune__in=kommune_ids, partner_approvals__revoked_at__isnull=True
    ).distinct()


def _partner_staff(kommune_ids: list[str]) -> Exists:
    """The person at `pk` belongs to an organisation approved by one of the kommuner."""
    return Exists(
        Membership.objects.filter(
            user=OuterRef("pk"),
            organisation__partner_approvals__revoked_at__isnull=True,
            organisation__partner_approvals__kommune__in=kommune_ids,
        )
    )


def guides_for_kommuner(*, kommune_ids: list[str]) -> QuerySet[User]:
    """Active people with the guide role who may follow newcomers of any of `kommune_ids`: the
    kommune's own staff, or staff of an organisation the kommune approved as a partner."""
    return (
        User.objects.filter(role=Role.GUIDE, is_active=True)
        .filter(Q(kommuner__in=kommune_ids) | Q(_partner_staff(kommune_ids)))
        .distinct()
        .order_by("full_name", "pk")
    )


def guide_may_follow(*, guide: User, kommune_id: str | None) -> bool:
    """Whether `guide` may follow a newcomer of `kommune_id` (newcomers without one: nobody)."""
    if kommune_id is None or guide.role != Role.GUIDE or not guide.is_active:
        return False
    return guides_for_kommuner(kommune_ids=[kommune_id]).filter(pk=guide.pk).exists()


def veileder_kommune_ids(*, viewer: User) -> list[str]:
    if viewer.role != Role.VEILEDER:
        return []
    return list(viewer.kommuner.values_list("pk", flat=True))


def newcomers_for_veileder(*, viewer: User) -> QuerySet[NewcomerProfile]:
    """The newcomers of the veileder's kommuner, with their guide, by name."""
    return (
        NewcomerProfile.objects.filter(
            kommune__in=veileder_kommune_ids(viewer=viewer), user__is_active=True
        )
        .select_related("user", "guide", "kommune")
        .order_by("user__full_name", "pk")
    )


def partner_approvals_for_veileder(*, viewer: User) -> QuerySet[PartnerApproval]:
    return (
        PartnerApproval.objects.filter(kommune__in=veileder_kommune_ids(viewer=viewer))
        .select_related("organisation", "kommune", "approved_by", "revoked_by")
        .order_by("revoked_at", "organisation__name", "-approved_at")
    )


# The caseload.


@dataclass
class CaseloadRow:
    """One newcomer of a guide's caseload and why they may need the guide now."""

    profile: NewcomerProfile
    shares: bool
    applications: list[Application] = field(default_factory=list)
    agreements: list[PlacementAgreement] = field(default_factory=list)
    interviews: list[Application] = field(default_factory=list)
    offers: list[tuple[Application, datetime.date]] = field(default_factory=list)
    deadlines: list[Suggestion] = field(default_factory=list)
    ending: list[PlacementAgreement] = field(default_factory=list)
    last_applied: datetime.datetime | None = None
    days_since_application: int | None = None
    unread: int = 0
    next_step: PlanStep | None = None
    overdue: list[PlanStep] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def newcomer(self) -> User:
        return self.profile.user

    @property
    def idle(self) -> bool:
        return self.shares and (
            self.days_since_application is None or self.days_since_application >= IDLE_DAYS
        )


def _unread_from_newcomers(newcomer_ids: list[int]) -> dict[int, int]:
    rows = (
        GuideMessage.objects.filter(newcomer__in=newcomer_ids, read_at__isnull=True)
        .filter(sender=F("newcomer"))
        .values("newcomer")
        .annotate(n=Count("pk"))
        .values_list("newcomer", "n")
    )
    return dict(rows)


def caseload(*, guide: User, now: datetime.datetime | None = None) -> list[CaseloadRow]:
    """The guide's caseload, who needs attention first.

    A fixed number of queries whatever its size: the profiles, then one query for each kind of
    thing shown (applications, agreements, suggestions, unread messages, plan steps).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if guide.role != Role.GUIDE:
        return []
    profiles = list(
        NewcomerProfile.objects.filter(guide=guide, user__is_active=True)
        .select_related("user", "kommune")
        .annotate(shares=guide_sharing_allowed("user"))
        .order_by("user__full_name", "pk")
    )
    sharing_ids = [p.user_id for p in profiles if p.shares]
    all_ids = [p.user_id for p in profiles]
    applications: dict[int, list[Application]] = {}
    for application in (
        Application.objects.filter(applicant__in=sharing_ids)
        .select_related("listing__organisation")
        .order_by("-submitted_at", "-id")
    ):
        applications.setdefault(application.applicant_id, []).append(application)
    agreements: dict[int, list[PlacementAgreement]] = {}
    for agreement in (
        PlacementAgreement.objects.filter(newcomer__in=sharing_ids)
        .exclude(status__in=FINAL_STATUSES)
        .select_related("organisation", "application__listing")
        .order_by("start_date", "id")
    ):
        agreements.setdefault(agreement.newcomer_id, []).append(agreement)
    suggestions: dict[int, list[Suggestion]] = {}
    for suggestion in (
        Suggestion.objects.filter(
            newcomer__in=all_ids,
            withdrawn_at__isnull=True,
            listing__status=ListingStatus.PUBLISHED,
            listing__deadline__gte=today,
        )
        .annotate(
            applied=Exists(
                Application.objects.filter(
                    listing=OuterRef("listing"), applicant=OuterRef("newcomer")
                )
            )
        )
        .filter(applied=False)
        .select_related("listing")
        .order_by("listing__deadline", "id")
    ):
        suggestions.setdefault(suggestion.newcomer_id, []).append(suggestion)
    unread = _unread_from_newcomers(all_ids)
    # Only of those who share with the guide: these two selectors do not scope themselves.
    next_steps = plan_selectors.next_steps(newcomers=sharing_ids)
    overdue = plan_selectors.overdue_steps(newcomers=sharing_ids, today=today)

    rows = []
    for profile in profiles:
        uid = profile.user_id
        row = CaseloadRow(profile=profile, shares=bool(profile.shares))
        row.unread = unread.get(uid, 0)
        row.deadlines = suggestions.get(uid, [])
        if row.shares:
            _fill_shared(
                row,
                applications=applications.get(uid, []),
                agreements=agreements.get(uid, []),
                now=now,
                today=today,
            )
            row.next_step = next_steps.get(uid)
            row.overdue = overdue.get(uid, [])
        _weigh(row)
        rows.append(row)
    rows.sort(
        key=lambda r: (
            -r.score,
            -(r.days_since_application if r.days_since_application is not None else 10_000)
            if r.shares
            else 0,
            r.newcomer.full_name.casefold(),
        )
    )
    return rows


def _fill_shared(
    row: CaseloadRow,
    *,
    applications: list[Application],
    agreements: list[PlacementAgreement],
    now: datetime.datetime,
    today: datetime.date,
) -> None:
    row.applications = applications
    row.agreements = agreements
    if applications:
        row.last_applied = max(a.submitted_at for a in applications)
        row.days_since_application = (today - timezone.localdate(row.last_applied)).days
    soon = now + datetime.timedelta(days=INTERVIEW_SOON_DAYS)
    row.interviews = sorted(
        (
            a
            for a in applications
            if a.status == ApplicationStatus.INTERVIEW
            and a.interview_at is not None
            and now <= a.interview_at <= soon
        ),
        key=lambda a: a.interview_at or now,
    )
    row.offers = [
        (a, timezone.localdate(a.offered_at) + datetime.timedelta(days=OFFER_ANSWER_DAYS))
        for a in applications
        if a.status == ApplicationStatus.OFFERED and a.offered_at is not None
    ]
    horizon = today + datetime.timedelta(days=PLACEMENT_ENDING_DAYS)
    row.ending = [
        a
        for a in agreements
        if a.status == AgreementStatus.RUNNING
        and a.end_date is not None
        and today <= a.end_date <= horizon
    ]


def _weigh(row: CaseloadRow) -> None:
    """The reasons, strongest first, and a score to sort the caseload by."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    reasons: list[tuple[int, str]] = []
    if row.unread:
        reasons.append(
            (
                4,
                ngettext("%(count)d unread message", "%(count)d unread messages", row.unread)
                % {"count": row.unread},
            )
        )
    if row.overdue:
        reasons.append(
            (
                3,
                ngettext(
                    "%(count)d plan step overdue", "%(count)d plan steps overdue", len(row.overdue)
                )
                % {"count": len(row.overdue)},
            )
        )
    if row.offers:
        reasons.append((3, _("An offer waits for an answer")))
    if row.interviews:
        reasons.append((2, _("Interview coming")))
    if row.idle:
        if row.days_since_application is None:
            reasons.append((2, _("Has not applied for anything yet")))
        else:
            reasons.append(
                (
                    2,
                    _("No application for %(days)d days") % {"days": row.days_since_application},
                )
            )
    if row.ending:
        reasons.append((1, _("Placement ends soon")))
    reasons.sort(key=lambda item: -item[0])
    row.reasons = [text for _weight, text in reasons]
    row.score = sum(weight for weight, _text in reasons)


def caseload_newcomer_get(*, guide: User, pk: int) -> NewcomerProfile:
    """One newcomer of the guide's caseload (with `shares`); DoesNotExist for anyone else's."""
    if guide.role != Role.GUIDE:
        raise NewcomerProfile.DoesNotExist
    return (
        NewcomerProfile.objects.select_related("user", "kommune", "guide")
        .annotate(shares=guide_sharing_allowed("user"))
        .get(user_id=pk, guide=guide, user__is_active=True)
    )


def shared_applications(*, profile: NewcomerProfile) -> list[Application]:
    """The newcomer's applications, if they share them with the guide now."""
    if not _shares_now(profile):
        return []
    return list(
        Application.objects.filter(applicant=profile.user_id)
        .select_related("listing__organisation")
        .order_by("-submitted_at", "-id")
    )


def shared_agreements(*, profile: NewcomerProfile) -> list[PlacementAgreement]:
    if not _shares_now(profile):
        return []
    return list(
        PlacementAgreement.objects.filter(newcomer=profile.user_id)
        .select_related("organisation", "application__listing")
        .order_by("-created_at", "-id")
    )


def _shares_now(profile: NewcomerProfile) -> bool:
    shares = getattr(profile, "shares", None)
    if shares is not None:
        return bool(shares)
    return newcomer_shares_with_guide(newcomer=profile.user)


def newcomer_shares_with_guide(*, newcomer: User) -> bool:
    return consent_active(user=newcomer, kind=ConsentKind.GUIDE_SHARING) is not None


# The record of one newcomer.


def contact_list(*, newcomer: User) -> QuerySet[Contact]:
    return Contact.objects.filter(newcomer=newcomer).select_related("by").order_by("-date", "-id")


def suggestion_list(*, newcomer: User) -> QuerySet[Suggestion]:
    """The open suggestions made to `newcomer`, newest first."""
    return (
        Suggestion.objects.filter(newcomer=newcomer, withdrawn_at__isnull=True)
        .select_related("listing__organisation", "by")
        .order_by("-created_at", "-id")
    )


def suggestion_for_listing(*, viewer: User | None, listing: Listing) -> Suggestion | None:
    """The viewer's own open suggestion of `listing`, to mark it "suggested by your guide"."""
    if viewer is None or viewer.role != Role.NEWCOMER:
        return None
    return (
        Suggestion.objects.filter(newcomer=viewer, listing=listing, withdrawn_at__isnull=True)
        .select_related("by")
        .first()
    )


def suggestable_listings(*, profile: NewcomerProfile) -> QuerySet[Listing]:
    """Published listings still open to applications, those in the newcomer's kommune first."""
    today = timezone.localdate()
    listings = Listing.objects.filter(
        status=ListingStatus.PUBLISHED, deadline__gte=today
    ).select_related("organisation", "kommune")
    return listings.order_by("deadline", "title", "pk")


def introduction_list(*, newcomer: User) -> QuerySet[Introduction]:
    return (
        Introduction.objects.filter(newcomer=newcomer)
        .select_related("organisation", "listing", "by")
        .order_by("-created_at", "-id")
    )


def introducible_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(verified=True, rejected_at__isnull=True).order_by(
        "name", "pk"
    )


def introduction_list_for_employer(*, viewer: User) -> QuerySet[Introduction]:
    """Introductions to the employer's organisations, newest first; nothing for anyone else."""
    if viewer.role != Role.EMPLOYER:
        return Introduction.objects.none()
    return (
        Introduction.objects.filter(
            organisation__in=Membership.objects.filter(user=viewer).values("organisation")
        )
        .select_related("newcomer", "organisation", "listing", "by")
        .order_by("-created_at", "-id")
    )


def introduction_get_for_employer(*, viewer: User, pk: int) -> Introduction:
    return introduction_list_for_employer(viewer=viewer).get(pk=pk)


# The thread.


def thread(*, newcomer: User) -> QuerySet[GuideMessage]:
    return (
        GuideMessage.objects.filter(newcomer=newcomer)
        .select_related("sender")
        .order_by("sent_at", "id")
    )


def newcomer_guide(*, newcomer: User) -> User | None:
    """The newcomer's guide now, if they have one."""
    profile = (
        NewcomerProfile.objects.filter(user=newcomer, guide__is_active=True)
        .select_related("guide")
        .first()
    )
    return profile.guide if profile is not None else None


# The weekly digest.


@dataclass(frozen=True)
class Digest:
    """How many of the guide's (sharing) newcomers are in each situation this week."""

    idle: int
    interviews: int
    ending: int
    overdue: int

    @property
    def empty(self) -> bool:
        return not (self.idle or self.interviews or self.ending or self.overdue)


def digest_for_guide(*, guide: User, now: datetime.datetime) -> Digest:
    rows = caseload(guide=guide, now=now)
    return Digest(
        idle=sum(1 for r in rows if r.idle),
        interviews=sum(1 for r in rows if r.interviews),
        ending=sum(1 for r in rows if r.ending),
        overdue=sum(1 for r in rows if r.overdue),
    )


def guides_with_caseload() -> QuerySet[User]:
    return User.objects.filter(
        role=Role.GUIDE,
        is_active=True,
        pk__in=NewcomerProfile.objects.filter(guide__isnull=False).values("guide"),
    ).order_by("pk")


__all__ = [
    "IDLE_DAYS",
    "OPEN_APPLICATION_STATUSES",
    "PLACEMENT_ENDING_DAYS",
    "CaseloadRow",
    "Digest",
]

"""Reads about placement agreements, scoped to who is asking."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Role, User
from accounts.selectors import guide_sharing_allowed
from organisations.models import Membership
from placements.models import (
    EDITABLE_STATUSES,
    AgreementEvent,
    AgreementStatus,
    PlacementAgreement,
)
from placements.parties import is_employer_party, is_newcomer_party, is_veileder_party

CASEWORKER_ROLES = (Role.VEILEDER, Role.BESLUTTER)


def _visible(viewer: User) -> Q:
    """The newcomer's own; the employer's organisations'; a guide's newcomers' who agreed to
    share with the guide; a caseworker's kommuner's; every agreement for a platform admin;
    nothing for anyone else."""
    if viewer.role == Role.NEWCOMER:
        return Q(newcomer=viewer)
    if viewer.role == Role.EMPLOYER:
        return Q(organisation__in=Membership.objects.filter(user=viewer).values("organisation_id"))
    if viewer.role == Role.GUIDE:
        # Only the newcomers who follow the guide and have agreed to share with them.
        return Q(newcomer__newcomer_profile__guide=viewer) & Q(guide_sharing_allowed("newcomer"))
    if viewer.role in CASEWORKER_ROLES:
        return Q(kommune__in=viewer.kommuner.values("pk"))
    if viewer.role == Role.ADMIN:
        return Q()
    return Q(pk__in=[])


def _base() -> QuerySet[PlacementAgreement]:
    return PlacementAgreement.objects.select_related(
        "newcomer",
        "organisation",
        "kommune",
        "application__listing",
        "newcomer_approved_by",
        "employer_approved_by",
        "veileder_approved_by",
    )


def agreement_list(
    *, viewer: User, status: str | None = None, kommune: str | None = None
) -> QuerySet[PlacementAgreement]:
    """The agreements the viewer may see, newest first, optionally by status and kommune."""
    agreements = _base().filter(_visible(viewer))
    if status:
        agreements = agreements.filter(status=status)
    if kommune:
        agreements = agreements.filter(kommune=kommune)
    return agreements.order_by("-created_at", "-id")


def agreement_get(*, viewer: User, pk: int, with_timeline: bool = False) -> PlacementAgreement:
    """One agreement, with its timeline (`events`) loaded if asked for;
    PlacementAgreement.DoesNotExist outside the scope."""
    agreements = _base().filter(_visible(viewer))
    if with_timeline:
        events = AgreementEvent.objects.select_related("by").order_by("at", "id")
        agreements = agreements.prefetch_related(Prefetch("events", queryset=events))
    return agreements.get(pk=pk)


def agreement_events(*, viewer: User, pk: int) -> QuerySet[AgreementEvent]:
    """An agreement's timeline, oldest first; the agreement must be in the viewer's scope."""
    agreement = PlacementAgreement.objects.filter(_visible(viewer)).only("pk").get(pk=pk)
    return (
        AgreementEvent.objects.filter(agreement=agreement).select_related("by").order_by("at", "id")
    )


def shows_on_behalf_reason(*, viewer: User) -> bool:
    """Why a newcomer could not approve themselves is theirs and the caseworkers' to know,
    not the employer's."""
    return viewer.role != Role.EMPLOYER


@dataclass(frozen=True)
class AgreementActions:
    """What the viewer may do with an agreement now; the services check it again."""

    approve: bool = False
    approve_on_behalf: bool = False
    edit_terms: bool = False
    submit: bool = False
    start: bool = False
    end: bool = False
    cancel: bool = False

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def may_edit_terms(*, agreement: PlacementAgreement, viewer: User) -> bool:
    return is_employer_party(agreement=agreement, user=viewer) or is_veileder_party(
        agreement=agreement, user=viewer
    )


def agreement_actions(*, agreement: PlacementAgreement, viewer: User) -> AgreementActions:
    status = agreement.status
    newcomer = is_newcomer_party(agreement=agreement, user=viewer)
    employer = not newcomer and is_employer_party(agreement=agreement, user=viewer)
    veileder = not (newcomer or employer) and is_veileder_party(agreement=agreement, user=viewer)
    awaiting = status == AgreementStatus.AWAITING_APPROVALS
    both_approved = bool(agreement.newcomer_approved_at and agreement.employer_approved_at)
    return AgreementActions(
        approve=awaiting
        and (
            (newcomer and not agreement.newcomer_approved_at)
            or (employer and not agreement.employer_approved_at)
            or (veileder and both_approved and not agreement.veileder_approved_at)
        ),
        approve_on_behalf=awaiting and veileder and not agreement.newcomer_approved_at,
        edit_terms=(employer or veileder) and status in EDITABLE_STATUSES,
        submit=(employer or veileder) and status == AgreementStatus.DRAFT,
        start=veileder and status == AgreementStatus.READY,
        end=veileder and status == AgreementStatus.RUNNING,
        cancel=(newcomer or employer or veileder) and not agreement.is_final,
    )

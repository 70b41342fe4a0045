"""Writes for establishment guides: assigning and handing over newcomers, the contact log,
suggestions, introductions to employers, the message thread, and which organisations a kommune
approves as guide partners.

Every message to a person goes through the notifications outbox, rendered in the recipient's
language; a message's text is never put in a notification.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import NewcomerProfile, Role, User
from common.errors import Conflict, NotAllowed
from common.validators import reject_nul
from guidance import notify, selectors
from guidance.models import (
    Contact,
    GuideAssignment,
    GuideMessage,
    Introduction,
    IntroductionStatus,
    Suggestion,
)
from listings.models import Listing, ListingStatus
from organisations.models import Membership, Organisation, PartnerApproval
from reference.models import Kommune

# Assigning and handing over.


def _check_veileder(by: User) -> set[str]:
    if by.role != Role.VEILEDER or not by.is_active:
        raise NotAllowed(_("Only a veileder assigns newcomers to guides."), code="not_veileder")
    return set(selectors.veileder_kommune_ids(viewer=by))


@transaction.atomic
def guides_assign(
    *, newcomers: Sequence[User], guide: User, by: User, now: datetime.datetime | None = None
) -> list[GuideAssignment]:
    """Give `newcomers` to `guide`, one step for all of them: the new guide sees each one's whole
    record (contacts, suggestions, introductions, messages) at once, the former guide no longer
    does, and each newcomer is told who their guide now is. Newcomers who already have this
    guide are left as they are. Returns the assignments made."""
    now = now or timezone.now()
    kommuner = _check_veileder(by)
    if not newcomers:
        raise ValidationError({"newcomers": _("Choose at least one newcomer.")})
    profiles = list(
        NewcomerProfile.objects.select_for_update(of=("self",))
        .filter(user__in=[n.pk for n in newcomers])
        .select_related("user", "guide")
        .order_by("pk")
    )
    if len(profiles) != len({n.pk for n in newcomers}):
        raise ValidationError({"newcomers": _("Only newcomers can have an establishment guide.")})
    for profile in profiles:
        if profile.kommune_id not in kommuner:
            raise NotAllowed(
                _("You can only assign newcomers of the kommuner you serve."),
                code="outside_kommune",
            )
        if not selectors.guide_may_follow(guide=guide, kommune_id=profile.kommune_id):
            raise ValidationError(
                {
                    "guide": _(
                        "%(name)s is not a guide for %(kommune)s: kommune staff with the guide "
                        "role, or staff of a partner organisation the kommune approved."
                    )
                    % {"name": guide.full_name, "kommune": profile.kommune}
                }
            )
    made: list[GuideAssignment] = []
    for profile in profiles:
        if profile.guide_id == guide.pk:
            continue
        previous = profile.guide
        profile.guide = guide
        profile.save(update_fields=["guide"])
        made.append(
            GuideAssignment.objects.create(
                newcomer=profile.user, guide=guide, previous_guide=previous, by=by, at=now
            )
        )
    notify.guide_assigned(assignments=made, now=now)
    return made


@transaction.atomic
def caseload_hand_over(
    *,
    from_guide: User,
    to_guide: User,
    by: User,
    newcomer: User | None = None,
    now: datetime.datetime | None = None,
) -> list[GuideAssignment]:
    """Hand `from_guide`'s whole caseload in the veileder's kommuner (or only `newcomer`) to
    `to_guide`, in one step."""
    kommuner = _check_veileder(by)
    if from_guide.pk == to_guide.pk:
        raise ValidationError({"to_guide": _("Choose another guide to hand over to.")})
    profiles = NewcomerProfile.objects.filter(guide=from_guide, kommune__in=kommuner)
    if newcomer is not None:
        profiles = profiles.filter(user=newcomer)
    newcomers = [p.user for p in profiles.select_related("user").order_by("pk")]
    if not newcomers:
        raise ValidationError(
            {
                "newcomer" if newcomer is not None else "from_guide": _(
                    "This guide follows no newcomer of your kommuner to hand over."
                )
            }
        )
    return guides_assign(newcomers=newcomers, guide=to_guide, by=by, now=now)


# The guide's work with one newcomer.


def _check_guide_of(*, newcomer: User, by: User) -> NewcomerProfile:
    """The newcomer's profile, if `by` is their guide now; NotAllowed otherwise."""
    profile = (
        NewcomerProfile.objects.filter(user=newcomer, guide=by, guide__role=Role.GUIDE)
        .select_related("user")
        .first()
    )
    if profile is None or not by.is_active:
        raise NotAllowed(_("Only the newcomer's own guide can do this."), code="not_their_guide")
    return profile


def _clean_text(value: str, *, field: str, required: bool = False) -> str:
    text = (value or "").strip()
    try:
        reject_nul(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if required and not text:
        raise ValidationError({field: _("Write something first.")})
    return text


def _full_clean(instance: Contact | Suggestion | Introduction | GuideMessage) -> None:
    instance.full_clean(exclude=["newcomer", "by", "sender", "listing", "organisation"])


@transaction.atomic
def contact_add(
    *, newcomer: User, by: User, date: datetime.date, kind: str, note: str = ""
) -> Contact:
    """Log a meeting or contact with the newcomer."""
    _check_guide_of(newcomer=newcomer, by=by)
    if date > timezone.localdate():
        raise ValidationError({"date": _("A contact is logged after it happened: not in future.")})
    contact = Contact(
        newcomer=newcomer, by=by, date=date, kind=kind, note=_clean_text(note, field="note")
    )
    _full_clean(contact)
    contact.save()
    return contact


@transaction.atomic
def suggestion_create(*, newcomer: User, listing: Listing, by: User, note: str = "") -> Suggestion:
    """Suggest a listing to the newcomer; they see it marked "suggested by your guide"."""
    _check_guide_of(newcomer=newcomer, by=by)
    if listing.status != ListingStatus.PUBLISHED or listing.deadline < timezone.localdate():
        raise ValidationError({"listing": _("Only open listings can be suggested.")})
    suggestion = Suggestion(
        newcomer=newcomer, listing=listing, by=by, note=_clean_text(note, field="note")
    )
    _full_clean(suggestion)
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        raise Conflict(
            _("This listing is suggested to the person already."), code="already_suggested"
        ) from None
    notify.suggestion_made(suggestion=suggestion)
    return suggestion


@transaction.atomic
def suggestion_withdraw(*, suggestion: Suggestion, by: User) -> Suggestion:
    _check_guide_of(newcomer=suggestion.newcomer, by=by)
    if suggestion.withdrawn_at is None:
        suggestion.withdrawn_at = timezone.now()
        suggestion.save(update_fields=["withdrawn_at"])
    return suggestion


@transaction.atomic
def introduction_create(
    *,
    newcomer: User,
    organisation: Organisation,
    by: User,
    note: str,
    listing: Listing | None = None,
) -> Introduction:
    """Introduce the newcomer to an employer with a note. It tells the employer who the newcomer
    is, so only while the newcomer shares with their guide."""
    _check_guide_of(newcomer=newcomer, by=by)
    if not selectors.newcomer_shares_with_guide(newcomer=newcomer):
        raise Conflict(
            _(
                "The newcomer does not share their information with you, so you cannot "
                "introduce them."
            ),
            code="not_sharing",
        )
    if not organisation.verified or organisation.is_rejected:
        raise ValidationError({"organisation": _("Only verified employers can be introduced to.")})
    if listing is not None and listing.organisation_id != organisation.pk:
        raise ValidationError({"listing": _("The listing must be one of this employer's.")})
    introduction = Introduction(
        newcomer=newcomer,
        organisation=organisation,
        listing=listing,
        by=by,
        note=_clean_text(note, field="note", required=True),
    )
    _full_clean(introduction)
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError:
        raise Conflict(
            _("The person is introduced to this employer already and waits for an answer."),
            code="already_introduced",
        ) from None
    notify.introduction_made(introduction=introduction)
    return introduction


@transaction.atomic
def introduction_answer(*, introduction: Introduction, by: User, welcome: bool) -> Introduction:
    """The employer answers an introduction: they want to meet the person, or not."""
    if not Membership.objects.filter(organisation=introduction.organisation, user=by).exists():
        raise NotAllowed(_("Only the employer's people answer an introduction."))
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if introduction.status != IntroductionStatus.SENT:
        raise Conflict(_("This introduction is answered already."), code="already_answered")
    introduction.status = IntroductionStatus.WELCOMED if welcome else IntroductionStatus.DECLINED
    introduction.answered_by = by
    introduction.answered_at = timezone.now()
    introduction.save(update_fields=["status", "answered_by", "answered_at"])
    notify.introduction_answered(introduction=introduction)
    return introduction


# The thread.


@transaction.atomic
def message_send(*, newcomer: User, sender: User, body: str) -> GuideMessage:
    """A message in the newcomer's thread, from the newcomer or from their guide. The other is
    told that a message waits, with a link, never with the text."""
    guide = selectors.newcomer_guide(newcomer=newcomer)
    if guide is None:
        raise Conflict(_("There is no guide to write to yet."), code="no_guide")
    if sender.pk not in (newcomer.pk, guide.pk):
        raise NotAllowed(_("Only the newcomer and their guide write in this thread."))
    message = GuideMessage(
        newcomer=newcomer, sender=sender, body=_clean_text(body, field="body", required=True)
    )
    _full_clean(message)
    message.save()
    recipient = guide if sender.pk == newcomer.pk else newcomer
    notify.message_sent(message=message, recipient=recipient)
    return message


@transaction.atomic
def thread_mark_read(*, newcomer: User, reader: User) -> int:
    """Mark the messages `reader` received in the newcomer's thread as read."""
    return (
        GuideMessage.objects.filter(newcomer=newcomer, read_at__isnull=True)
        .exclude(sender=reader)
        .update(read_at=timezone.now())
    )


# Partner organisations.


def _check_veileder_of(*, kommune: Kommune, by: User) -> None:
    if kommune.pk not in _check_veileder(by):
        raise NotAllowed(
            _("Only a veileder of the kommune approves its guide partners."),
            code="outside_kommune",
        )


@transaction.atomic
def partner_approve(*, organisation: Organisation, kommune: Kommune, by: User) -> PartnerApproval:
    """The kommune lets the organisation's staff with the guide role be guides for it."""
    _check_veileder_of(kommune=kommune, by=by)
    if not organisation.verified or organisation.is_rejected:
        raise ValidationError(
            {"organisation": _("Only a verified organisation can become a guide partner.")}
        )
    approval = PartnerApproval(organisation=organisation, kommune=kommune, approved_by=by)
    try:
        with transaction.atomic():
            approval.save()
    except IntegrityError:
        raise Conflict(
            _("This organisation is approved for the kommune already."), code="already_approved"
        ) from None
    return approval


@transaction.atomic
def partner_revoke(*, approval: PartnerApproval, by: User) -> PartnerApproval:
    """End an approval. Refused while the organisation's staff still follow newcomers of the
    kommune who have no other way to be theirs: hand those over first."""
    _check_veileder_of(kommune=approval.kommune, by=by)
    approval = PartnerApproval.objects.select_for_update().get(pk=approval.pk)
    if approval.revoked_at is not None:
        return approval
    staff = Membership.objects.filter(organisation=approval.organisation_id).values("user")
    others = (
        PartnerApproval.objects.active()
        .filter(kommune=approval.kommune_id)
        .exclude(pk=approval.pk)
        .values("organisation")
    )
    still_guides = User.objects.filter(
        Q(kommuner=approval.kommune_id) | Q(memberships__organisation__in=others)
    ).values("pk")
    followed = NewcomerProfile.objects.filter(guide__in=staff, kommune=approval.kommune_id).exclude(
        guide__in=still_guides
    )
    if followed.exists():
        raise Conflict(
            _(
                "People of this organisation still follow newcomers of the kommune. Hand them "
                "over to another guide first."
            ),
            code="partner_has_caseload",
        )
    approval.revoked_at = timezone.now()
    approval.revoked_by = by
    approval.save(update_fields=["revoked_at", "revoked_by"])
    return approval


# Deleting an account.


def guidance_forget(*, user: User) -> None:
    """What deleting `user`'s account does here: a newcomer's record with their guides goes; a
    guide's or an employer's name is cleared from what they did in other people's records."""
    Contact.objects.filter(newcomer=user).delete()
    Suggestion.objects.filter(newcomer=user).delete()
    Introduction.objects.filter(newcomer=user).delete()
    GuideMessage.objects.filter(newcomer=user).delete()
    GuideAssignment.objects.filter(newcomer=user).delete()

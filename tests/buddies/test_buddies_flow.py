"""A match's life: proposed by a coordinator, accepted by both (or declined), check-ins with a
reminder, ended with a reason and matched again; each step told to both in their own language."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from buddies import selectors, services
from buddies.models import BuddyMatch, EndReason, MatchStatus, Volunteer, VolunteerStatus
from buddies.reminders import scan_buddy_checkins
from common.errors import Conflict, NotAllowed
from notifications.messages import render
from notifications.models import Channel, Kind, Notification
from tests.buddies.conftest import make_request, make_volunteer
from tests.factories import NewcomerFactory

pytestmark = pytest.mark.django_db


def _in_app(user: User, kind: str) -> list[Notification]:
    return list(
        Notification.objects.filter(recipient=user, kind=kind, channel=Channel.IN_APP).order_by(
            "pk"
        )
    )


def test_a_volunteer_waits_for_a_coordinator_of_their_kommune(
    coordinator: User, veileder_bergen: User
) -> None:
    volunteer = make_volunteer()
    assert volunteer.status == VolunteerStatus.PENDING
    with pytest.raises(NotAllowed):
        services.volunteer_decide(volunteer=volunteer, by=veileder_bergen, approve=True)
    volunteer = services.volunteer_decide(volunteer=volunteer, by=coordinator, approve=True)
    assert volunteer.status == VolunteerStatus.APPROVED
    (note,) = _in_app(volunteer.user, Kind.BUDDY_VOLUNTEER_DECIDED)
    with translation.override(volunteer.user.language):
        assert render(note).title == gettext("You are approved as a buddy")


def test_a_bydel_must_belong_to_the_kommune() -> None:
    with pytest.raises(ValidationError) as refused:
        make_volunteer(kommune="4601", bydel="030111")
    assert "bydel" in refused.value.message_dict


def test_the_coordinator_proposes_and_both_accept(
    proposed: BuddyMatch, volunteer: Volunteer, seeker: User
) -> None:
    assert proposed.status == MatchStatus.PROPOSED
    assert proposed.score_parts[0]["code"] == "languages"
    assert _in_app(seeker, Kind.BUDDY_PROPOSED) and _in_app(volunteer.user, Kind.BUDDY_PROPOSED)

    match = services.match_accept(match=proposed, by=seeker, shares=["phone"])
    assert match.status == MatchStatus.PROPOSED
    with pytest.raises(Conflict):
        services.match_accept(match=match, by=seeker, shares=["phone"])
    match = services.match_accept(match=match, by=volunteer.user, shares=["email"])
    assert match.status == MatchStatus.ACTIVE
    assert match.horizon_on == timezone.localdate() + datetime.timedelta(days=183)
    assert _in_app(seeker, Kind.BUDDY_MATCHED) and _in_app(volunteer.user, Kind.BUDDY_MATCHED)


def test_accepting_asks_for_a_way_to_meet(proposed: BuddyMatch, seeker: User) -> None:
    with pytest.raises(ValidationError) as refused:
        services.match_accept(match=proposed, by=seeker, shares=["full_name"])
    assert "shares" in refused.value.message_dict
    seeker.email = None
    seeker.save(update_fields=["email"])
    with pytest.raises(ValidationError):
        services.match_accept(match=proposed, by=seeker, shares=["email"])


def test_only_the_two_accept_or_decline(proposed: BuddyMatch, coordinator: User) -> None:
    with pytest.raises(NotAllowed):
        services.match_accept(match=proposed, by=coordinator, shares=["email"])
    with pytest.raises(NotAllowed):
        services.match_decline(match=proposed, by=coordinator)


def test_a_decline_tells_the_other_and_frees_both(
    proposed: BuddyMatch, volunteer: Volunteer, seeker: User, coordinator: User
) -> None:
    services.match_decline(match=proposed, by=seeker)
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.DECLINED
    assert _in_app(volunteer.user, Kind.BUDDY_DECLINED)
    assert not _in_app(seeker, Kind.BUDDY_DECLINED)
    # The same pair is never proposed again; someone else is.
    assert selectors.proposal_list(viewer=coordinator) == []
    with pytest.raises(Conflict):
        services.match_propose(by=coordinator, volunteer=volunteer.user, newcomer=seeker)
    other = make_volunteer(name="Lars Holm", languages=["ar"], approve_by=coordinator)
    (row,) = selectors.proposal_list(viewer=coordinator)
    assert row.volunteer.user_id == other.user_id


def test_no_language_in_common_is_refused_even_by_hand(coordinator: User, seeker: User) -> None:
    per = make_volunteer(name="Per Lie", languages=["uk"], approve_by=coordinator)
    with pytest.raises(ValidationError) as refused:
        services.match_propose(by=coordinator, volunteer=per.user, newcomer=seeker)
    assert "volunteer" in refused.value.message_dict
    assert not BuddyMatch.objects.exists()


def test_one_open_match_each(proposed: BuddyMatch, coordinator: User, seeker: User) -> None:
    other = make_volunteer(name="Lars Holm", languages=["ar"], approve_by=coordinator)
    with pytest.raises(Conflict):
        services.match_propose(by=coordinator, volunteer=other.user, newcomer=seeker)


def test_ending_and_matching_again(
    active: BuddyMatch, coordinator: User, volunteer: Volunteer, seeker: User
) -> None:
    with pytest.raises(ValidationError):
        services.match_end(match=active, by=seeker, reason="bored")
    ended = services.match_end(match=active, by=seeker, reason=EndReason.NOT_A_FIT)
    assert ended.status == MatchStatus.ENDED and ended.end_reason == EndReason.NOT_A_FIT
    assert _in_app(seeker, Kind.BUDDY_ENDED) and _in_app(volunteer.user, Kind.BUDDY_ENDED)
    with pytest.raises(Conflict):
        services.match_end(match=ended, by=seeker, reason=EndReason.OTHER)

    # Both are free again: each is proposed to someone new, never to each other.
    yonas = NewcomerFactory(full_name="Yonas Tesfay", language="ti")
    make_request(yonas, languages=["ar", "ti"])
    lars = make_volunteer(name="Lars Holm", languages=["ar"], approve_by=coordinator)
    pairs = {
        (r.volunteer.user_id, r.request.user_id)
        for r in selectors.proposal_list(viewer=coordinator)
    }
    assert (volunteer.user_id, seeker.pk) not in pairs
    assert {(lars.user_id, seeker.pk), (volunteer.user_id, yonas.pk)} <= pairs
    again = services.match_propose(by=coordinator, volunteer=lars.user, newcomer=seeker)
    assert again.status == MatchStatus.PROPOSED


def test_the_coordinator_may_end_a_match_and_write_check_ins(
    active: BuddyMatch, coordinator: User, veileder_bergen: User
) -> None:
    checkin = services.checkin_add(
        match=active, by=coordinator, happened_on=timezone.localdate(), note="Talked to both."
    )
    assert checkin.author_role == "coordinator"
    with pytest.raises(NotAllowed):
        services.checkin_add(
            match=active, by=veileder_bergen, happened_on=timezone.localdate(), note="Hei"
        )
    with pytest.raises(NotAllowed):
        services.match_end(match=active, by=veileder_bergen, reason=EndReason.OTHER)
    services.match_end(match=active, by=coordinator, reason=EndReason.COMPLETED)


def test_check_ins_are_dated_and_plain(active: BuddyMatch, seeker: User) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.checkin_add(match=active, by=seeker, happened_on=tomorrow, note="Kaffe")
    assert "happened_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.checkin_add(
            match=active, by=seeker, happened_on=timezone.localdate(), note="<b>hei</b>"
        )
    assert "note" in refused.value.message_dict


def test_a_check_in_reminder_after_a_month_without_one(
    active: BuddyMatch, volunteer: Volunteer, seeker: User
) -> None:
    now = timezone.now()
    assert scan_buddy_checkins(now=now) == 0
    later = now + datetime.timedelta(days=31)
    assert scan_buddy_checkins(now=later) == 2
    assert scan_buddy_checkins(now=later) == 0  # once per month without a check-in
    assert _in_app(seeker, Kind.BUDDY_CHECKIN_DUE)
    assert _in_app(volunteer.user, Kind.BUDDY_CHECKIN_DUE)
    assert scan_buddy_checkins(now=now + datetime.timedelta(days=61)) == 2  # and again


def test_a_check_in_starts_the_month_again(active: BuddyMatch, seeker: User) -> None:
    now = timezone.now()
    BuddyMatch.objects.filter(pk=active.pk).update(started_at=now - datetime.timedelta(days=40))
    active.refresh_from_db()
    services.checkin_add(match=active, by=seeker, happened_on=timezone.localdate(), note="Tur")
    assert scan_buddy_checkins(now=now) == 0
    assert scan_buddy_checkins(now=now + datetime.timedelta(days=31)) == 2


def test_the_horizon_is_told_once(active: BuddyMatch, seeker: User) -> None:
    after = timezone.now() + datetime.timedelta(days=190)
    scan_buddy_checkins(now=after)
    scan_buddy_checkins(now=after + datetime.timedelta(days=1))
    assert len(_in_app(seeker, Kind.BUDDY_HORIZON)) == 1


def test_both_are_told_in_their_own_language(coordinator: User, seeker: User) -> None:
    """The newcomer reads Arabic, the volunteer Ukrainian; the names are first names only."""
    olena = make_volunteer(
        name="Olena Kovalenko", languages=["ar", "uk"], language="uk", approve_by=coordinator
    )
    match = services.match_propose(by=coordinator, volunteer=olena.user, newcomer=seeker)
    (to_newcomer,) = _in_app(seeker, Kind.BUDDY_PROPOSED)
    (to_volunteer,) = _in_app(olena.user, Kind.BUDDY_PROPOSED)
    for note, language, other_first in ((to_newcomer, "ar", "Olena"), (to_volunteer, "uk", "Amal")):
        with translation.override(language):
            title = gettext("A buddy is proposed to you")
        assert title != "A buddy is proposed to you", f"no {language} translation"
        message = render(note)
        assert message.title == title
        assert other_first in message.text
        assert "Kovalenko" not in message.text and "Haddad" not in message.text
    services.match_accept(match=match, by=seeker, shares=["phone"])
    services.match_accept(match=match, by=olena.user, shares=["email"])
    (done,) = _in_app(seeker, Kind.BUDDY_MATCHED)
    with translation.override("ar"):
        assert render(done).title == gettext("You have a buddy") != "You have a buddy"


def test_a_newcomer_who_stops_asking_declines_what_waits(
    proposed: BuddyMatch, seeker: User, volunteer: Volunteer
) -> None:
    request = seeker.buddy_request
    services.buddy_request_save(
        user=seeker,
        active=False,
        languages=request.languages,
        interests=request.interests,
        kommune=request.kommune,
        bydel=request.bydel,
        availability=request.availability,
    )
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.DECLINED
    assert _in_app(volunteer.user, Kind.BUDDY_DECLINED)


def test_a_paused_volunteer_is_not_proposed(coordinator: User, seeker: User) -> None:
    tone = make_volunteer(approve_by=coordinator)
    assert selectors.proposal_list(viewer=coordinator)
    services.volunteer_save(
        user=tone.user,
        languages=tone.languages,
        interests=tone.interests,
        kommune=tone.kommune,
        bydel=tone.bydel,
        availability=tone.availability,
        available=False,
    )
    assert selectors.proposal_list(viewer=coordinator) == []


def test_only_a_veileder_of_the_kommune_appoints(
    veileder_bergen: User, guide: User, employer: User, veileder: User
) -> None:
    from reference.models import Kommune

    oslo = Kommune.objects.get(number="0301")
    with pytest.raises(NotAllowed):
        services.coordinator_appoint(by=veileder_bergen, user=guide, kommune=oslo)
    with pytest.raises(ValidationError):
        services.coordinator_appoint(by=veileder, user=employer, kommune=oslo)
    services.coordinator_appoint(by=veileder, user=guide, kommune=oslo)
    assert selectors.coordinated_kommuner(viewer=guide) == {"0301"}

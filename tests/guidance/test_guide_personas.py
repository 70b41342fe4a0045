"""Persona tests for the guide's workspace: a guide sees only their caseload and only what the
newcomer shares; a withdrawn consent takes effect at once; a handover moves everything and tells
the newcomer; a veileder of another kommune cannot assign."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import NewcomerProfile, User
from applications.models import ApplicationStatus
from common.errors import NotAllowed
from guidance import selectors, services
from guidance.models import ContactKind, GuideAssignment
from listings.models import Listing
from notifications import messages
from notifications.models import Channel, Kind, Notification
from plans.models import StepStatus
from tests.conftest import login
from tests.factories import ApplicationFactory, ListingFactory, NewcomerFactory
from tests.guidance.conftest import follow
from tests.plans.factories import PlanFactory, StepFactory

pytestmark = pytest.mark.django_db


def _page(client: Client, name: str, *args: object) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_guide_sees_only_their_caseload(
    guide: User, sharing: User, private: User, someone_elses: User
) -> None:
    rows = selectors.caseload(guide=guide)
    assert {row.newcomer for row in rows} == {sharing, private}
    client = login(Client(), guide)
    html = _page(client, "guidance:caseload")
    assert sharing.full_name in html and private.full_name in html
    assert someone_elses.full_name not in html
    # Another guide's newcomer is not found, on the page and in the API.
    assert client.get(reverse("guidance:newcomer", args=[someone_elses.pk])).status_code == 404
    assert client.get(reverse("guidance:thread", args=[someone_elses.pk])).status_code == 404
    api = client.get(reverse("api-guide-contact-list", args=[someone_elses.pk]))
    assert api.status_code == 404
    assert [r["newcomer"]["id"] for r in client.get(reverse("api-caseload-list")).json()] != []
    assert someone_elses.pk not in [
        r["newcomer"]["id"] for r in client.get(reverse("api-caseload-list")).json()
    ]


def test_a_guide_sees_applications_and_plan_only_of_those_who_share(
    guide: User, sharing: User, private: User, listing: Listing
) -> None:
    ApplicationFactory(listing=listing, applicant=sharing)
    other = ApplicationFactory(
        listing=ListingFactory(organisation=listing.organisation, title="Lagerarbeider i Alna"),
        applicant=private,
    )
    StepFactory(plan=PlanFactory(newcomer=sharing), title="Norskkurs B1 hos Oslo VO")
    StepFactory(plan=PlanFactory(newcomer=private), title="Førerkort klasse B")
    rows = {row.newcomer: row for row in selectors.caseload(guide=guide)}
    assert rows[sharing].shares and [a.listing for a in rows[sharing].applications] == [listing]
    assert rows[sharing].next_step is not None
    assert not rows[private].shares
    assert rows[private].applications == [] and rows[private].next_step is None

    client = login(Client(), guide)
    html = _page(client, "guidance:caseload")
    assert listing.title in html and "Norskkurs B1 hos Oslo VO" in html
    assert other.listing.title not in html and "Førerkort klasse B" not in html
    private_page = _page(client, "guidance:newcomer", private.pk)
    assert 'id="applications-heading"' not in private_page
    assert "Førerkort klasse B" not in private_page
    shared_page = _page(client, "guidance:newcomer", sharing.pk)
    assert "Norskkurs B1 hos Oslo VO" in shared_page
    api = client.get(reverse("api-caseload-detail", args=[private.pk])).json()
    assert api["shares"] is False and api["applications"] == [] and api["next_step"] is None


def test_a_withdrawn_consent_takes_effect_at_once(
    guide: User, sharing: User, listing: Listing
) -> None:
    ApplicationFactory(listing=listing, applicant=sharing)
    StepFactory(plan=PlanFactory(newcomer=sharing), title="Arbeidspraksis i barnehage")
    client = login(Client(), guide)
    assert listing.title in _page(client, "guidance:newcomer", sharing.pk)

    # The newcomer withdraws on their profile page; the guide's next request shows nothing more.
    newcomer_client = login(Client(), sharing)
    newcomer_client.post(reverse("account_guide_sharing"), {})
    assert (
        not NewcomerProfile.objects.filter(user=sharing)
        .filter(selectors.guide_sharing_allowed("user"))
        .exists()
    )
    page = _page(client, "guidance:newcomer", sharing.pk)
    assert 'id="applications-heading"' not in page and "Arbeidspraksis i barnehage" not in page
    assert listing.title not in _page(client, "guidance:caseload")
    api = client.get(reverse("api-caseload-detail", args=[sharing.pk])).json()
    assert api["applications"] == [] and api["shares"] is False
    # Introducing the newcomer to an employer shares who they are: refused without consent.
    refused = client.post(
        reverse("api-guide-introduction-list", args=[sharing.pk]),
        {"organisation": listing.organisation_id, "note": "Flink og punktlig."},
        content_type="application/json",
    )
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_sharing"


def test_a_handover_moves_everything_and_tells_the_newcomer(
    guide: User, guide_b: User, veileder: User, sharing: User, private: User, listing: Listing
) -> None:
    services.contact_add(
        newcomer=sharing,
        by=guide,
        date=timezone.localdate(),
        kind=ContactKind.MEETING,
        note="Snakket om bakeryrket",
    )
    services.suggestion_create(newcomer=sharing, listing=listing, by=guide)
    services.introduction_create(
        newcomer=sharing, organisation=listing.organisation, by=guide, note="Erfaren baker."
    )
    services.message_send(newcomer=sharing, sender=sharing, body="Hei, når møtes vi?")

    client = Client()
    login(client, veileder)
    response = client.post(
        reverse("guidance:hand_over"),
        {"handover-from_guide": guide.pk, "handover-to_guide": guide_b.pk},
    )
    assert response.status_code == 302

    # Both newcomers now follow guide_b; the old guide sees none of them.
    assert set(NewcomerProfile.objects.filter(guide=guide_b).values_list("user", flat=True)) == {
        sharing.pk,
        private.pk,
    }
    assert selectors.caseload(guide=guide) == []
    old = login(Client(), guide)
    assert old.get(reverse("guidance:newcomer", args=[sharing.pk])).status_code == 404
    # The new guide sees the whole record at once.
    new = login(Client(), guide_b)
    page = _page(new, "guidance:newcomer", sharing.pk)
    assert "Snakket om bakeryrket" in page and listing.title in page and "Erfaren baker." in page
    assert "Hei, når møtes vi?" in _page(new, "guidance:thread", sharing.pk)
    # The newcomer answers the new guide in the same thread.
    services.message_send(newcomer=sharing, sender=guide_b, body="Velkommen! Jeg er Guri.")
    # Each newcomer is told, in their own language, who their guide now is.
    assert GuideAssignment.objects.filter(guide=guide_b, previous_guide=guide).count() == 2
    told = Notification.objects.get(
        recipient=sharing, kind=Kind.GUIDE_ASSIGNED, channel=Channel.IN_APP
    )
    message = messages.render(told)
    assert guide_b.full_name in message.text
    assert message.text != messages.render(told, language="en").text  # Arabic, not English
    assert Notification.objects.filter(recipient=private, kind=Kind.GUIDE_ASSIGNED).exists()


def test_a_handover_of_one_newcomer(
    guide: User, guide_b: User, veileder: User, sharing: User, private: User
) -> None:
    made = services.caseload_hand_over(
        from_guide=guide, to_guide=guide_b, newcomer=private, by=veileder
    )
    assert [a.newcomer for a in made] == [private]
    assert NewcomerProfile.objects.get(user=sharing).guide == guide
    assert NewcomerProfile.objects.get(user=private).guide == guide_b


def test_another_kommunes_veileder_cannot_assign(
    guide: User, guide_b: User, veileder_bergen: User, sharing: User
) -> None:
    with pytest.raises(NotAllowed):
        services.guides_assign(newcomers=[sharing], guide=guide_b, by=veileder_bergen)
    with pytest.raises(ValidationError):
        services.caseload_hand_over(from_guide=guide, to_guide=guide_b, by=veileder_bergen)
    client = login(Client(), veileder_bergen)
    page = client.post(
        reverse("guidance:assign"),
        {"assign-newcomers": [sharing.pk], "assign-guide": guide_b.pk},
    )
    assert page.status_code == 400
    api = client.post(
        reverse("api-guide-assignments"),
        {"newcomers": [sharing.pk], "guide": guide_b.pk},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert NewcomerProfile.objects.get(user=sharing).guide == guide
    assert not Notification.objects.filter(kind=Kind.GUIDE_ASSIGNED).exists()
    # Nor can a guide, an employer or the newcomer assign.
    for person in (guide, sharing):
        with pytest.raises(NotAllowed):
            services.guides_assign(newcomers=[sharing], guide=guide_b, by=person)


def test_a_veileder_assigns_a_newcomer_of_their_kommune(
    guide: User, veileder: User, newcomer: User
) -> None:
    follow(newcomer, None, shares=False)
    client = login(Client(), veileder)
    response = client.post(
        reverse("api-guide-assignments"),
        {"newcomers": [newcomer.pk], "guide": guide.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert NewcomerProfile.objects.get(user=newcomer).guide == guide
    listed = client.get(reverse("api-guide-assignments")).json()
    assert {"id": guide.pk, "full_name": guide.full_name} in [row["guide"] for row in listed]


def test_only_kommune_staff_or_approved_partner_staff_can_be_guides(
    veileder: User, newcomer: User, organisation
) -> None:
    from organisations.models import Membership, OrganisationKind
    from tests.factories import UserFactory

    follow(newcomer, None, shares=False)
    organisation.kind = OrganisationKind.VOLUNTEER
    organisation.save(update_fields=["kind"])
    volunteer = UserFactory(role="guide", full_name="Vera Frivillig")
    Membership.objects.create(organisation=organisation, user=volunteer)
    with pytest.raises(ValidationError) as refused:
        services.guides_assign(newcomers=[newcomer], guide=volunteer, by=veileder)
    assert "guide" in refused.value.message_dict

    from reference.models import Kommune

    approval = services.partner_approve(
        organisation=organisation, kommune=Kommune.objects.get(pk="0301"), by=veileder
    )
    services.guides_assign(newcomers=[newcomer], guide=volunteer, by=veileder)
    assert NewcomerProfile.objects.get(user=newcomer).guide == volunteer
    # The approval cannot end while the partner's staff still follow the kommune's newcomers.
    from common.errors import Conflict

    with pytest.raises(Conflict):
        services.partner_revoke(approval=approval, by=veileder)


def test_a_bergen_veileder_cannot_approve_an_oslo_partner(veileder_bergen: User, organisation):
    from reference.models import Kommune

    with pytest.raises(NotAllowed):
        services.partner_approve(
            organisation=organisation, kommune=Kommune.objects.get(pk="0301"), by=veileder_bergen
        )


def test_the_caseload_puts_who_needs_attention_first(
    guide: User, listing: Listing, django_assert_max_num_queries
) -> None:
    now = timezone.now()
    quiet = follow(NewcomerFactory(full_name="Aaron Stille"), guide, shares=True)
    ApplicationFactory(listing=listing, applicant=quiet)  # applied today: nothing to do
    busy = follow(NewcomerFactory(full_name="Zahra Travel"), guide, shares=True)
    interview = ApplicationFactory(listing=listing, applicant=busy)
    interview.submitted_at = now - datetime.timedelta(days=20)
    interview.status = ApplicationStatus.INTERVIEW
    interview.interview_at = now + datetime.timedelta(days=2)
    interview.save()
    StepFactory(
        plan=PlanFactory(newcomer=busy),
        due_date=timezone.localdate() - datetime.timedelta(days=3),
        status=StepStatus.PLANNED,
    )
    for n in range(5):
        follow(NewcomerFactory(full_name=f"Person {n}"), guide, shares=n % 2 == 0)
    with django_assert_max_num_queries(8):
        rows = selectors.caseload(guide=guide, now=now)
    assert rows[0].newcomer == busy
    assert rows[0].interviews == [interview] and len(rows[0].overdue) == 1
    assert rows[-1].newcomer != busy and quiet in [r.newcomer for r in rows[-4:]]
    client = login(Client(), guide)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("guidance:caseload")).status_code == 200
    more = [follow(NewcomerFactory(), guide, shares=True) for _ in range(10)]
    for person in more:
        ApplicationFactory(
            listing=ListingFactory(organisation=listing.organisation), applicant=person
        )
    with django_assert_max_num_queries(20):
        assert client.get(reverse("guidance:caseload")).status_code == 200

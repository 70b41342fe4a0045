"""Places for you: in a hand-built set, the listings that fit the plan come first, with the
expected reasons, and a place asking for far more Norwegian is shown apart with why."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from accounts.models import ConsentKind, NewcomerProfile, User
from accounts.services import consent_give
from applications.models import ApplicantProfile
from common.errors import NotFound
from listings.models import ListingKind, ListingStatus
from organisations.models import Organisation
from plans.models import CompetenceKind, StepKind, StepStatus
from plans.places import places_for
from plans.ranking import Person, Place, assess, rank
from tests.factories import ApplicationFactory, ListingFactory
from tests.plans.factories import CompetenceFactory, PlanFactory, StepFactory

TODAY = datetime.date.today()


def _place(pk: int, **kwargs: object) -> Place:
    values: dict[str, object] = {
        "id": pk,
        "occupation": "9999",
        "occupation_title": "Annet",
        "group_title": "Annet",
        "kind": ListingKind.NYSTARTSJOBB,
        "norwegian_spoken": "A0",
        "norwegian_written": "A0",
        "workplace_languages": (),
        "kommune": "5001",
        "fylke": "50",
    }
    values.update(kwargs)
    return Place(**values)  # type: ignore[arg-type]


PERSON = Person(
    goal_occupation="7512",
    experience_occupations=("5120",),
    step_kinds={ListingKind.PRAKSISPLASS: "Praksis i bakeri"},
    norwegian_spoken="A2",
    norwegian_written="A1",
    languages=("ti", "ar"),
    kommune="0301",
    kommune_name="Oslo",
    fylke="03",
    fylke_name="Oslo",
)


def test_pure_ranking_orders_by_fit_and_gives_reasons():
    with translation.override("en"):
        baker = _place(1, occupation="7512", occupation_title="Bakere", kommune="0301", fylke="03")
        butcher = _place(2, occupation="7511", group_title="Slaktere, konditorer", fylke="03")
        far = _place(3, occupation="7512", occupation_title="Bakere", norwegian_spoken="B2")
        unrelated = _place(4)
        ranking = rank(PERSON, [unrelated, far, butcher, baker])
        assert [r.place.id for r in ranking.fits] == [1, 2]
        assert [r.place.id for r in ranking.out_of_reach] == [3]
        assert ranking.not_matching == 1
        assert [reason.code for reason in ranking.fits[0].reasons][:2] == [
            "goal_occupation",
            "same_kommune",
        ]
        assert ranking.out_of_reach[0].blockers[0].text == (
            "Asks for spoken Norwegian at B2; you have A2 for now."
        )


def test_one_level_short_is_still_worth_trying():
    stretch = assess(PERSON, _place(1, occupation="7512", norwegian_written="A2"))
    assert not stretch.out_of_reach
    assert "norwegian_stretch" in [reason.code for reason in stretch.reasons]


@pytest.fixture
def bakery(db: None) -> Organisation:
    from tests.factories import OrganisationFactory

    return OrganisationFactory(orgnr="937884117", name="Tøyen Bakeri AS", kommune_id="0301")


@pytest.mark.django_db
def test_listings_that_fit_the_plan_come_first_with_the_expected_reasons(
    newcomer: User, bakery: Organisation, guide: User, veileder_bergen: User, employer: User
):
    NewcomerProfile.objects.filter(user=newcomer).update(kommune_id="0301", guide=guide)
    ApplicantProfile.objects.create(
        user=newcomer, languages=["ti", "en"], norwegian_spoken="A2", norwegian_written="A1"
    )
    plan = PlanFactory(
        newcomer=newcomer,
        goal_occupation_id="7512",
        norwegian_spoken_now="A2",
        norwegian_written_now="A1",
    )
    StepFactory(plan=plan, kind=StepKind.WORK_PRACTICE, title="Praksis i bakeri")
    StepFactory(
        plan=plan, kind=StepKind.APPRENTICESHIP, title="Lærling", status=StepStatus.CANCELLED
    )
    CompetenceFactory(plan=plan, kind=CompetenceKind.EXPERIENCE, occupation_id="5120")

    def listing(title: str, **kwargs: object):  # type: ignore[no-untyped-def]
        values: dict[str, object] = {"organisation": bakery, "title": title}
        values.update(kwargs)
        return ListingFactory(**values)

    best = listing(
        "Bakeripraksis på Tøyen",
        kind=ListingKind.PRAKSISPLASS,
        monthly_wage=None,
        days_per_week=4,
        workplace_languages=["ti"],
    )
    baker_bergen = listing("Baker i Bergen", kommune_id="4601")
    cook_oslo = listing("Kokk i Oslo", occupation_id="5120")
    neighbour_oslo = listing("Slakter i Oslo", occupation_id="7511")
    too_hard = listing("Baker med mye kundekontakt", norwegian_spoken="B2")
    unrelated_far = listing("Lager i Tromsø", occupation_id="9412", kommune_id="5501")
    listing("Gammel annonse", status=ListingStatus.CLOSED)
    applied = listing("Baker på Grorud")
    ApplicationFactory(listing=applied, applicant=newcomer)

    with translation.override("en"):
        places = places_for(newcomer=newcomer, viewer=newcomer, today=TODAY)
        fits = [item.listing for item in places.fits]
        # The goal itself outweighs a neighbour in the kommune; ties keep the earliest deadline.
        assert fits == [best, baker_bergen, cook_oslo, neighbour_oslo]
        reasons = {item.listing.pk: [r.text for r in item.reasons] for item in places.fits}
        assert reasons[best.pk][:4] == [
            "This is the work your plan aims for: \u2068Bakere, konditorer mv\u2069.",
            "Your plan has a step of this kind: \u2068Praksis i bakeri\u2069.",
            "In your kommune, \u2068Oslo\u2069.",
            "You speak Tigrinya, which is spoken at this workplace.",
        ]
        assert "You have experience in this work: \u2068Kokker\u2069." in reasons[cook_oslo.pk]
        assert reasons[neighbour_oslo.pk][0] == (
            "Close to the work your plan aims for: both are in the group "
            "“\u2068Slaktere, fiskehandlere, konditorer mv.\u2069”."
        )
        assert [item.listing for item in places.out_of_reach] == [too_hard]
        assert [b.text for b in places.out_of_reach[0].blockers] == [
            "Asks for spoken Norwegian at B2; you have A2 for now."
        ]
        assert places.not_matching == 1  # the warehouse in Tromsø
        assert unrelated_far not in fits
        assert places.already_applied == 1

    with translation.override("ti"):
        tigrinya = places_for(newcomer=newcomer, viewer=newcomer, today=TODAY)
        assert tigrinya.fits[0].reasons[0].text != reasons[best.pk][0]

    # The guide sees the same list only with the newcomer's consent; others never.
    with pytest.raises(NotFound):
        places_for(newcomer=newcomer, viewer=guide, today=TODAY)
    consent_give(user=newcomer, kind=ConsentKind.GUIDE_SHARING)
    same = places_for(newcomer=newcomer, viewer=guide, today=TODAY)
    assert [item.listing for item in same.fits] == fits
    for outsider in (veileder_bergen, employer):
        with pytest.raises(NotFound):
            places_for(newcomer=newcomer, viewer=outsider, today=TODAY)

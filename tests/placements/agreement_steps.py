"""Steps that bring an agreement where a test needs it, through the services as people would."""

from __future__ import annotations

import datetime

from accounts.models import User
from applications.models import ApplicationStatus
from applications.services import application_accept
from listings.models import Listing
from organisations.models import Organisation
from placements import services
from placements.models import PlacementAgreement
from tests.factories import ApplicationFactory, ListingFactory, NewcomerFactory

TODAY = datetime.date.today()


def accept_offer(listing: Listing, newcomer: User) -> PlacementAgreement:
    """The newcomer accepts an offer on `listing`: the agreement is drafted."""
    application = ApplicationFactory(
        listing=listing, applicant=newcomer, status=ApplicationStatus.OFFERED
    )
    application_accept(application=application, by=newcomer)
    return PlacementAgreement.objects.get(application=application)


def complete(agreement: PlacementAgreement, by: User, **terms: object) -> PlacementAgreement:
    """The employer fills in what the listing did not say."""
    defaults: dict[str, object] = {
        "end_date": agreement.start_date + datetime.timedelta(days=180),
        "supervisor_name": "Per Bakke",
        "supervisor_phone": "912 34 567",
        "goals": [{"kind": "language", "text": "Norsk B1 muntlig"}],
    }
    return services.agreement_update_terms(agreement=agreement, by=by, **{**defaults, **terms})


def submitted(agreement: PlacementAgreement, by: User, **terms: object) -> PlacementAgreement:
    complete(agreement, by, **terms)
    return services.agreement_submit_for_approval(agreement=agreement, by=by)


def another_awaiting(organisation: Organisation, employer: User) -> PlacementAgreement:
    """A new newcomer's agreement on a new listing of `organisation`, sent for approval."""
    agreement = accept_offer(ListingFactory(organisation=organisation), NewcomerFactory())
    return submitted(agreement, employer)


def approved_by_all(
    agreement: PlacementAgreement, *, newcomer: User, employer: User, veileder: User
) -> PlacementAgreement:
    services.agreement_approve(agreement=agreement, by=newcomer)
    services.agreement_approve(agreement=agreement, by=employer)
    return services.agreement_approve(agreement=agreement, by=veileder)

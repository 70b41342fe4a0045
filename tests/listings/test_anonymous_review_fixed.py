"""Anonymous review is a promise to the applicants: it cannot be lifted once someone applied."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from applications.models import Application
from applications.selectors import applicant_for_employer
from listings import services
from listings.models import Listing
from tests.factories import ApplicationFactory, ListingFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/listings/"


def test_the_api_refuses_to_lift_anonymous_review_after_an_application(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    response = client_for(employer).patch(
        f"{URL}{listing.pk}/",
        {"anonymous_review": False, "title": "Baker"},
        content_type="application/json",
    )
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "cannot be changed once someone has applied" in error["fields"]["anonymous_review"][0]
    listing.refresh_from_db()
    assert (listing.anonymous_review, listing.title) == (True, "Bakeriarbeider på Grorud")
    assert applicant_for_employer(Application.objects.get(pk=application.pk)).hidden


def test_other_changes_and_the_same_value_still_pass_after_an_application(
    client_for, employer: User, newcomer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    ApplicationFactory(listing=listing, applicant=newcomer)
    response = client_for(employer).patch(
        f"{URL}{listing.pk}/",
        {"anonymous_review": True, "title": "Baker"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["anonymous_review"] is True


def test_before_any_application_the_setting_can_change(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer).patch(
        f"{URL}{listing.pk}/", {"anonymous_review": False}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    listing.refresh_from_db()
    assert listing.anonymous_review is False


def test_the_service_refuses_either_way_once_someone_applied(
    employer: User, newcomer: User, organisation
) -> None:  # type: ignore[no-untyped-def]
    open_listing = ListingFactory(organisation=organisation, anonymous_review=False)
    ApplicationFactory(listing=open_listing, applicant=newcomer)
    with pytest.raises(ValidationError) as refused:
        services.listing_update(listing=open_listing, by=employer, anonymous_review=True)
    assert "anonymous_review" in refused.value.message_dict
    open_listing.refresh_from_db()
    assert open_listing.anonymous_review is False

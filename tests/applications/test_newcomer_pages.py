"""The newcomer's pages: profile, apply in two taps, my applications, withdraw, accept an offer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from applications.models import ApplicantProfile, Application, ApplicationStatus
from applications.services import application_offer, application_review
from listings.models import Listing, ListingStatus
from organisations.models import Organisation
from tests.factories import ApplicationFactory, ListingFactory, ScreeningQuestionFactory

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User | None], Client]


def test_profile_is_filled_in_once_and_used_when_applying(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    client = client_for(newcomer)
    assert client.get(reverse("applications:profile")).status_code == 200
    response = client.post(
        reverse("applications:profile"),
        {
            "languages": ["ar", "en"],
            "norwegian_spoken": "A2",
            "norwegian_written": "A1",
            "experience": "Kokk i fem år",
            "availability": "Hverdager",
            "listing": str(listing.pk),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:apply", args=[listing.pk])
    profile = ApplicantProfile.objects.get(user=newcomer)
    assert profile.languages == ["ar", "en"] and profile.norwegian_spoken == "A2"
    apply_page = client.get(response["Location"]).content.decode()
    assert "Speaking A2, writing A1" in apply_page
    assert "Arabic and English" in apply_page  # joined as the language joins a list


def test_profile_refuses_markup_naming_the_field(client_for: ClientFor, newcomer: User) -> None:
    response = client_for(newcomer).post(
        reverse("applications:profile"),
        {
            "norwegian_spoken": "A2",
            "norwegian_written": "A1",
            "experience": "<script>alert(1)</script>",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_experience_error"' in html
    assert "HTML and script" in html
    assert not ApplicantProfile.objects.filter(user=newcomer).exists()


def test_apply_in_two_taps(client_for: ClientFor, newcomer: User, listing: Listing) -> None:
    client = client_for(newcomer)
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert reverse("applications:apply", args=[listing.pk]) in page
    response = client.post(reverse("applications:apply", args=[listing.pk]), {"message": ""})
    application = Application.objects.get(applicant=newcomer, listing=listing)
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:detail", args=[application.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Submitted" in detail and "by you" in detail


def test_screening_questions_must_be_answered(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    question = ScreeningQuestionFactory(listing=listing)
    client = client_for(newcomer)
    url = reverse("applications:apply", args=[listing.pk])
    response = client.post(url, {"message": "Hei"})
    assert response.status_code == 200
    assert f'id="id_question_{question.pk}_error"' in response.content.decode()
    assert not Application.objects.exists()
    client.post(url, {"message": "Hei", f"question_{question.pk}": "yes"})
    application = Application.objects.get()
    assert application.answers.get().answer is True


def test_a_second_application_goes_to_the_first(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    first = ApplicationFactory(listing=listing, applicant=newcomer)
    response = client_for(newcomer).post(reverse("applications:apply", args=[listing.pk]), {})
    assert response["Location"] == reverse("applications:detail", args=[first.pk])
    assert Application.objects.count() == 1


def test_applying_to_a_closed_listing_is_refused_with_the_rule(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    client = client_for(newcomer)
    url = reverse("applications:apply", args=[listing.pk])
    page = client.get(url)
    assert page.status_code == 200
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.CLOSED)
    # The listing is no longer public: the page is gone for the newcomer.
    assert client.post(url, {}).status_code == 404
    assert not Application.objects.exists()


def test_my_applications_are_mine_only(
    client_for: ClientFor, newcomer: User, newcomer_b: User, listing: Listing
) -> None:
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    html = client_for(newcomer).get(reverse("applications:mine")).content.decode()
    assert listing.title in html
    assert (
        listing.title
        not in client_for(newcomer_b).get(reverse("applications:mine")).content.decode()
    )
    detail = reverse("applications:detail", args=[application.pk])
    assert client_for(newcomer_b).get(detail).status_code == 404
    assert (
        client_for(newcomer_b)
        .post(reverse("applications:withdraw", args=[application.pk]))
        .status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["employer", "guide", "veileder"])
def test_other_roles_have_no_newcomer_pages(
    request: pytest.FixtureRequest, client_for: ClientFor, persona: str, listing: Listing
) -> None:
    client = client_for(request.getfixturevalue(persona))
    for url in (
        reverse("applications:mine"),
        reverse("applications:profile"),
        reverse("applications:apply", args=[listing.pk]),
    ):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_log_in(client_for: ClientFor, listing: Listing) -> None:
    response = client_for(None).get(reverse("applications:apply", args=[listing.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_withdraw_and_the_timeline_records_it(
    client_for: ClientFor, newcomer: User, listing: Listing
) -> None:
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    client = client_for(newcomer)
    client.post(reverse("applications:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    html = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "Withdrawn" in html
    assert "Withdraw my application" not in html
    # A second withdrawal is not allowed and says why, without a 500.
    response = client.post(reverse("applications:withdraw", args=[application.pk]), follow=True)
    assert "cannot go from withdrawn to withdrawn" in response.content.decode()


def test_accept_an_offer(
    client_for: ClientFor, newcomer: User, employer: User, listing: Listing
) -> None:
    application = ApplicationFactory(listing=listing, applicant=newcomer)
    application_review(application=application, by=employer)
    application_offer(application=application, by=employer)
    client = client_for(newcomer)
    html = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "You have an offer" in html
    client.post(reverse("applications:accept", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_my_applications_queries_do_not_grow_with_rows(
    client_for: ClientFor, newcomer: User, organisation: Organisation
) -> None:
    client = client_for(newcomer)

    def queries_with(rows: int) -> int:
        Application.objects.filter(applicant=newcomer).delete()
        for listing in ListingFactory.create_batch(rows, organisation=organisation):
            ApplicationFactory(listing=listing, applicant=newcomer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("applications:mine")).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(50)


def test_profile_api_reads_and_changes_the_profile(
    client_for: ClientFor, newcomer: User, employer: User
) -> None:
    client = client_for(newcomer)
    url = reverse("api-applicant-profile")
    assert client.get(url).json()["norwegian_spoken"] == "A0"
    response = client.patch(
        url, {"languages": ["so"], "norwegian_written": "B1"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["languages"] == ["so"]
    bad = client.patch(url, {"languages": ["xx"]}, content_type="application/json")
    assert bad.status_code == 400
    assert "languages" in bad.json()["error"]["fields"]
    markup = client.patch(url, {"experience": "<b>hi</b>"}, content_type="application/json")
    assert markup.status_code == 400 and "experience" in markup.json()["error"]["fields"]
    assert ApplicantProfile.objects.get(user=newcomer).experience == ""
    assert client_for(employer).get(url).status_code == 403
    assert client_for(None).get(url).status_code in (401, 403)

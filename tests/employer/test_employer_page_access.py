"""Who reaches which employer page: members of its organisation; every other persona is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Role, User
from applications.models import Application, ApplicationEvent
from listings.models import Listing
from organisations.models import Invitation, MemberRights, Membership, Organisation
from tests.employer.employer_page_data import days, listing_data
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

# (URL name, the fixture whose pk goes into the URL or None)
PAGES = [
    ("dashboard", None),
    ("organisation_register", None),
    ("organisation_detail", "organisation"),
    ("organisation_edit", "organisation"),
    ("organisation_listings", "organisation"),
    ("listing_create", "organisation"),
    ("listing_edit", "listing"),
    ("applicant_list", "listing"),
    ("application_detail", "application"),
]
OWN_PAGES = {"dashboard", "organisation_register"}  # every employer has their own
REFUSED_ROLES = ["newcomer", "guide", "veileder", "beslutter", "platform_admin"]


def url_for(request: pytest.FixtureRequest, name: str, target: str | None) -> str:
    if target is None:
        return reverse(f"employer:{name}")
    return reverse(f"employer:{name}", args=[request.getfixturevalue(target).pk])


@pytest.mark.parametrize(("name", "target"), PAGES)
def test_the_organisations_employer_sees_every_page(
    client_for, request, employer: User, application: Application, name: str, target: str | None
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer).get(url_for(request, name, target))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="main"' in html and "<h1" in html
    assert "css/employer.css" in html


@pytest.mark.parametrize(("name", "target"), PAGES)
def test_the_other_organisations_employer_gets_404(
    client_for, request, employer_b: User, application: Application, name: str, target: str | None
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer_b).get(url_for(request, name, target))
    assert response.status_code == (200 if name in OWN_PAGES else 404)
    assert "Amal" not in response.content.decode()
    assert "Bakeriarbeider" not in response.content.decode()


@pytest.mark.parametrize("persona", REFUSED_ROLES)
@pytest.mark.parametrize(("name", "target"), PAGES)
def test_people_who_are_not_employers_get_403(
    client_for, request, application: Application, persona: str, name: str, target: str | None
) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    assert client_for(user).get(url_for(request, name, target)).status_code == 403


@pytest.mark.parametrize(("name", "target"), PAGES)
def test_anonymous_people_are_sent_to_log_in(
    client_for, request, application: Application, name: str, target: str | None
) -> None:  # type: ignore[no-untyped-def]
    url = url_for(request, name, target)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={url}" in response["Location"].replace("%2F", "/")


def _posts(request: pytest.FixtureRequest) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("listing_create", "organisation", listing_data()),
        ("listing_edit", "listing", listing_data(title="Overtatt")),
        ("listing_publish", "listing", {}),
        ("listing_close", "listing", {}),
        ("listing_fill", "listing", {}),
        (
            "organisation_edit",
            "organisation",
            {"name": "Overtatt AS", "kommune": "0301", "employees": "3"},
        ),
        (
            "organisation_invite",
            "organisation",
            {"email": request.getfixturevalue("employer_b").email, "rights": "admin"},
        ),
        ("application_review", "application", {}),
        (
            "application_interview",
            "application",
            {"interview-at": f"{days(3)}T10:00", "interview-place": "Kontoret"},
        ),
        ("application_offer", "application", {"offer-note": "Velkommen"}),
        ("application_reject", "application", {"reject-reason": "other"}),
    ]


def _state(listing: Listing, organisation: Organisation, application: Application) -> tuple:  # type: ignore[type-arg]
    listing.refresh_from_db()
    organisation.refresh_from_db()
    application.refresh_from_db()
    return (
        Listing.objects.count(),
        listing.title,
        listing.status,
        organisation.name,
        Membership.objects.filter(organisation=organisation).count(),
        Invitation.objects.count(),
        application.status,
        ApplicationEvent.objects.count(),
    )


@pytest.mark.parametrize("persona", ["employer_b", "newcomer", "guide", "veileder", None])
def test_the_wrong_persona_changes_nothing(
    client_for,
    request,
    listing: Listing,
    organisation: Organisation,
    application: Application,
    persona: str | None,
) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona) if persona else None
    before = _state(listing, organisation, application)
    expected = {"employer_b": 404, None: 302}.get(persona, 403)
    for name, target, data in _posts(request):
        response = client_for(user).post(url_for(request, name, target), data)
        assert response.status_code == expected, name
    assert _state(listing, organisation, application) == before


def test_a_member_without_admin_rights_works_with_listings_but_not_the_profile(
    client_for, organisation: Organisation, listing: Listing, application: Application
) -> None:  # type: ignore[no-untyped-def]
    member = UserFactory(role=Role.EMPLOYER)
    Membership.objects.create(organisation=organisation, user=member, rights=MemberRights.MEMBER)
    client = client_for(member)
    assert client.get(reverse("employer:listing_edit", args=[listing.pk])).status_code == 200
    assert (
        client.get(reverse("employer:application_detail", args=[application.pk])).status_code == 200
    )
    detail = client.get(reverse("employer:organisation_detail", args=[organisation.pk]))
    assert detail.status_code == 200
    assert (
        reverse("employer:organisation_edit", args=[organisation.pk]) not in detail.content.decode()
    )
    assert (
        client.get(reverse("employer:organisation_edit", args=[organisation.pk])).status_code == 403
    )
    add = client.post(
        reverse("employer:organisation_invite", args=[organisation.pk]),
        {"email": "x@example.com", "rights": "admin"},
    )
    assert add.status_code == 403


def test_no_list_shows_another_organisations_applicants(
    client_for,
    employer: User,
    employer_b: User,
    newcomer_b: User,
    listing: Listing,
    listing_b: Listing,
    application: Application,
) -> None:  # type: ignore[no-untyped-def]
    other = ApplicationFactory(listing=listing_b, applicant=newcomer_b)
    mine = client_for(employer).get(reverse("employer:applicant_list", args=[listing.pk]))
    links = [
        reverse("employer:application_detail", args=[application.pk]),
        reverse("employer:application_detail", args=[other.pk]),
    ]
    html = mine.content.decode()
    assert links[0] in html and links[1] not in html
    theirs = client_for(employer_b).get(reverse("employer:applicant_list", args=[listing_b.pk]))
    html = theirs.content.decode()
    assert links[1] in html and links[0] not in html
    dashboard = client_for(employer_b).get(reverse("employer:dashboard")).content.decode()
    assert listing_b.title in dashboard and listing.title not in dashboard

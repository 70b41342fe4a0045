"""Anyone may claim an organisasjonsnummer; a claim blocks nobody until staff verify one."""

from __future__ import annotations

import pytest
from django.contrib import messages
from django.contrib.admin.sites import site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import Role, User
from listings.models import Listing, ListingStatus
from organisations import services
from organisations.models import Membership, Organisation
from reference.models import Kommune
from tests.factories import ListingFactory, OrganisationFactory, UserFactory
from tests.support.english_personas import _english  # noqa: F401 - messages in English

pytestmark = pytest.mark.django_db
API = "/api/v1/organisations/"
ORGNR = "937884117"


def register(user: User, name: str = "Tøyen Sykkel AS") -> Organisation:
    return services.organisation_register(
        by=user, orgnr=ORGNR, name=name, kommune=Kommune.objects.get(pk="0301"), employees=4
    )


@pytest.fixture
def squatter() -> User:
    return UserFactory(role=Role.EMPLOYER, language="en")


@pytest.fixture
def real_owner() -> User:
    return UserFactory(role=Role.EMPLOYER, language="en")


def test_an_unverified_claim_does_not_block_a_second_claimant(
    client_for, squatter: User, real_owner: User
) -> None:  # type: ignore[no-untyped-def]
    first = register(squatter, name="Not really us AS")
    response = client_for(real_owner).post(
        API,
        {"orgnr": "937 884 117", "name": "Tøyen Sykkel AS", "kommune": "0301", "employees": 4},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    second = Organisation.objects.get(pk=response.json()["id"])
    assert second.pk != first.pk and second.orgnr == first.orgnr == ORGNR
    assert not second.verified
    assert Membership.objects.get(organisation=second).user == real_owner
    # Each sees only their own claim.
    assert [o["id"] for o in client_for(squatter).get(API).json()["results"]] == [first.pk]


def test_the_same_person_cannot_claim_a_number_twice(squatter: User) -> None:
    register(squatter)
    with pytest.raises(ValidationError) as refused:
        register(squatter)
    assert "already" in refused.value.message_dict["orgnr"][0]
    assert Organisation.objects.count() == 1


def test_a_verified_number_is_refused_with_a_clear_message(
    client_for, real_owner: User, squatter: User, platform_admin: User
) -> None:  # type: ignore[no-untyped-def]
    services.organisation_verify(organisation=register(real_owner), by=platform_admin)
    response = client_for(squatter).post(
        reverse("employer:organisation_register"),
        {"orgnr": ORGNR, "name": "Copy AS", "kommune": "0301", "employees": "3"},
    )
    assert response.status_code == 200
    message = response.context["form"].errors["orgnr"][0]
    assert "registered and verified already" in message and "invite you" in message
    assert Organisation.objects.count() == 1


def test_verifying_one_claim_rejects_the_others_and_closes_their_listings(
    client_for, squatter: User, real_owner: User, platform_admin: User
) -> None:  # type: ignore[no-untyped-def]
    fake = register(squatter, name="Fake AS")
    real = register(real_owner)
    published = ListingFactory(organisation=fake)
    draft = ListingFactory(organisation=fake, status=ListingStatus.DRAFT, published_at=None)

    services.organisation_verify(organisation=real, by=platform_admin)
    real.refresh_from_db()
    fake.refresh_from_db()
    assert (real.verified, real.verified_by, real.rejected_at) == (True, platform_admin, None)
    assert (fake.verified, fake.is_rejected) == (False, True)
    assert Listing.objects.get(pk=published.pk).status == ListingStatus.CLOSED

    refused = client_for(squatter).post(
        reverse("employer:listing_publish", args=[draft.pk]), follow=True
    )
    assert "listings cannot be published" in refused.content.decode()
    assert Listing.objects.get(pk=draft.pk).status == ListingStatus.DRAFT
    page = client_for(squatter).get(reverse("employer:organisation_detail", args=[fake.pk]))
    assert "Registration rejected" in page.content.decode()
    assert client_for(squatter).get(f"{API}{fake.pk}/").json()["rejected"] is True
    with pytest.raises(ValidationError) as no_members:
        services.invitation_create(
            organisation=fake, email="friend@example.com", rights="member", by=squatter
        )
    assert "rejected" in no_members.value.message_dict["email"][0]

    # Verifying the rejected claim now is refused: the number is held.
    with pytest.raises(ValidationError) as second:
        services.organisation_verify(organisation=fake, by=platform_admin)
    assert "verified already" in second.value.message_dict["orgnr"][0]
    fake.refresh_from_db()
    assert not fake.verified


def test_the_database_holds_one_verified_organisation_per_number(real_owner: User) -> None:
    OrganisationFactory(orgnr=ORGNR, verified=True)
    OrganisationFactory(orgnr=ORGNR, verified=False)  # claims may share the number
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(orgnr=ORGNR, verified=True)


def test_only_platform_admins_verify(real_owner: User, veileder: User) -> None:
    organisation = register(real_owner)
    for person in (real_owner, veileder):
        with pytest.raises(PermissionDenied):
            services.organisation_verify(organisation=organisation, by=person)
    organisation.refresh_from_db()
    assert not organisation.verified


def test_the_admin_action_verifies_one_and_reports_the_refusal_of_another(
    squatter: User, real_owner: User, platform_admin: User
) -> None:
    fake = register(squatter, name="Fake AS")
    real = register(real_owner)
    request = RequestFactory().post("/admin/organisations/organisation/")
    request.user = platform_admin
    model_admin = site._registry[Organisation]
    sent: list[tuple[str, int]] = []
    model_admin.message_user = lambda request, message, level=None, **kw: sent.append(  # type: ignore[method-assign]
        (str(message), level)
    )
    model_admin.verify(
        request, Organisation.objects.filter(pk__in=[real.pk, fake.pk]).order_by("-pk")
    )
    real.refresh_from_db()
    fake.refresh_from_db()
    assert real.verified and fake.is_rejected and not fake.verified
    assert sorted(sent, key=lambda item: item[1]) == [
        ("1 organisations verified; other claims to their numbers are rejected.", messages.SUCCESS),
        (
            f"{fake}: Another organisation with the number {ORGNR} is verified already.",
            messages.ERROR,
        ),
    ]
    assert "verified" in model_admin.get_readonly_fields(request)

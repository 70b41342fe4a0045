"""An organisation's data for its administrators, and for no one else."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from applications.models import Application
from organisations.models import MemberRights, Membership, Organisation
from tests.conftest import login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_administrator_gets_the_organisations_data_as_its_people_see_it(
    open_application: Application, employer_b: User, organisation_b: Organisation, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer_b).get(f"/api/v1/organisations/{organisation_b.pk}/data/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["organisation"]["orgnr"] == organisation_b.orgnr
    assert [m["user_id"] for m in data["members"]] == [employer_b.pk]
    (application,) = data["applications"]
    # Anonymous review: no name until the interview invitation, but what they wrote.
    assert application["applicant"]["anonymous"] is True
    assert application["applicant"]["name"] is None
    assert application["message"] == "Jeg heter Amal og baker gjerne."
    assert "Amal Haddad" not in response.content.decode()

    web = login(Client(), employer_b).get(f"/me/data/organisations/{organisation_b.pk}/export.json")
    assert web.status_code == 200 and web["Content-Disposition"].startswith("attachment;")


def test_a_member_without_admin_rights_is_refused(organisation_b: Organisation, client_for) -> None:  # type: ignore[no-untyped-def]
    member = UserFactory(role="employer")
    Membership.objects.create(organisation=organisation_b, user=member, rights=MemberRights.MEMBER)
    response = client_for(member).get(f"/api/v1/organisations/{organisation_b.pk}/data/")
    assert response.status_code == 403


def test_another_organisation_is_not_found(
    employer: User, organisation_b: Organisation, client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(employer)
    assert client.get(f"/api/v1/organisations/{organisation_b.pk}/data/").status_code == 404
    web = client.get(f"/me/data/organisations/{organisation_b.pk}/export.json")
    assert web.status_code == 404


@pytest.mark.parametrize("persona", ["newcomer", "veileder"])
def test_other_roles_are_refused(
    persona: str, organisation: Organisation, request: pytest.FixtureRequest, client_for
) -> None:  # type: ignore[no-untyped-def]
    person = request.getfixturevalue(persona)
    response = client_for(person).get(f"/api/v1/organisations/{organisation.pk}/data/")
    assert response.status_code == 403

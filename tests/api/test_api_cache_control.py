"""Answers with personal data are never stored: Cache-Control: no-store, private."""

from __future__ import annotations

import pytest

from tests.subsidies.conftest import machine

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:  # type: ignore[no-untyped-def]
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_public_listings_to_anyone_may_be_cached(client, listing) -> None:  # type: ignore[no-untyped-def]
    for path in ("/api/v1/listings/", f"/api/v1/listings/{listing.pk}/", "/listings/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), path


@pytest.mark.parametrize(
    "path", ["/api/v1/listings/", "/api/v1/organisations/", "/api/v1/me/profile/", "/listings/"]
)
def test_answers_to_a_signed_in_person_are_not_stored(client_for, employer, newcomer, path) -> None:  # type: ignore[no-untyped-def]
    for person in (employer, newcomer):
        response = client_for(person).get(path)
        assert response.status_code in (200, 403, 404), path
        assert _no_store(response), (path, response.get("Cache-Control"))


def test_errors_to_a_signed_in_person_are_not_stored(client_for, employer) -> None:  # type: ignore[no-untyped-def]
    response = client_for(employer).get("/api/v1/subsidy-cases/")
    assert response.status_code == 403
    assert _no_store(response)


def test_answers_to_a_case_system_are_not_stored(subsidy_case, case_system) -> None:  # type: ignore[no-untyped-def]
    api = machine(case_system(("0301",)))
    for path in ("/api/v1/subsidy-cases/", f"/api/v1/subsidy-cases/{subsidy_case.pk}/"):
        response = api.get(path)
        assert response.status_code == 200
        assert _no_store(response)


def test_a_staff_web_page_is_not_stored(client_for, veileder) -> None:  # type: ignore[no-untyped-def]
    response = client_for(veileder).get("/agreements/")
    assert _no_store(response)

"""The right of access: a person's own data, as a file, a page and over the API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from accounts.models import User
from privacy.exports import person_export
from privacy.registry import exported_entries
from tests.conftest import login
from tests.privacy.conftest import TOTP_SECRET_MARK

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_row_of_every_table_with_the_persons_data(
    rich_newcomer: User,
) -> None:
    data = person_export(viewer=rich_newcomer)
    checked = set()
    for entry in exported_entries():
        count = entry.rows(rich_newcomer.pk).count()
        if count:
            checked.add(entry.section)
            assert len(data["sections"].get(entry.section, [])) >= count, entry.section
    # The scenario reaches the tables that matter most.
    assert {
        "account",
        "applicant_profile",
        "applications",
        "application_events",
        "screening_answers",
        "agreements",
        "agreement_events",
        "saved_listings",
        "saved_searches",
        "notifications",
        "notification_preferences",
        "person_facts",
        "email_addresses",
        "authenticators",
    } <= checked
    messages = [row["message"] for row in data["sections"]["applications"]]
    assert "Jeg heter Amal og baker gjerne." in messages


def test_the_export_holds_no_secret(rich_newcomer: User) -> None:
    text = json.dumps(person_export(viewer=rich_newcomer))
    assert TOTP_SECRET_MARK not in text
    assert rich_newcomer.password not in text
    assert "national_id" not in text


def test_the_download_is_an_attachment_never_stored(rich_newcomer: User, client: Client) -> None:
    response = login(client, rich_newcomer).get("/me/data/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.json()["person_id"] == rich_newcomer.pk


def test_the_page_shows_the_data_in_the_persons_language(
    rich_newcomer: User, client: Client
) -> None:
    rich_newcomer.language = "nb"
    rich_newcomer.save(update_fields=["language"])
    response = login(client, rich_newcomer).get("/me/data/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Jeg heter Amal og baker gjerne." in body
    assert 'lang="nb"' in body or "lang=nb" in body


def test_the_api_answers_the_callers_own_data_only(
    rich_newcomer: User, newcomer_b: User, client_for
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(newcomer_b).get("/api/v1/me/data/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["person_id"] == newcomer_b.pk
    assert "Amal" not in json.dumps(data)
    assert "applications" not in data["sections"]


@pytest.mark.parametrize("path", ["/me/data/", "/me/data/export.json", "/me/delete/"])
def test_anonymous_visitors_are_sent_to_log_in(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_api_refuses_anonymous_callers(client: Client) -> None:
    assert client.get("/api/v1/me/data/").status_code in (401, 403)


def test_the_page_names_what_an_audit_entry_is_about_in_the_persons_language(
    veileder: User,
) -> None:
    from django.utils import translation

    from audit.models import AuditAction, AuditObjectType
    from audit.services import audit_record
    from privacy.exports import person_export_sections

    audit_record(
        action=AuditAction.CASE_READ,
        object_type=AuditObjectType.SUBSIDY_CASE,
        object_id=7,
        by=veileder,
        source=None,
    )
    with translation.override("nb"):
        sections = {section.key: section for section in person_export_sections(viewer=veileder)}
        expected = str(AuditObjectType.SUBSIDY_CASE.label)
    values = [value for row in sections["audit_log"].rows for _label, value in row]
    assert expected in values and expected != "Subsidy case"
    assert "subsidy_case" not in values


def test_the_page_shows_every_label_and_structured_value_in_the_persons_language(
    rich_newcomer: User,
) -> None:
    from django.utils import translation

    from privacy.exports import person_export_sections

    with translation.override("ar"):
        sections = person_export_sections(viewer=rich_newcomer)
    labels = {label for section in sections for row in section.rows for label, _value in row}
    english = {"Agreement", "Application", "Created at", "Last used at", "Type", "Listing", "ID"}
    assert not labels & english
    values = [value for section in sections for row in section.rows for _label, value in row]
    # Goals, the profile when applying and the changed terms in words, not as JSON.
    assert not [value for value in values if value.startswith(("[", "{"))]
    profile = next(
        value
        for section in sections
        if section.key == "applications"
        for row in section.rows
        for _label, value in row
        if "Baker i Aleppo" in value and ":" in value
    )
    assert "العربية" in profile  # the language's name, not its code


def test_a_json_list_of_records_is_shown_as_it_is() -> None:
    from applications.models import ApplicantProfile
    from privacy.exports import _display_value

    profile = ApplicantProfile(languages=[{"code": "ar"}, "so"])
    field = ApplicantProfile._meta.get_field("languages")
    assert _display_value(profile, field) == '[{"code": "ar"}, "so"]'  # type: ignore[arg-type]
    profile.languages = ["ar", "so"]
    assert _display_value(profile, field) == "Arabic, Somali"  # type: ignore[arg-type]

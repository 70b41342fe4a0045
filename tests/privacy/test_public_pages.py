"""The pages a public service must have: privacy notice, accessibility statement and who runs
the service. In every language, right to left where the language is, linked from every footer."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from listings.models import Listing
from privacy.pages import duration_words

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RIGHT_TO_LEFT = {"ar", "fa"}
PAGES = ["privacy:notice", "privacy:accessibility", "privacy:about"]


def _get(client: Client, url: str, language: str = "en") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_answers_in_every_language_with_its_direction(name: str, language: str) -> None:
    html = _get(Client(), reverse(name), language)
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert re.search(r"<h1[^>]*>\s*\S", html)


@override_settings(
    SERVICE_OPERATOR_NAME="Oslo kommune, Velferdsetaten",
    SERVICE_CONTACT_EMAIL="innsteg@oslo.kommune.no",
)
def test_who_runs_the_service_and_how_to_reach_them_come_from_the_settings() -> None:
    for name in PAGES:
        html = _get(Client(), reverse(name))
        assert "innsteg@oslo.kommune.no" in html, name
    about = _get(Client(), reverse("privacy:about"))
    assert "Oslo kommune, Velferdsetaten" in about


def test_the_privacy_page_renders_the_retention_periods_from_the_settings() -> None:
    periods = {**settings.RETENTION_PERIODS}
    periods["applications"] = periods["applications"] * 2  # 2 years instead of 1
    with override_settings(RETENTION_PERIODS=periods):
        html = _get(Client(), reverse("privacy:notice"))
    assert "2 years" in html  # the applications, now
    assert "30 days" in html  # the applicant's contact details for the employer
    assert "6 months" in html  # read notifications
    assert "5 years" in html  # the audit log
    assert 'href="/me/data/"' in html
    assert "datatilsynet.no" in html
    assert settings.PRIVACY_NOTICE_VERSION in html


def test_the_accessibility_statement_names_the_standard_and_the_complaint_route() -> None:
    html = _get(Client(), reverse("privacy:accessibility"))
    assert "WCAG" in html and "2.1" in html and "AA" in html
    assert "uutilsynet.no" in html


def test_durations_in_words() -> None:
    assert duration_words(timedelta(days=365)) == "1 year"
    assert duration_words(timedelta(days=1826)) == "5 years"
    assert duration_words(timedelta(days=183)) == "6 months"
    assert duration_words(timedelta(days=30)) == "30 days"
    assert duration_words(timedelta(hours=24)) == "1 day"
    assert duration_words(timedelta(hours=36)) == "36 hours"


def _footer(html: str) -> str:
    match = re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S)
    assert match, "no footer"
    return match.group(1)


def test_every_kind_of_page_links_the_three_pages_in_its_footer(
    client_for, employer: User, listing: Listing
) -> None:  # type: ignore[no-untyped-def]
    pages = {
        "home": _get(Client(), reverse("home")),
        "search": _get(Client(), reverse("listings:search")),
        "login": _get(Client(), reverse("account_login")),
        "employer": _get(client_for(employer), reverse("employer:dashboard")),
        "employer applicants": _get(
            client_for(employer), reverse("employer:applicant_list", args=[listing.pk])
        ),
    }
    for where, html in pages.items():
        footer = _footer(html)
        for name in PAGES:
            assert f'href="{reverse(name)}"' in footer, (where, name)

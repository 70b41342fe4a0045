import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RIGHT_TO_LEFT = {"ar", "fa"}
PAGES = [
    "home",
    "account_login",
    "account_signup",
    "account_signup_phone",
    "account_request_login_code",
]


def _page(name: str, language: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _heading(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match
    return " ".join(match.group(1).split())


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_served_in_the_language_with_its_direction(name: str, language: str) -> None:
    html = _page(name, language)
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'class="site-header"' in html  # allauth's pages use our base template too
    if language != "en":
        assert _heading(html) != _heading(_page(name, "en")), (
            f"{name} is not translated to {language}"
        )


def test_every_page_offers_every_language_in_one_tap() -> None:
    html = _page("home", "nb")
    for code in LANGUAGES:
        assert f'name="language" value="{code}"' in html

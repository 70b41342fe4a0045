"""Every page sends a strict Content-Security-Policy and a Permissions-Policy; the API docs
are served from our own static files, and no template carries inline script or style."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from accounts.models import User
from listings.models import Listing

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.FRONTEND_DIR) / "templates"


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def test_a_page_sends_a_strict_content_security_policy(client: Client) -> None:
    response = client.get(reverse("listings:search"))
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_a_page_sends_a_permissions_policy_that_denies_devices(client: Client) -> None:
    response = client.get(reverse("listings:search"))
    header = response["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert "speech" not in header  # "read aloud" needs no permission


def test_the_api_docs_load_swagger_ui_from_our_static_files(client: Client) -> None:
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html), html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
    assert "<style" not in html


def test_the_api_docs_init_script_carries_the_nonce_of_the_policy(client: Client) -> None:
    response = client.get(reverse("api-docs"))
    html = response.content.decode()
    inline = re.findall(r"<script((?:(?!\bsrc=)[^>])*)>\s*\S", html)
    assert inline, "the init script is inline"
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce
    assert inline == [f' nonce="{nonce.group(1)}"']


def test_a_page_without_inline_script_has_no_nonce_to_misuse(
    client: Client, listing: Listing
) -> None:
    response = client.get(reverse("listings:detail", args=[listing.pk]))
    assert response.status_code == 200
    assert "nonce-" not in response["Content-Security-Policy"]


_INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"
    r"|\sstyle=\"|<style\b|\son[a-z]+=",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "template", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html"))
)
def test_no_template_has_inline_script_style_or_handlers(template: str) -> None:
    text = (TEMPLATES / template).read_text()
    for match in _INLINE.finditer(text):
        assert "nonce=" in text[match.start() : match.end() + 80], (template, match.group())


def test_the_allauth_email_page_carries_no_inline_script_or_style(
    client: Client, newcomer: User
) -> None:
    client.force_login(newcomer)
    html = client.get(reverse("account_email")).content.decode()
    assert " style=" not in html
    assert "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html) is None

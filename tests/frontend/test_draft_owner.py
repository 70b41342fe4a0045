"""Pages name the signed-in person's drafts by an opaque value, never the id or the email."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from common.templatetags.drafts import draft_owner

pytestmark = pytest.mark.django_db


def _owner(html: str) -> str:
    found = re.search(r'<body data-draft-owner="([^"]*)"', html)
    assert found, "the body names the drafts' owner"
    return found.group(1)


def test_a_signed_in_page_carries_an_opaque_draft_owner(
    client: Client, newcomer: User, newcomer_b: User
) -> None:
    client.force_login(newcomer)
    owner = _owner(client.get(reverse("listings:search")).content.decode())
    assert owner == draft_owner(newcomer)
    assert re.fullmatch(r"[0-9a-f]{32}", owner)
    assert str(newcomer.pk) != owner and (newcomer.email or "@") not in owner
    assert owner != draft_owner(newcomer_b)


def test_a_visitors_page_has_no_owner_and_logout_clears_drafts(
    client: Client, newcomer: User
) -> None:
    assert _owner(client.get(reverse("listings:search")).content.decode()) == ""
    client.force_login(newcomer)
    html = client.get(reverse("listings:search")).content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/" data-clear-drafts>', html)

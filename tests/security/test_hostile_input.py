# ruff: noqa: F811 - pytest passes the imported `world` fixture by name
"""Hostile text through the forms and the writable serializers: a clear refusal naming the
field or a stored value that comes back escaped; never a 500, never half a save."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.employer.employer_page_data import listing_data
from tests.security.world import World, world  # noqa: F401 - the module's world

pytestmark = pytest.mark.django_db

BIDI = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200f\u200e"
SCRIPT = "<script>alert(1)</script>"

hostile_text = st.one_of(
    st.text(min_size=1, max_size=40),
    st.text(st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF), min_size=1, max_size=8),
    st.text(st.characters(categories=["Mn", "Me"]), min_size=1, max_size=20),
    st.text(st.sampled_from(BIDI + "abc"), min_size=1, max_size=20),
    st.builds(lambda s: s[:3] + "\x00" + s[3:], st.text(max_size=10)),
    st.just("x" * 10_000),
    st.just(SCRIPT),
    st.just('"><img src=x onerror=alert(1)>'),
)
wrong_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=30,
)
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WATCHED = ("accounts", "organisations", "listings", "applications", "placements", "subsidies")


def row_counts() -> dict[str, int]:
    """The row count of each watched model, in one query: it runs around every example, and a
    count query per model (29 of them) cost this module some ten seconds."""
    models = [model for model in apps.get_models() if model._meta.app_label in WATCHED]
    counts = ", ".join(
        f"(SELECT count(*) FROM {connection.ops.quote_name(model._meta.db_table)})"
        for model in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        values = cursor.fetchone()
    return {model._meta.label: value for model, value in zip(models, values, strict=True)}


@dataclass(frozen=True)
class Target:
    """One text field of one form or serializer: who sends it, where, and how."""

    persona: str
    url: Callable[[World], str]
    field: str
    body: Callable[[World, str], dict[str, Any]]
    api: bool
    method: str = "post"
    show: Callable[[World], str] | None = None  # the page that shows the stored value
    plain: str | None = "Norsk B1"  # a value the field accepts (None: no such value to hand)


def _listing_editor(w: World) -> str:
    return f"/employer/listings/{w.objects['listing'].pk}/edit/"


def _listing_page(w: World) -> str:
    return f"/listings/{w.objects['listing'].pk}/"


def _agreement_page(w: World) -> str:
    return reverse("placements:detail", args=[w.objects["draft_agreement"].pk])


def _profile_form(field: str) -> Target:
    """One text field of newcomer A's profile form, shown on the same page."""
    return Target(
        "newcomer_a",
        lambda w: "/me/profile/",
        field,
        lambda w, t: {"norwegian_spoken": "A1", "norwegian_written": "A1", field: t},
        api=False,
        show=lambda w: "/me/profile/",
    )


def _terms_form(field: str, **extra: Any) -> Target:
    """One field of the draft agreement's terms form (the rest valid), sent by employer A."""
    return Target(
        "employer_a",
        lambda w: reverse("placements:edit", args=[w.objects["draft_agreement"].pk]),
        field,
        lambda w, t: _terms(w, **{field: t}),
        api=False,
        **extra,
    )


TARGETS = {
    "profile form: experience": _profile_form("experience"),
    "profile form: availability": _profile_form("availability"),
    "search form: q": Target(
        "anonymous", lambda w: "/listings/", "q", lambda w, t: {"q": t}, False, "get"
    ),
    "saved search form: name": Target(
        "newcomer_a",
        lambda w: "/saved/searches",
        "name",
        lambda w, t: {"name": t, "q": "baker"},
        False,
    ),
    "organisation edit form: name": Target(
        "employer_a",
        lambda w: f"/employer/organisations/{w.objects['organisation'].pk}/edit/",
        "name",
        lambda w, t: {"name": t, "kommune": "0301", "employees": "20"},
        api=False,
    ),
    "apply form: message": Target(
        "newcomer_b",
        lambda w: f"/listings/{w.objects['listing'].pk}/apply/",
        "message",
        lambda w, t: {"message": t},
        api=False,
        show=lambda w: "/me/applications/",
    ),
    "listing editor: title": Target(
        "employer_a",
        _listing_editor,
        "title",
        lambda w, t: listing_data(title=t),
        api=False,
        show=_listing_page,
    ),
    "listing editor: description": Target(
        "employer_a",
        _listing_editor,
        "description",
        lambda w, t: listing_data(description=t),
        api=False,
        show=_listing_page,
    ),
    "listing editor: screening question": Target(
        "employer_a",
        _listing_editor,
        "text",
        lambda w, t: listing_data(questions=[(t, "yes")]),
        api=False,
        show=_listing_editor,
    ),
    "organisation register form: name": Target(
        "employer_a",
        lambda w: "/employer/organisations/new/",
        "name",
        lambda w, t: {"orgnr": "937884117", "name": t, "kommune": "0301", "employees": "6"},
        api=False,
    ),
    "organisation register form: orgnr": Target(
        "employer_a",
        lambda w: "/employer/organisations/new/",
        "orgnr",
        lambda w, t: {"orgnr": t, "name": "Tøyen AS", "kommune": "0301", "employees": "6"},
        api=False,
        plain="937 884 117",
    ),
    "agreement terms form: supervisor_name": _terms_form("supervisor_name", show=_agreement_page),
    "agreement terms form: goals": _terms_form("goals_language", show=_agreement_page),
    "agreement terms form: supervisor_phone": _terms_form("supervisor_phone", plain="912 34 567"),
    "notification settings form: channel": Target(
        "newcomer_a",
        lambda w: "/notifications/settings/",
        "applications",
        lambda w, t: {"applications": [t, "email"]},
        api=False,
        plain="sms",
    ),
    "invitation form: email": Target(
        "employer_a",
        lambda w: f"/employer/organisations/{w.objects['organisation'].pk}/invitations/",
        "email",
        lambda w, t: {"email": t, "rights": "member"},
        api=False,
        plain="nina.holm@example.org",
    ),
    "api agreement terms: supervisor_name": Target(
        "employer_a",
        lambda w: f"/api/v1/agreements/{w.objects['draft_agreement'].pk}/",
        "supervisor_name",
        lambda w, t: {"version": _version(w), "supervisor_name": t},
        api=True,
        method="patch",
    ),
    "api agreement terms: goals": Target(
        "employer_a",
        lambda w: f"/api/v1/agreements/{w.objects['draft_agreement'].pk}/",
        "goals",
        lambda w, t: {"version": _version(w), "goals": [{"kind": "language", "text": t}]},
        api=True,
        method="patch",
    ),
    "api invitation: email": Target(
        "employer_a",
        lambda w: f"/api/v1/organisations/{w.objects['organisation'].pk}/invitations/",
        "email",
        lambda w, t: {"email": t, "rights": "member"},
        api=True,
        plain="nina.holm@example.org",
    ),
    "api invitation accept: token": Target(
        "employer_b",
        lambda w: "/api/v1/invitations/accept/",
        "token",
        lambda w, t: {"token": t},
        api=True,
        plain=None,  # only the emailed link has a valid token
    ),
    "api applicant profile: experience": Target(
        "newcomer_a",
        lambda w: "/api/v1/me/profile/",
        "experience",
        lambda w, t: {"experience": t},
        api=True,
        method="patch",
    ),
    "api saved search: name": Target(
        "newcomer_a",
        lambda w: "/api/v1/saved-searches/",
        "name",
        lambda w, t: {"name": t, "query": "baker"},
        api=True,
    ),
    "api saved search: query": Target(
        "newcomer_a",
        lambda w: "/api/v1/saved-searches/",
        "query",
        lambda w, t: {"name": "Bakeri", "query": t},
        api=True,
    ),
    "api application reject: note": Target(
        "employer_a",
        lambda w: f"/api/v1/applications/{w.objects['application'].pk}/reject/",
        "note",
        lambda w, t: {"reason": "other", "note": t},
        api=True,
    ),
    "api listing edit: title": Target(
        "employer_a",
        lambda w: f"/api/v1/listings/{w.objects['listing'].pk}/",
        "title",
        lambda w, t: {"title": t},
        api=True,
        method="patch",
    ),
    "api organisation register: name": Target(
        "employer_a",
        lambda w: "/api/v1/organisations/",
        "name",
        lambda w, t: {"orgnr": "937884117", "name": t, "kommune": "0301", "employees": 5},
        api=True,
    ),
}


def _version(world: World) -> int:
    """The draft agreement's version now (each save makes a new one)."""
    agreement = world.objects["draft_agreement"]
    return int(type(agreement).objects.values_list("version", flat=True).get(pk=agreement.pk))


def _terms(world: World, **changes: Any) -> dict[str, Any]:
    """A valid terms form of the draft agreement, with `changes`."""
    agreement = world.objects["draft_agreement"]
    start = agreement.start_date or datetime.date.today() + datetime.timedelta(days=30)
    return {
        "version": _version(world),
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=180)).isoformat(),
        "hours_per_week": "30",
        "tuition_hours_per_week": "5",
        "position_percent": "80",
        "monthly_wage_nok": "30000",
        "supervisor_name": "Per Bakke",
        "supervisor_phone": "912 34 567",
        "goals_language": "Norsk B1 muntlig",
        "goals_work_skills": "",
        "goals_trade_certificate": "",
        **changes,
    }


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _send(world: World, target: Target, body: dict[str, Any]):  # type: ignore[no-untyped-def]
    client: Client = world.client(target.persona)
    url = target.url(world)
    if target.api:
        return client.generic(
            target.method.upper(), url, json.dumps(body), content_type="application/json"
        )
    if target.method == "get":
        return client.get(url, body)
    return client.post(url, body)


def _names_field(key: str, field: str) -> bool:
    """An error key names `field` itself or a path inside it (`goals.0.text`, `name.\\x00`)."""
    return key == field or key.startswith(f"{field}.")


def _check_refusal(target: Target, response: Any) -> None:
    if target.api:
        error = response.json()["error"]
        assert error["code"] and error["message"], error
        if error["code"] != "validation_error":
            return
        fields = error["fields"]
        assert "non_field_errors" in fields or any(
            _names_field(key, target.field) for key in fields
        ), error
    elif target.method == "get" and response.status_code == 400:
        # A NUL in a query parameter: the middleware's plain-text 400 naming the parameter.
        assert response["Content-Type"].startswith("text/plain"), response["Content-Type"]
        with translation.override(response["Content-Language"]):
            expected = _("The search parameter %(name)s has a null character in it.") % {
                "name": target.field
            }
        assert response.content.decode() == expected, response.content
    else:
        assert b"error" in response.content.lower()


@pytest.mark.parametrize("name", sorted(TARGETS))
@HYPOTHESIS
@given(text=hostile_text)
def test_hostile_text(world: World, name: str, text: str) -> None:
    target = TARGETS[name]
    with _rolled_back():  # each example starts from the same world
        before = row_counts()
        response = _send(world, target, target.body(world, text))
        assert response.status_code < 500, response.content[:500]
        refused = response.status_code == 400 or (
            not target.api and target.method == "post" and response.status_code == 200
        )
        if refused:
            _check_refusal(target, response)
            assert row_counts() == before, "a refused form or body saved rows"
        page = response
        if target.show is not None and response.status_code in (200, 201, 302):
            page = world.client(target.persona).get(target.show(world))
        if page.status_code == 200 and "html" in page.get("Content-Type", ""):
            assert SCRIPT.encode() not in page.content


@pytest.mark.parametrize(
    "name", sorted(n for n, t in TARGETS.items() if t.api and t.method != "get")
)
@HYPOTHESIS
@given(value=wrong_json)
def test_wrong_types_and_nesting(world: World, name: str, value: Any) -> None:
    target = TARGETS[name]
    with _rolled_back():
        before = row_counts()
        body = target.body(world, "x")
        body[target.field] = value
        response = _send(world, target, body)
        assert response.status_code < 500, response.content[:500]
        if response.status_code == 400:
            _check_refusal(target, response)
            assert row_counts() == before


@pytest.mark.parametrize("name", sorted(n for n, t in TARGETS.items() if t.api))
def test_a_deeply_nested_body_is_a_400(world: World, name: str) -> None:
    target = TARGETS[name]
    body = target.body(world, "x")
    body[target.field] = "NESTED"
    # Written out by hand: json.dumps itself cannot go 5000 levels deep.
    text = json.dumps(body).replace('"NESTED"', "[" * 5000 + '"x"' + "]" * 5000)
    client: Client = world.client(target.persona)
    with _rolled_back():
        before = row_counts()
        response = client.generic(
            target.method.upper(), target.url(world), text, content_type="application/json"
        )
        assert response.status_code == 400, response.content[:300]
        assert row_counts() == before


@pytest.mark.parametrize("name", sorted(n for n, t in TARGETS.items() if t.plain is not None))
def test_every_target_takes_plain_text(world: World, name: str) -> None:
    """The bodies are valid apart from the hostile field: plain text there is accepted, so the
    hostile values reach the services and the pages that show them."""
    target = TARGETS[name]
    assert target.plain is not None
    with _rolled_back():
        response = _send(world, target, target.body(world, target.plain))
        if target.method == "get":
            assert response.status_code == 200
        elif target.api:
            assert response.status_code in (200, 201), response.content[:500]
        else:
            assert response.status_code == 302, _errors(response)


def _errors(response: Any) -> str:
    form = (response.context or {}).get("form")
    return f"HTTP {response.status_code}: {form.errors if form is not None else ''}"

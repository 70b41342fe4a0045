# ruff: noqa: F811 - pytest passes the imported `world` fixture by name
"""Every route, every method it takes, as every persona: the outcome the access table says.

One test per route: it sends each method of each of the route's rows as every persona and
reports every persona whose outcome differs from the table, naming route, method and persona.
Each request runs in a savepoint that is rolled back, so one persona's allowed write does not
change what the next one sees. A refused write must leave every watched table as it was.

The admin's 27 model admins all sit behind the same gate (AdminSite.admin_view): every model's
changelist, add and change pages are checked with GET as every persona; history, delete, the
`<id>/` redirect and the POSTs are checked in full for a few representative models and for the
routes the table names on rows of their own (the read-only models).

A route without a row fails `test_every_route_has_a_row`: a new endpoint cannot be added without
deciding who may use it (add one line to tests/security/access_table.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from rest_framework.views import APIView

from tests.security.access import (
    ALLOW,
    INPUT,
    WRITE_METHODS,
    Route,
    Row,
    fingerprint,
    model_admin_of,
    outcome_of,
    routes,
    rows_for,
    url_of,
)
from tests.security.access_table import ROWS
from tests.security.world import PERSONAS, World, world  # noqa: F401 - the module's world

ROUTES = list(routes())

# Models whose admin routes are checked with every method (the others: GET of changelist, add
# and change). Models with rows of their own in the table are checked in full too.
FULLY_CHECKED_ADMIN_MODELS = frozenset(
    {
        "accounts.user",
        "organisations.organisation",
        "listings.listing",
        "oauth2_provider.application",
    }
)
_ADMIN_GET_ONLY_SUFFIXES = ("_changelist", "_add", "_change")


def _methods(route: Route, table_row: Row) -> list[str]:
    methods = table_row.methods.split()
    model_admin = model_admin_of(route)
    if model_admin is None or "*" not in table_row.key:
        return methods
    if model_admin.model._meta.label_lower in FULLY_CHECKED_ADMIN_MODELS:
        return methods
    if route.name is not None and route.name.endswith(_ADMIN_GET_ONLY_SUFFIXES):
        return [m for m in methods if m == "GET"]
    return []


def _cases() -> list[pytest.param]:  # type: ignore[valid-type]
    cases = []
    for route in ROUTES:
        checks = [
            (table_row, method)
            for table_row in rows_for(route, ROWS)
            for method in _methods(route, table_row)
        ]
        if checks:
            cases.append(pytest.param(route, checks, id=route.key))
    return cases


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _send(client: Client, method: str, url: str, api: bool) -> HttpResponse:
    if method == "GET":
        return client.get(url)
    if api:
        return client.generic(method, url, "{}", content_type="application/json")
    return client.generic(method, url, "", content_type="application/x-www-form-urlencoded")


def _refused(table_row: Row, persona: str) -> bool:
    return table_row.expected(persona) not in (ALLOW, INPUT)


def _check(world: World, route: Route, table_row: Row, method: str) -> list[str]:
    """The personas whose outcome differs from the row's, and refused writes that changed rows."""
    url = url_of(route, table_row, world)
    api = route.pattern.startswith("api/")
    failures = []

    def send(persona: str) -> None:
        expected = table_row.expected(persona)
        response = _send(world.client(persona), method, url, api)
        got = outcome_of(response)
        if got != expected:
            failures.append(
                f"{method} {url} ({route.key}) as {persona}: expected {expected}, got {got} "
                f"(HTTP {response.status_code} {response.get('Location', '')})"
            )

    personas = table_row.only or PERSONAS
    watch = method in WRITE_METHODS
    refused = [p for p in personas if watch and _refused(table_row, p)]
    for persona in personas:
        if persona not in refused:
            with _rolled_back():
                send(persona)
    if not refused:
        return failures
    # The refused writes together, between two fingerprints; one by one only when rows changed.
    with _rolled_back():
        before = fingerprint()
        for persona in refused:
            send(persona)
        changed = fingerprint() != before
    if changed:
        for persona in refused:
            with _rolled_back():
                before = fingerprint()
                _send(world.client(persona), method, url, api)
                tables = [t for t, was in zip(fingerprint(), before, strict=True) if t != was]
            if tables:
                failures.append(f"{method} {url} as {persona} was refused but changed {tables}")
    return failures


@pytest.mark.parametrize(("route", "checks"), _cases())
def test_access(world: World, db: None, route: Route, checks: list[tuple[Row, str]]) -> None:
    failures = [line for row, method in checks for line in _check(world, route, row, method)]
    assert not failures, "\n".join(failures)


def test_every_route_has_a_row() -> None:
    missing = sorted(route.key for route in ROUTES if not rows_for(route, ROWS))
    assert not missing, "Routes without a row in tests/security/access_table.py:\n" + "\n".join(
        missing
    )


def test_every_row_has_a_route() -> None:
    keys = {route.key for route in ROUTES}
    stale = sorted(r.key for r in ROWS if "*" not in r.key and r.key not in keys)
    assert not stale, f"Rows of routes that no longer exist: {stale}"


def test_every_fully_checked_admin_model_is_registered() -> None:
    registered = {
        model_admin.model._meta.label_lower
        for route in ROUTES
        if (model_admin := model_admin_of(route)) is not None
    }
    missing = FULLY_CHECKED_ADMIN_MODELS - registered
    assert not missing, f"not in the admin: {sorted(missing)}"


def test_api_rows_name_every_method_the_view_takes() -> None:
    wrong = []
    for route in ROUTES:
        view_class = getattr(route.callback, "cls", None)
        if view_class is None or not issubclass(view_class, APIView):
            continue
        takes = {m for m in view_class().allowed_methods if m not in ("OPTIONS", "HEAD")}
        named = {m for table_row in rows_for(route, ROWS) for m in table_row.methods.split()}
        if takes != named:
            wrong.append(f"{route.key}: view takes {sorted(takes)}, the rows say {sorted(named)}")
    assert not wrong, "\n".join(wrong)

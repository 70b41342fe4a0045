# ruff: noqa: F811 - pytest passes the imported `world` fixture by name
"""Every route, every method it takes, as every persona: the outcome the access table says.

A route without a row fails `test_every_route_has_a_row`: a new endpoint cannot be added without
deciding who may use it (add one line to tests/security/access_table.py).
"""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.views import APIView

from tests.security.access import (
    ALLOW,
    INPUT,
    WRITE_METHODS,
    Route,
    Row,
    fingerprint,
    outcome_of,
    routes,
    rows_for,
    url_of,
)
from tests.security.access_table import ROWS
from tests.security.world import PERSONAS, World, world  # noqa: F401 - the module's world

ROUTES = list(routes())


def _cases() -> list[pytest.param]:  # type: ignore[valid-type]
    cases = []
    for route in ROUTES:
        for table_row in rows_for(route, ROWS):
            for method in table_row.methods.split():
                for persona in PERSONAS:
                    cases.append(
                        pytest.param(
                            route, table_row, method, persona, id=f"{route.key} {method} {persona}"
                        )
                    )
    return cases


def _send(client: Client, method: str, url: str, api: bool):  # type: ignore[no-untyped-def]
    if method == "GET":
        return client.get(url)
    if api:
        return client.generic(method, url, "{}", content_type="application/json")
    return client.generic(method, url, "", content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize(("route", "table_row", "method", "persona"), _cases())
def test_access(
    world: World, db: None, route: Route, table_row: Row, method: str, persona: str
) -> None:
    expected = table_row.expected(persona)
    url = url_of(route, table_row, world)
    watch = method in WRITE_METHODS and expected not in (ALLOW, INPUT)
    client = world.client(persona)  # signed in before the snapshot: that sets last_login
    before = fingerprint() if watch else []
    response = _send(client, method, url, route.pattern.startswith("api/"))
    got = outcome_of(response)
    assert got == expected, (
        f"{method} {url} ({route.key}) as {persona}: expected {expected}, got {got} "
        f"(HTTP {response.status_code} {response.get('Location', '')})"
    )
    if watch:
        changed = [table for table, was in zip(fingerprint(), before, strict=True) if table != was]
        assert not changed, f"{method} {url} as {persona} was refused but changed {changed}"


def test_every_route_has_a_row() -> None:
    missing = sorted(route.key for route in ROUTES if not rows_for(route, ROWS))
    assert not missing, "Routes without a row in tests/security/access_table.py:\n" + "\n".join(
        missing
    )


def test_every_row_has_a_route() -> None:
    keys = {route.key for route in ROUTES}
    stale = sorted(r.key for r in ROWS if "*" not in r.key and r.key not in keys)
    assert not stale, f"Rows of routes that no longer exist: {stale}"


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

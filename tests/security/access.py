"""The pieces of the access matrix: rows, the routes the resolver knows, outcome classes.

An outcome class is what a persona gets from a route:

- allow:  2xx, or 3xx to a page that is not a login page
- input:  400 or 409: the caller was let through to the form or the service, which refused the
          (empty) body or the row's present state; whether a service would still refuse this
          caller with a valid body is for the feature's own tests
- login:  401, or a redirect to a login page (allauth's, the admin's, the MFA step)
- deny:   403
- hidden: 404 (the row is outside the caller's scope)
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.world import MACHINES, PERSONAS, World

ALLOW, INPUT, LOGIN, DENY, HIDDEN = "allow", "input", "login", "deny", "hidden"
OUTCOMES = (ALLOW, INPUT, LOGIN, DENY, HIDDEN)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Everyone without a session: sent to log in by the pages.
NOT_SIGNED_IN = ("anonymous", *MACHINES)


def _personas(value: str | Iterable[str]) -> tuple[str, ...]:
    names = tuple(value.split()) if isinstance(value, str) else tuple(value)
    unknown = set(names) - set(PERSONAS)
    if unknown:
        raise ValueError(f"unknown personas: {sorted(unknown)}")
    return names


@dataclass(frozen=True)
class Row:
    """Who gets what from one route: `key` is the route's name (namespace:name) or, for a route
    without a name, its pattern; a key with `*` covers every route it matches."""

    key: str
    methods: str = "GET"
    obj: str | None = None  # the world object whose pk goes into <pk>
    kwargs: dict[str, str] = field(default_factory=dict)
    path: str | None = None  # the URL itself, for routes without a name
    allow: tuple[str, ...] = ()
    input: tuple[str, ...] = ()
    login: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    rest: str = DENY  # the outcome of every persona not named
    only: tuple[str, ...] = ()  # check these personas alone (a route the same for everyone)

    def expected(self, persona: str) -> str:
        for outcome in OUTCOMES:
            if persona in getattr(self, outcome):
                return outcome
        return self.rest


def row(
    key: str,
    methods: str = "GET",
    obj: str | None = None,
    *,
    kwargs: dict[str, str] | None = None,
    path: str | None = None,
    allow: str | Iterable[str] = (),
    input: str | Iterable[str] = (),
    login: str | Iterable[str] = (),
    deny: str | Iterable[str] = (),
    hidden: str | Iterable[str] = (),
    rest: str = DENY,
    only: str | Iterable[str] = (),
) -> Row:
    assert rest in OUTCOMES, rest
    outcomes = {
        ALLOW: _personas(allow),
        INPUT: _personas(input),
        LOGIN: _personas(login),
        DENY: _personas(deny),
        HIDDEN: _personas(hidden),
    }
    _as_a_guide_without_newcomers("coordinator", outcomes, has_object=bool(obj or kwargs))
    return Row(
        key=key,
        methods=methods,
        obj=obj,
        kwargs=kwargs or {},
        path=path,
        allow=outcomes[ALLOW],
        input=outcomes[INPUT],
        login=outcomes[LOGIN],
        deny=outcomes[DENY],
        hidden=outcomes[HIDDEN],
        rest=rest,
        only=_personas(only),
    )


def _as_a_guide_without_newcomers(
    persona: str, outcomes: dict[str, tuple[str, ...]], *, has_object: bool
) -> None:
    """The buddy coordinator is a guide with no newcomers of their own. Where a row names the
    guide and not them, they get what a guide gets, except that a row about one of the guide's
    newcomers (or plans) is outside their scope: hidden."""
    if any(persona in names for names in outcomes.values()):
        return
    for outcome, names in outcomes.items():
        if "guide" in names:
            if has_object and outcome in (ALLOW, INPUT):
                outcome = HIDDEN
            outcomes[outcome] = (*outcomes[outcome], persona)
            return


@dataclass(frozen=True)
class Route:
    key: str  # namespace:name, or the pattern when the route has no name
    name: str | None
    pattern: str
    callback: Any


def routes() -> Iterator[Route]:
    """Every URL pattern the resolver knows, included ones too (admin, allauth, API, OAuth)."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                pattern = prefix + str(entry.pattern)
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield Route(name or pattern, name, pattern, entry.callback)

    yield from walk(get_resolver(), "", "")


def rows_for(route: Route, rows: Iterable[Row]) -> list[Row]:
    """The route's own rows (one per method or group of methods), else the first pattern row
    that matches it."""
    rows = list(rows)
    own = [candidate for candidate in rows if candidate.key == route.key]
    if own:
        return own
    for candidate in rows:
        if "*" in candidate.key and fnmatch.fnmatchcase(route.key, candidate.key):
            return [candidate]
    return []


def model_admin_of(route: Route) -> Any:
    """The ModelAdmin serving the route (changelist, add, change, ...), or None."""
    return getattr(route.callback, "model_admin", None)


def url_of(route: Route, table_row: Row, world: World) -> str:
    """The URL the row's request goes to. A kwarg written `@name` takes the pk of the world's
    object `name`."""
    model_admin = model_admin_of(route)
    first_pk = "0"
    if model_admin is not None and "object_id" in route.pattern:
        first = model_admin.model._default_manager.order_by("pk").first()
        first_pk = str(first.pk if first is not None else 0)
        if route.name is None:  # the admin's `<path:object_id>/` redirect to the change page
            return "/" + route.pattern.replace("<path:object_id>", first_pk)
    if table_row.path is not None:
        return table_row.path
    kwargs: dict[str, Any] = {
        key: world.objects[value[1:]].pk if value.startswith("@") else value
        for key, value in table_row.kwargs.items()
    }
    if table_row.obj is not None:
        kwargs["pk"] = world.objects[table_row.obj].pk
    if model_admin is not None and "object_id" in route.pattern:
        kwargs["object_id"] = first_pk
    if "<id>" in route.pattern:
        kwargs["id"] = str(world.users["platform_admin"].pk)
    assert route.name is not None, f"give the row of {route.key} a path"
    return reverse(route.name, kwargs=kwargs)


LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/accounts/2fa/authenticate/")


def outcome_of(response: HttpResponse) -> str:
    status = response.status_code
    if status == 401:
        return LOGIN
    if status in (301, 302, 303, 307, 308):
        location = urlsplit(response["Location"]).path
        return LOGIN if location.startswith(LOGIN_PATHS) else ALLOW
    if 200 <= status < 300:
        return ALLOW
    if status in (400, 409):
        return INPUT
    if status == 403:
        return DENY
    if status == 404:
        return HIDDEN
    return f"HTTP {status}"


# The tables whose rows a refused write must leave as they were.
_WATCHED_APPS = (
    "accounts",
    "organisations",
    "listings",
    "applications",
    "placements",
    "notifications",
    "subsidies",
    "buddies",
    "oauth2_provider",
    "account",
    "mfa",
    "auth",
)


def fingerprint() -> list[str]:
    """A hash per watched table of all its rows, in one query."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in _WATCHED_APPS and not model._meta.proxy
        }
    )
    hashes = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f"FROM {connection.ops.quote_name(table)} t)"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {hashes}")
        row = cursor.fetchone()
    return [f"{table}:{value}" for table, value in zip(tables, row, strict=True)]

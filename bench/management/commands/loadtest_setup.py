"""Data and signed-in sessions for the load test (deploy/load/): the demo's people, organisations,
applications and case system, plus published listings up to --listings, and a JSON file with one
session per newcomer and employer (employers' sessions have passed the second factor) for locust.

Only for a database of its own: it refuses to run on one that holds people who are not the demo's.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import RequestFactory

from accounts.models import Role, User
from bench.listing_data import bench_organisation, seed_published_listings
from demo.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, seed_demo
from listings.models import Listing, ListingStatus

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _session(user: User) -> str:
    """A saved session for `user`, signed in as allauth's login would leave it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    if user.requires_mfa:
        device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        device = device or TOTP.activate(user, generate_totp_secret()).instance
        post_authentication(request, device)
    session.save()
    return str(session.session_key)


class Command(BaseCommand):
    help = "Seed the load test's data and write its sessions and client to a JSON file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--listings", type=int, default=100_000)
        parser.add_argument("--out", default=str(Path(settings.VAR_DIR) / "loadtest.json"))

    def handle(self, *args: Any, listings: int, out: str, **options: Any) -> None:
        if not settings.USES_POSTGRES:
            raise CommandError("The load test runs on PostgreSQL: set DATABASE_URL.")
        seed_demo()
        organisation = bench_organisation()
        have = Listing.objects.filter(status=ListingStatus.PUBLISHED).count()
        if have < listings:
            rng = random.Random(2026)  # noqa: S311 - reproducible test data
            seed_published_listings(organisation=organisation, count=listings - have, rng=rng)
        newcomers = User.objects.filter(role=Role.NEWCOMER, is_active=True)
        employers = User.objects.filter(
            role=Role.EMPLOYER, is_active=True, memberships__isnull=False
        )
        newcomer_sessions = [_session(user) for user in newcomers.distinct()]
        employer_sessions = [
            {
                "session": _session(user),
                "listings": list(
                    Listing.objects.filter(organisation__memberships__user=user)
                    .exclude(organisation=organisation)
                    .values_list("pk", flat=True)[:20]
                ),
            }
            for user in employers.distinct()
        ]
        data = {
            "newcomers": newcomer_sessions,
            "employers": employer_sessions,
            "client": {"id": DEMO_CLIENT_ID, "secret": DEMO_CLIENT_SECRET},
            "listings": list(
                Listing.objects.filter(status=ListingStatus.PUBLISHED)
                .order_by("?")
                .values_list("pk", flat=True)[:500]
            ),
        }
        Path(out).write_text(json.dumps(data))
        self.stdout.write(
            f"{max(have, listings)} published listings; {len(newcomer_sessions)} newcomer and "
            f"{len(employer_sessions)} employer sessions written to {out}"
        )

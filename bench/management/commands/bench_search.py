"""Benchmark: seed published listings and time search requests through the full Django stack.

DATABASE_URL=postgres://... python manage.py bench_search --listings 100000 --requests 400
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from listings.models import Listing, ListingKind, ListingStatus
from listings.services import SEARCH_CONFIG
from organisations.models import Organisation
from reference.models import Kommune, Occupation

BENCH_ORGNR = "923609016"


def bench_organisation() -> Organisation:
    """The one organisation the benchmarks' listings belong to, so that they are easy to find."""
    organisation, _created = Organisation.objects.get_or_create(
        orgnr=BENCH_ORGNR,
        defaults={"name": "Benchmark AS", "kommune_id": "0301", "aga_zone": "I", "employees": 10},
    )
    return organisation


# Words of everyday job ads; each listing's title and text also use its occupation's own title,
# so that a search word matches a realistic share of the listings, as it would in real ads.
FILLER_TEXT = (
    "vi søker deg som liker å jobbe med mennesker og har lyst til å lære nye ting hos oss "
    "arbeidstid dagtid turnus helg opplæring kollega team kunder ansvar trivsel norskkurs "
    "oppmøte presis blid praktisk erfaring ønskelig ikke nødvendig"
)
FILLER = FILLER_TEXT.split()
QUERIES = [
    "kokk",
    "barnehage",
    "lager",
    "renhold",
    "sjåfør",
    "butikk",
    "helsefagarbeider",
    "snekker",
]


def seed_published_listings(*, organisation: Organisation, count: int, rng: random.Random) -> None:
    """`count` published listings of `organisation` with words from real occupations, indexed."""
    occupations = list(Occupation.objects.filter(level=4).values_list("code", "title_nb"))
    kommuner = list(Kommune.objects.values_list("number", flat=True))
    today = timezone.localdate()
    now = timezone.now()
    kinds = [k.value for k in ListingKind]
    levels = ["A1", "A2", "B1", "B2"]
    batch: list[Listing] = []
    with transaction.atomic():
        for index in range(count):
            kind = rng.choice(kinds)
            code, occupation_title = rng.choice(occupations)
            words = occupation_title.lower().split()
            batch.append(
                Listing(
                    organisation=organisation,
                    kind=kind,
                    status=ListingStatus.PUBLISHED,
                    title=f"{occupation_title} {index}",
                    description=" ".join(words + rng.choices(FILLER, k=30)),
                    occupation_id=code,
                    kommune_id="0301" if rng.random() < 0.3 else rng.choice(kommuner),
                    position_percent=rng.choice([50, 60, 80, 100]),
                    start_date=today + datetime.timedelta(days=rng.randint(5, 200)),
                    monthly_wage=None if kind == ListingKind.PRAKSISPLASS else 28_000,
                    days_per_week=3 if kind == ListingKind.PRAKSISPLASS else None,
                    work_hours_per_week=25 if kind == ListingKind.INNSTEGSJOBB else None,
                    tuition_hours_per_week=6 if kind == ListingKind.INNSTEGSJOBB else None,
                    norwegian_spoken=rng.choice(levels),
                    norwegian_written=rng.choice(levels),
                    workplace_languages=rng.sample(["en", "ar", "uk", "so", "ti", "fa"], 2),
                    positions=1,
                    deadline=today + datetime.timedelta(days=rng.randint(1, 90)),
                    published_at=now - datetime.timedelta(minutes=index),
                )
            )
            if len(batch) == 5000:
                Listing.objects.bulk_create(batch)
                batch = []
        Listing.objects.bulk_create(batch)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                UPDATE listings_listing AS l SET search_vector =
                    setweight(to_tsvector('{SEARCH_CONFIG}', l.title), 'A')
                    || setweight(to_tsvector('{SEARCH_CONFIG}', l.description), 'B')
                    || setweight(to_tsvector('{SEARCH_CONFIG}', o.title_nb), 'C')
                FROM reference_occupation AS o
                WHERE o.code = l.occupation_id AND l.organisation_id = %s
                """,  # noqa: S608 - SEARCH_CONFIG is our constant
                [organisation.pk],
            )
    # What autovacuum does after a bulk load: merge the GIN pending list, drop dead rows.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE listings_listing")


class Command(BaseCommand):
    help = "Seed published listings and report p50/p95 of search requests (words and filters)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--listings", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=400)
        parser.add_argument("--keep", action="store_true", help="keep the seeded listings")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.USES_POSTGRES:
            raise CommandError("The search benchmark runs on PostgreSQL: set DATABASE_URL.")
        rng = random.Random(2026)  # noqa: S311 - reproducible test data, not security
        organisation = bench_organisation()
        started = time.monotonic()
        seed_published_listings(organisation=organisation, count=options["listings"], rng=rng)
        self.stdout.write(
            f"seeded {options['listings']} listings in {time.monotonic() - started:.1f} s"
        )
        try:
            timings = self._measure(options["requests"], rng)
        finally:
            if not options["keep"]:
                Listing.objects.filter(organisation=organisation).delete()
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(
            f"{len(timings)} search requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"max {timings[-1]:.1f} ms (goal: p95 under 50 ms)"
        )

    def _measure(self, count: int, rng: random.Random) -> list[float]:
        client = Client()
        timings: list[float] = []
        for index in range(count):
            params: dict[str, Any] = {"q": rng.choice(QUERIES)}
            if index % 2:
                params["kommune"] = "0301"
            if index % 3 == 0:
                params["kind"] = rng.choice([k.value for k in ListingKind])
            if index % 4 == 0:
                params["norwegian_level"] = "B1"
            if index % 5 == 0:
                params["languages"] = "ar"
            url = f"/api/v1/listings/?{urlencode(params)}"
            started = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            timings.append(elapsed)
        return timings

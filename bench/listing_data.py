"""Listings for benchmarks and load tests: realistic text in which each search word matches a
known share of the listings, made inside PostgreSQL (one INSERT ... SELECT per batch).

Used by bench/ (bench_search, beside the code, not in the image), loadtest_setup and
bench_notifications.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

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


@dataclass(frozen=True)
class SearchWord:
    word: str
    share: float  # of the listings whose text holds it
    where: str  # "title" or "description"


# One rare, one common and one broad word of real job ads; no occupation title and no filler
# word has the same stem, so each matches its share and no more.
SEARCH_WORDS = (
    SearchWord("sushi", 0.002, "title"),
    SearchWord("turnus", 0.04, "description"),
    SearchWord("helg", 0.20, "description"),
)

# Everyday words of Norwegian job ads (none shares a stem with a search word).
FILLER = [
    "vi",
    "søker",
    "deg",
    "som",
    "liker",
    "å",
    "jobbe",
    "med",
    "mennesker",
    "og",
    "har",
    "lyst",
    "til",
    "å",
    "lære",
    "nye",
    "ting",
    "hos",
    "oss",
    "arbeidstid",
    "dagtid",
    "kveld",
    "opplæring",
    "kollega",
    "team",
    "kunder",
    "ansvar",
    "trivsel",
    "norskkurs",
    "oppmøte",
    "presis",
    "blid",
    "praktisk",
    "erfaring",
    "ønskelig",
    "nødvendig",
    "fast",
    "stilling",
    "deltid",
    "heltid",
    "vikariat",
    "arbeidsplass",
    "godt",
    "miljø",
    "faglig",
    "utvikling",
    "lønn",
    "etter",
    "avtale",
    "tariff",
    "pensjon",
    "forsikring",
    "bedrift",
    "avdeling",
    "leder",
    "ansatte",
    "daglig",
    "rutiner",
    "rengjøring",
    "utstyr",
    "verktøy",
    "sikkerhet",
    "kvalitet",
    "service",
    "bestilling",
    "levering",
    "varer",
    "kasse",
    "butikk",
    "kafé",
    "kjøkken",
    "servering",
    "mat",
    "omsorg",
    "pleie",
    "barn",
    "eldre",
    "skole",
    "barnehage",
    "bygg",
    "anlegg",
    "maling",
    "snekring",
    "transport",
    "bil",
    "sertifikat",
    "kurs",
    "språk",
    "samarbeid",
    "selvstendig",
    "fleksibel",
    "motivert",
    "pålitelig",
    "strukturert",
    "positiv",
    "engasjert",
    "arbeidsoppgaver",
    "hverdag",
    "mandag",
    "fredag",
    "morgen",
    "ettermiddag",
    "uke",
    "måned",
    "sommer",
    "vinter",
    "høst",
    "vår",
    "start",
    "snart",
    "søknad",
    "intervju",
    "referanser",
    "attest",
    "politiattest",
]

KINDS = [kind.value for kind in ListingKind]
LEVELS = ["A0", "A1", "A2", "B1", "B2", "C1"]
LANGUAGES = ["en", "ar", "uk", "so", "ti", "fa", "pl", "ru"]


def seed_listings(
    *,
    organisation: Organisation,
    count: int,
    archive_share: float = 0.0,
    seed: int = 2026,
    batch: int = 50_000,
) -> None:
    """`count` listings of `organisation`, `archive_share` of them closed or filled (the
    archive), the others published and open; text, search vector and all, made in the database.

    Each SearchWord lands in its share of the listings, independently of the others.
    """
    occupations = list(Occupation.objects.filter(level=4).values_list("code", "title_nb"))
    kommuner = list(Kommune.objects.values_list("number", flat=True))
    words_sql = ", ".join(
        f"CASE WHEN random() < {w.share} THEN %(word{i})s ELSE '' END"
        for i, w in enumerate(SEARCH_WORDS)
    )
    statement = f"""
        INSERT INTO listings_listing (
            organisation_id, kind, status, title, description, address, position_percent,
            schedule, start_date, monthly_wage, days_per_week, work_hours_per_week,
            tuition_hours_per_week, intention_agreement, norwegian_spoken, norwegian_written,
            workplace_languages, positions, deadline, anonymous_review, search_vector,
            created_at, updated_at, published_at, closed_at, kommune_id, occupation_id
        )
        SELECT %(organisation)s, kind, status, title, description, '', position_percent, '',
               start_date,
               CASE WHEN kind = 'praksisplass' THEN NULL ELSE 28000 END,
               CASE WHEN kind = 'praksisplass' THEN 3 END,
               CASE WHEN kind = 'innstegsjobb' THEN 25 END,
               CASE WHEN kind = 'innstegsjobb' THEN 6 END,
               FALSE, spoken, written, languages, 1, deadline, TRUE,
               setweight(to_tsvector(%(config)s, title), 'A')
                 || setweight(to_tsvector(%(config)s, description), 'B')
                 || setweight(to_tsvector(%(config)s, occupation_title), 'C'),
               published_at, published_at, published_at,
               CASE WHEN status = 'published' THEN NULL ELSE published_at + interval '30 days' END,
               kommune_id, occupation_id
        FROM (
            SELECT g,
                   (%(kinds)s::text[])[1 + floor(random() * %(n_kinds)s)::int] AS kind,
                   CASE WHEN a < %(archive)s
                        THEN CASE WHEN random() < 0.7 THEN 'closed' ELSE 'filled' END
                        ELSE 'published' END AS status,
                   a < %(archive)s AS archived,
                   o.title_nb || CASE WHEN w[1] <> '' THEN ' ' || w[1] ELSE '' END AS title,
                   concat_ws(' ', lower(o.title_nb), w[2], w[3], array_to_string(ARRAY(
                       SELECT (%(filler)s::text[])[1 + floor(random() * %(n_filler)s)::int]
                       FROM generate_series(1, 40) WHERE g > 0
                   ), ' ')) AS description,
                   o.title_nb AS occupation_title, o.code AS occupation_id,
                   CASE WHEN random() < 0.3 THEN '0301'
                        ELSE (%(kommuner)s::text[])[1 + floor(random() * %(n_kommuner)s)::int]
                   END AS kommune_id,
                   (ARRAY[50, 60, 80, 100])[1 + floor(random() * 4)::int] AS position_percent,
                   (%(levels)s::text[])[1 + floor(random() * 5)::int] AS spoken,
                   (%(levels)s::text[])[1 + floor(random() * 5)::int] AS written,
                   to_jsonb(ARRAY(
                       SELECT DISTINCT (%(languages)s::text[])[1 + floor(random() * 8)::int]
                       FROM generate_series(1, floor(random() * 3)::int) WHERE g > 0
                   )) AS languages,
                   now() - make_interval(mins => g) AS published_at,
                   CASE WHEN a < %(archive)s
                        THEN current_date - (1 + floor(random() * 700)::int)
                        ELSE current_date + (1 + floor(random() * 90)::int) END AS deadline,
                   current_date + (5 + floor(random() * 200)::int) AS start_date
            FROM (
                SELECT g, random() AS a, ARRAY[{words_sql}] AS w,
                       1 + floor(random() * %(n_occupations)s)::int AS pick
                FROM generate_series(%(first)s, %(last)s) AS g
            ) AS r
            JOIN (
                SELECT row_number() OVER (ORDER BY code) AS n, code, title_nb
                FROM reference_occupation WHERE level = 4
            ) AS o ON o.n = r.pick
        ) AS s
    """  # noqa: S608 - only numbers from this module are formatted in; values are parameters
    params: dict[str, Any] = {
        "organisation": organisation.pk,
        "config": SEARCH_CONFIG,
        "kinds": KINDS,
        "n_kinds": len(KINDS),
        "archive": archive_share,
        "filler": list(FILLER),
        "n_filler": len(FILLER),
        "kommuner": kommuner,
        "n_kommuner": len(kommuner),
        "levels": LEVELS,
        "languages": LANGUAGES,
        "n_occupations": len(occupations),
    }
    for index, word in enumerate(SEARCH_WORDS):
        params[f"word{index}"] = word.word
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        first = 1
        while first <= count:
            last = min(first + batch - 1, count)
            with transaction.atomic():
                cursor.execute(statement, {**params, "first": first, "last": last})
            first = last + 1
        # What autovacuum does after a bulk load: merge the GIN pending list, fresh statistics.
        cursor.execute("VACUUM ANALYZE listings_listing")


def word_shares(organisation: Organisation) -> dict[str, float]:
    """The share of the organisation's open listings each search word matches, as measured."""
    from listings.selectors import listing_search

    open_listings = Listing.objects.filter(
        organisation=organisation, status=ListingStatus.PUBLISHED
    )
    total = open_listings.count() or 1
    return {
        w.word: listing_search(viewer=None, q=w.word).filter(organisation=organisation).count()
        / total
        for w in SEARCH_WORDS
    }


def seed_published_listings(*, organisation: Organisation, count: int, rng: random.Random) -> None:
    """`count` published, open listings (for the load test and other benchmarks)."""
    seed_listings(organisation=organisation, count=count, seed=rng.randrange(1000))


def delete_listings(organisation: Organisation) -> None:
    """The organisation's benchmark listings gone, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM listings_listing WHERE organisation_id = %s", [organisation.pk])

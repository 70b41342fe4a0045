"""Benchmark: recompute the eligibility of many subsidy cases through Celery workers.

Seeds cases (varied people, employers and jobs, both schemes) in bulk, queues their
recomputation in chunks through the broker, and reports the time until every result is stored.
Run it on a database and a Redis database of its own, with the workers already started:

    export DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/12
    .venv/bin/celery -A worker.celery_app worker --pool prefork --concurrency 2 \\
        --without-gossip --without-mingle --loglevel WARNING &
    .venv/bin/python manage.py bench_recompute --cases 100000

The seeded rows are deleted afterwards unless --keep is given; a later run reuses kept rows.
"""

from __future__ import annotations

import datetime
import itertools
import random
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Role, User
from applications.models import Application
from bench import rules_engine as benchmark
from listings.models import Listing, ListingKind, ListingStatus
from organisations.models import Organisation
from placements.models import AgreementStatus, PlacementAgreement
from reference.models import Bydel, Kommune
from subsidies.models import CaseEvent, CaseStatus, EligibilityResult, PersonFacts, SubsidyCase
from subsidies.rules.orgnr import is_valid_orgnr
from subsidies.services import eligibility_recompute_queue
from subsidies.services.cases import SCHEME_OF_KIND
from worker.celery_app import app

EMAIL_DOMAIN = "bench.innsteg.invalid"
ORGNR_PREFIX = "99"
KOMMUNER = ("0301", "4601", "5001", "1103", "1804", "5501", "5601", "3301")
BATCH = 5000


def _orgnrs(count: int) -> list[str]:
    """Valid (mod 11) organisation numbers 99xxxxxxx, in order."""
    numbers = (f"{ORGNR_PREFIX}{serial:07d}" for serial in itertools.count())
    return list(itertools.islice(filter(is_valid_orgnr, numbers), count))


class Command(BaseCommand):
    help = (
        "Seed subsidy cases and time their recomputation through the Celery workers "
        "(start them first; see the module docstring)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--chunk", type=int, default=500, help="case ids per task")
        parser.add_argument("--timeout", type=float, default=900, help="seconds to wait at most")
        parser.add_argument(
            "--engine-seconds",
            type=float,
            default=2.0,
            help="also report the engine's evaluations a second on one core (0: skip)",
        )
        parser.add_argument("--keep", action="store_true", help="keep the seeded rows")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.USES_POSTGRES:
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        if app.conf.task_always_eager:
            raise CommandError("The benchmark needs a broker and workers: set REDIS_URL.")
        count, chunk = options["cases"], options["chunk"]
        if count < 1 or chunk < 1:
            raise CommandError("--cases and --chunk must be at least 1.")
        workers = self._workers()
        if options["engine_seconds"] > 0:
            engine = benchmark.run(options["engine_seconds"])
            self.stdout.write(
                f"engine: {engine['per_second']:,} evaluate_record a second, "
                f"{engine['parse_and_evaluate']['per_second']:,} parse + evaluate a second "
                "(one core)"
            )
        started = time.monotonic()
        organisations = self._seed(count, random.Random(2026))  # noqa: S311 - test data
        self.stdout.write(f"seeded {count:,} cases in {time.monotonic() - started:.1f} s")
        try:
            self._measure(organisations, count, chunk, workers, options["timeout"])
        finally:
            if not options["keep"]:
                self._delete(organisations)

    # Workers

    def _workers(self) -> int:
        """The number of worker processes that answer, or an error saying how to start them."""
        stats: dict[str, Any] = {}
        deadline = time.monotonic() + 30  # workers that are still starting answer soon
        while not stats and time.monotonic() < deadline:
            stats = app.control.inspect(timeout=2.0).stats() or {}
        processes = sum(
            int(node.get("pool", {}).get("max-concurrency", 1)) for node in stats.values()
        )
        if not processes:
            raise CommandError(
                "No Celery worker answered. Start them first, with the same DATABASE_URL and "
                "REDIS_URL: celery -A worker.celery_app worker --pool prefork --concurrency 2"
            )
        self.stdout.write(f"{len(stats)} worker node(s), {processes} worker process(es)")
        return processes

    # Timing

    def _measure(
        self,
        organisations: list[Organisation],
        count: int,
        chunk: int,
        workers: int,
        timeout: float,
    ) -> None:
        cases = SubsidyCase.objects.filter(organisation__in=organisations)
        with transaction.atomic():
            self._reset(cases)
        self._vacuum()
        ids = list(cases.order_by("pk").values_list("pk", flat=True)[:count])
        # A cheap poll: the first `count` seeded cases are those up to the last id.
        done = cases.filter(pk__lte=ids[-1]).filter(
            Q(current_result__isnull=False) | ~Q(compute_errors=[])
        )
        started = time.monotonic()
        tasks = eligibility_recompute_queue(case_ids=ids, chunk_size=chunk)
        queued = time.monotonic() - started
        stored = 0
        while time.monotonic() - started < timeout:
            stored = done.count()
            if stored >= len(ids):
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        if stored < len(ids):
            raise CommandError(f"only {stored:,} of {len(ids):,} stored after {timeout:.0f} s")
        eligible = cases.filter(current_result__eligible=True).count()
        failed = cases.exclude(compute_errors=[]).count()
        self.stdout.write(
            f"recomputed {len(ids):,} cases in {elapsed:.1f} s with {workers} worker "
            f"process(es): {len(ids) / elapsed:,.0f} cases a second, {tasks} tasks of "
            f"{chunk} (queued in {queued:.1f} s); {eligible:,} eligible, {failed:,} not "
            "computable (goal: 100 000 in under 60 s with 2 processes)"
        )

    def _vacuum(self) -> None:
        """What autovacuum does after a bulk load: fresh statistics, dead rows gone, so that
        the planner reads a chunk by primary key instead of scanning whole tables."""
        models = (User, PersonFacts, PlacementAgreement, SubsidyCase, EligibilityResult, CaseEvent)
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def _reset(self, cases: Any) -> None:
        """Forget earlier results, so that every case is computed and stored anew."""
        CaseEvent.objects.filter(case__in=cases).delete()
        cases.update(current_result=None, compute_errors=[], status=CaseStatus.OPEN)
        EligibilityResult.objects.filter(case__in=cases).only("pk").delete()

    # Seeding

    def _organisations(self, rng: random.Random) -> list[Organisation]:
        kommuner = list(Kommune.objects.filter(number__in=KOMMUNER).order_by("number"))
        if not kommuner:
            raise CommandError("Load the reference data first (migrate).")
        oslo_bydeler = list(Bydel.objects.filter(kommune_id="0301").values_list("pk", flat=True))
        organisations = []
        for index, orgnr in enumerate(_orgnrs(40)):
            kommune = kommuner[index % len(kommuner)]
            zone = kommune.aga_zone or kommune.zone_choices[0]
            bydel = rng.choice(oslo_bydeler) if kommune.number == "0301" else None
            organisation, _created = Organisation.objects.get_or_create(
                orgnr=orgnr,
                defaults={
                    "name": f"Benchmark {index} AS",
                    "kommune": kommune,
                    "bydel_id": bydel,
                    "aga_zone": zone,
                    "employees": rng.choice([5, 12, 30, 49, 50, 120, 800]),
                    "verified": True,
                },
            )
            organisations.append(organisation)
        return organisations

    def _listings(self, organisations: list[Organisation]) -> dict[tuple[int, str], Listing]:
        today = timezone.localdate()
        listings: dict[tuple[int, str], Listing] = {}
        for organisation in organisations:
            for kind in (ListingKind.NYSTARTSJOBB, ListingKind.INNSTEGSJOBB):
                listing, _created = Listing.objects.get_or_create(
                    organisation=organisation,
                    kind=kind,
                    title=f"Benchmark {kind}",
                    defaults={
                        "status": ListingStatus.CLOSED,
                        "description": "Benchmark listing.",
                        "occupation_id": "7512",
                        "kommune_id": organisation.kommune_id,
                        "position_percent": 100,
                        "start_date": today,
                        "monthly_wage": 30000,
                        "work_hours_per_week": 30 if kind == ListingKind.INNSTEGSJOBB else None,
                        "tuition_hours_per_week": 6 if kind == ListingKind.INNSTEGSJOBB else None,
                        "deadline": today,
                        "positions": 1,
                    },
                )
                listings[organisation.pk, kind] = listing
        return listings

    def _seed(self, count: int, rng: random.Random) -> list[Organisation]:
        organisations = self._organisations(rng)
        have = SubsidyCase.objects.filter(organisation__in=organisations).count()
        if have >= count:
            return organisations
        listings = self._listings(organisations)
        numbers = {listing.pk: listing.applications.count() for listing in listings.values()}
        now = timezone.now()
        for first in range(have, count, BATCH):
            size = min(BATCH, count - first)
            with transaction.atomic():
                self._seed_batch(first, size, organisations, listings, numbers, now, rng)
        return organisations

    def _seed_batch(
        self,
        first: int,
        size: int,
        organisations: list[Organisation],
        listings: dict[tuple[int, str], Listing],
        numbers: dict[int, int],
        now: datetime.datetime,
        rng: random.Random,
    ) -> None:
        people = User.objects.bulk_create(
            User(
                email=f"bench-{first + i}@{EMAIL_DOMAIN}",
                full_name=f"Benchmark Person {first + i}",
                role=Role.NEWCOMER,
                password="!benchmark",  # noqa: S106 - an unusable password
            )
            for i in range(size)
        )
        facts, applications, agreements, cases = [], [], [], []
        for person in people:
            organisation = rng.choice(organisations)
            kind = ListingKind.INNSTEGSJOBB if rng.random() < 0.3 else ListingKind.NYSTARTSJOBB
            start = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 700))
            applied = start - datetime.timedelta(days=rng.randint(0, 30))
            facts.append(self._person_facts(person, applied, rng))
            listing = listings[organisation.pk, kind]
            numbers[listing.pk] += 1
            applications.append(
                Application(
                    listing=listing,
                    applicant=person,
                    number=numbers[listing.pk],
                    status="accepted",
                )
            )
            position = rng.choice([40, 50, 60, 80, 100, 100, 100])
            agreements.append(
                PlacementAgreement(
                    newcomer=person,
                    organisation=organisation,
                    kommune_id=organisation.kommune_id,
                    kind=kind,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=rng.choice([180, 365, 730])),
                    hours_per_week=Decimal("37.5") * position / 100,
                    tuition_hours_per_week=Decimal(6) if kind == ListingKind.INNSTEGSJOBB else None,
                    monthly_wage_nok=Decimal(rng.randrange(18000, 45000, 250)),
                    position_percent=position,
                    supervisor_name="Benchmark",
                    status=AgreementStatus.READY,
                    newcomer_approved_at=now,
                    employer_approved_at=now,
                    veileder_approved_at=now,
                )
            )
            cases.append(
                SubsidyCase(
                    newcomer=person,
                    organisation=organisation,
                    kommune_id=organisation.kommune_id,
                    scheme=SCHEME_OF_KIND[kind],
                    application_date=applied,
                    tax_arrears_nok=Decimal(20000) if rng.random() < 0.05 else Decimal(0),
                    family_tie=rng.random() < 0.03,
                    wage_meets_tariff=rng.random() < 0.97,
                    other_wage_subsidy=rng.random() < 0.02,
                )
            )
        PersonFacts.objects.bulk_create(facts)
        Application.objects.bulk_create(applications)
        for agreement, application in zip(agreements, applications, strict=True):
            agreement.application = application
        PlacementAgreement.objects.bulk_create(agreements)
        for case, agreement in zip(cases, agreements, strict=True):
            case.agreement = agreement
        SubsidyCase.objects.bulk_create(cases)

    def _person_facts(
        self, person: User, applied: datetime.date, rng: random.Random
    ) -> PersonFacts:
        birth = applied - datetime.timedelta(days=rng.randint(19 * 365, 66 * 365))
        kind = rng.choice(["protection", "protection", "family", "work", "study", ""])
        granted = applied - datetime.timedelta(days=rng.randint(30, 60 * 30)) if kind else None
        periods = []
        if rng.random() < 0.7:
            end = applied - datetime.timedelta(days=rng.randint(1, 60))
            begin = end - datetime.timedelta(days=rng.randint(60, 4 * 365))
            periods.append({"start": begin.isoformat(), "end": end.isoformat()})
        return PersonFacts(
            person=person,
            birth_date=birth,
            permit_kind=kind,
            permit_granted_on=granted,
            in_introduction_programme=rng.random() < 0.3,
            in_norwegian_tuition=rng.random() < 0.6,
            out_of_work_periods=periods,
        )

    # Cleaning up

    def _delete(self, organisations: list[Organisation]) -> None:
        """Delete what the benchmark seeded, leaves first, loading no more than primary keys."""
        started = time.monotonic()
        cases = SubsidyCase.objects.filter(organisation__in=organisations)
        people = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        with transaction.atomic():
            self._reset(cases)
            cases.only("pk").delete()
            PlacementAgreement.objects.filter(organisation__in=organisations).only("pk").delete()
            Application.objects.filter(listing__organisation__in=organisations).only("pk").delete()
            Listing.objects.filter(organisation__in=organisations).only("pk").delete()
            PersonFacts.objects.filter(person__in=people).delete()
            people.only("pk").delete()
            Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()
        self.stdout.write(f"deleted the seeded rows in {time.monotonic() - started:.1f} s")

"""Benchmark of search: seed listings whose words match known shares, then time the search page
and the API against a bare one-query baseline.

    # in the process (django.test.Client), quick:
    DATABASE_URL=postgres://.../innsteg_bench python manage.py bench_search --listings 100000
    # over HTTP: gunicorn with the production settings serving Innsteg, and gunicorn serving the
    # bare baseline (bench/baseline_urls.py), both started here, measured in the same run:
    python manage.py bench_search --listings 100000 --http --requests 600 --keep
    python manage.py bench_search --reuse --http               # the data kept from a run before
    python manage.py bench_search --listings 1000000 --archive-share 0.9 --http
    python manage.py bench_search --drop                       # delete the benchmark's listings
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client, override_settings

from bench.listing_data import (
    SEARCH_WORDS,
    bench_organisation,
    delete_listings,
    seed_listings,
    word_shares,
)
from listings.models import Listing, ListingKind

ROOT = Path(settings.ROOT_DIR)


@dataclass
class Result:
    name: str
    timings: list[float] = field(default_factory=list)  # ms
    by_word: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    bytes: list[int] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return len(self.timings) / self.seconds if self.seconds else 0.0

    @staticmethod
    def p(values: list[float], share: float) -> float:
        ordered = sorted(values)
        return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]

    @property
    def p50(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        return self.p(self.timings, 0.95)


def _paths(count: int, *, api: bool) -> list[tuple[str, str]]:
    """(word, path) for the search page or the API: every word, with the filters people use
    and the facet counts."""
    kinds = [kind.value for kind in ListingKind]
    paths = []
    for index in range(count):
        word = SEARCH_WORDS[index % len(SEARCH_WORDS)].word
        params: list[tuple[str, str]] = [("q", word)]
        if index % 2:
            params.append(("fylke", "03"))
        if index % 3 == 0:
            params.append(("kind", kinds[index % len(kinds)]))
        if index % 4 == 0:
            params.append(("norwegian_spoken", "B1"))
        if index % 5 == 0:
            params.append(("languages", "ar"))
        if api:
            params.append(("facets", "true"))
            paths.append((word, f"/api/v1/listings/?{urlencode(params)}"))
        else:
            paths.append((word, f"/listings/?{urlencode(params)}"))
    return paths


def _baseline_paths(count: int) -> list[tuple[str, str]]:
    words = [SEARCH_WORDS[index % len(SEARCH_WORDS)].word for index in range(count)]
    return [(word, f"/?{urlencode({'q': word})}") for word in words]


HEADERS = {
    "Host": "127.0.0.1",
    "Accept-Encoding": "gzip",  # as a phone's browser asks
    "X-Forwarded-Proto": "https",  # as the proxy in front says (production redirects http)
}


def _measure_http(
    name: str, base_url: str, paths: list[tuple[str, str]], concurrency: int
) -> Result:
    """Every path once, `concurrency` at a time over kept-alive connections."""
    parts = urlsplit(base_url)
    result = Result(name)
    lock = threading.Lock()
    queue = list(reversed(paths))
    errors: list[str] = []

    def worker() -> None:
        connection = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=60
        )
        while True:
            with lock:
                if not queue or errors:
                    break
                word, path = queue.pop()
            started = time.perf_counter()
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if response.status != 200:
                    errors.append(f"{name}: {path} answered {response.status}")
                result.timings.append(elapsed)
                result.by_word.setdefault(word, []).append(elapsed)
                result.bytes.append(len(body))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    if errors:
        raise CommandError(errors[0])
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _production_environment(var_dir: str) -> dict[str, str]:
    """What the production settings require, with throwaway secrets for this run."""
    environment = dict(os.environ)
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "INNSTEG_FIELD_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "INNSTEG_LOOKUP_KEY": secrets.token_hex(32),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "SMS_BACKEND": "common.sms.HttpGatewaySmsBackend",
            "SMS_GATEWAY_URL": "http://127.0.0.1:9/",
            "SMS_GATEWAY_TOKEN": "bench",
            "INNSTEG_VAR_DIR": var_dir,
            # The anonymous API rate limit (60/min) would answer the benchmark with 429s; the
            # throttle still runs on every request. Per second, so that the history it keeps
            # for the one address every request comes from stays as short as a real visitor's
            # (a minute's window would hold thousands of requests, read and written each time).
            "API_RATE_ANONYMOUS": "1000000/s",
            "LOG_LEVEL": "WARNING",
        }
    )
    return environment


@contextlib.contextmanager
def _gunicorn(environment: dict[str, str], app: str, workers: int, log: Path) -> Iterator[str]:
    port = _free_port()
    environment = {
        **environment,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_CONTROL_SOCKET": str(log.with_suffix(".ctl")),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            [str(gunicorn), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), app],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise CommandError(f"gunicorn {app} ended: see {log}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/", headers=HEADERS)
                probe.getresponse().read()  # any answer: a worker is serving
                probe.close()
                break
            if time.monotonic() > deadline:
                raise CommandError(f"gunicorn {app} did not start: see {log}")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


class Command(BaseCommand):
    help = (
        "Seed listings whose words match known shares and time the search page and the API, "
        "in the process or over HTTP beside a bare one-query baseline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--listings", type=int, default=100_000)
        parser.add_argument(
            "--archive-share",
            type=float,
            default=0.0,
            help="share of the listings that are closed or filled (a market with its archive)",
        )
        parser.add_argument("--requests", type=int, default=600, help="per target")
        parser.add_argument("--keep", action="store_true", help="keep the seeded listings")
        parser.add_argument("--reuse", action="store_true", help="use the listings kept before")
        parser.add_argument("--drop", action="store_true", help="delete the listings and stop")
        parser.add_argument("--seed-only", action="store_true", help="seed, keep and stop")
        parser.add_argument("--http", action="store_true", help="measure over HTTP")
        parser.add_argument("--concurrency", type=int, default=4, help="HTTP clients at once")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers each")
        parser.add_argument("--innsteg-url", help="a running Innsteg instead of starting one")
        parser.add_argument("--baseline-url", help="a running baseline instead of starting one")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.USES_POSTGRES:
            raise CommandError("The search benchmark runs on PostgreSQL: set DATABASE_URL.")
        organisation = bench_organisation()
        if options["drop"]:
            delete_listings(organisation)
            self.stdout.write("benchmark listings deleted")
            return
        have = Listing.objects.filter(organisation=organisation).count()
        if options["reuse"] and have:
            self.stdout.write(f"reusing {have} listings")
        else:
            delete_listings(organisation)
            started = time.monotonic()
            seed_listings(
                organisation=organisation,
                count=options["listings"],
                archive_share=options["archive_share"],
            )
            self.stdout.write(
                f"seeded {options['listings']} listings ({options['archive_share']:.0%} archive) "
                f"in {time.monotonic() - started:.0f} s"
            )
        if options["seed_only"]:
            return
        shares = word_shares(organisation)
        self.stdout.write(
            "words: "
            + ", ".join(
                f"{word} matches {share:.1%} of open listings" for word, share in shares.items()
            )
        )
        try:
            if options["http"]:
                self._over_http(options)
            else:
                self._in_process(options["requests"])
        finally:
            if not options["keep"]:
                delete_listings(organisation)

    @override_settings(
        # Static file names without a collected manifest: this mode runs in a checkout.
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    )
    def _in_process(self, count: int) -> None:
        client = Client(headers={"Accept-Encoding": "gzip"})
        for name, paths in (
            ("search page", _paths(count, api=False)),
            ("API search", _paths(count, api=True)),
        ):
            result = Result(name)
            started = time.perf_counter()
            for index, (word, path) in enumerate(paths):
                begun = time.perf_counter()
                # Each request from an address of its own: the API's throttle counts per address.
                address = f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
                response = client.get(path, HTTP_HOST="127.0.0.1", REMOTE_ADDR=address)
                elapsed = (time.perf_counter() - begun) * 1000
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                result.timings.append(elapsed)
                result.by_word.setdefault(word, []).append(elapsed)
            result.seconds = time.perf_counter() - started
            self._report(result)

    def _over_http(self, options: dict[str, Any]) -> None:
        count, concurrency = options["requests"], options["concurrency"]
        with contextlib.ExitStack() as stack:
            logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-search-")))
            innsteg, baseline = options["innsteg_url"], options["baseline_url"]
            if not innsteg or not baseline:
                environment = _production_environment(str(logs / "var"))
                subprocess.run(
                    [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                    cwd=ROOT,
                    env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
                    check=True,
                )
            if not innsteg:
                innsteg = stack.enter_context(
                    _gunicorn(
                        environment,
                        "config.wsgi:application",
                        options["workers"],
                        logs / "innsteg.log",
                    )
                )
            if not baseline:
                baseline = stack.enter_context(
                    _gunicorn(
                        {**environment, "DJANGO_SETTINGS_MODULE": "bench.baseline_settings"},
                        "django.core.wsgi:get_wsgi_application()",
                        options["workers"],
                        logs / "baseline.log",
                    )
                )
            self.stdout.write(
                f"HTTP: {count} requests a target, {concurrency} at a time, "
                f"{options['workers']} gunicorn workers each; Innsteg {innsteg} with "
                "config.settings.production, the baseline at " + baseline
            )
            targets = {
                "baseline": (baseline, _baseline_paths),
                "search page": (innsteg, lambda n: _paths(n, api=False)),
                "API search": (innsteg, lambda n: _paths(n, api=True)),
            }
            for name, (url, make) in targets.items():  # warm every process and cache
                _measure_http(name, url, make(40), concurrency)
            results = {
                name: _measure_http(name, url, make(count), concurrency)
                for name, (url, make) in targets.items()
            }
            for result in results.values():
                self._report(result)
            base = results["baseline"]
            for name in ("search page", "API search"):
                result = results[name]
                self.stdout.write(
                    f"{name} / baseline: throughput {result.throughput / base.throughput:.2f} "
                    f"(goal ≥ 0.5), p95 {result.p95 / base.p95:.2f} (goal ≤ 2)"
                )
            self._page_bytes(innsteg)

    def _report(self, result: Result) -> None:
        words = ", ".join(
            f"{word} p50 {statistics.median(t):.1f} p95 {Result.p(t, 0.95):.1f}"
            for word, t in result.by_word.items()
        )
        size = f", {statistics.mean(result.bytes) / 1024:.1f} KB a response" if result.bytes else ""
        self.stdout.write(
            f"{result.name}: {len(result.timings)} requests, {result.throughput:.1f}/s, "
            f"p50 {result.p50:.1f} ms, p95 {result.p95:.1f} ms{size} ({words})"
        )

    def _page_bytes(self, innsteg: str) -> None:
        """The search page with 20 results as it goes over the wire, compressed and not."""
        parts = urlsplit(innsteg)
        path = f"/listings/?{urlencode({'q': SEARCH_WORDS[-1].word})}"
        sizes = {}
        for encoding in ("gzip", "identity"):
            connection = http.client.HTTPConnection(
                parts.hostname or "127.0.0.1", parts.port, timeout=60
            )
            connection.request("GET", path, headers={**HEADERS, "Accept-Encoding": encoding})
            response = connection.getresponse()
            body = response.read()
            head = sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders()) + 17
            sizes[encoding] = (len(body), head, response.getheader("Content-Encoding") or "none")
            connection.close()
        (gz, gz_head, gz_encoding), (raw, _, _) = sizes["gzip"], sizes["identity"]
        self.stdout.write(
            f"search page with 20 results ({path}): {gz + gz_head} bytes transferred "
            f"({gz} body, Content-Encoding {gz_encoding}, {gz_head} headers); uncompressed "
            f"{raw} body"
        )

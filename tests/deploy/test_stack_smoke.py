"""The processes the image runs, for real: gunicorn with deploy/gunicorn.conf.py, a Celery worker
and beat, on PostgreSQL and Redis on localhost. A newcomer signs in and applies over HTTP, the
worker sends the confirmation, SIGTERM stops all three cleanly, and nothing is left unsent."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.models import User
from applications.models import Application
from listings.models import Listing
from notifications.models import Channel, Notification, Status
from tests.factories import TEST_PASSWORD, ListingFactory, NewcomerFactory, OrganisationFactory
from tests.support.web_process import collect_static, start_gunicorn, wait_until_serving
from tests.support.worker_processes import (
    RedisServer,
    free_port,
    process_env,
    start_beat,
    start_worker,
    wait_for,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

UNFINISHED = (Status.PENDING, Status.SENDING)


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, (url, page.status_code)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def _sign_in_and_apply(base: str, newcomer: User, listing: Listing) -> requests.Response:
    session = requests.Session()
    login = f"{base}/accounts/login/"
    answer = session.post(
        login,
        data={
            "csrfmiddlewaretoken": _csrf(session, login),
            "login": newcomer.email,
            "password": TEST_PASSWORD,
        },
        headers={"Referer": login},
        timeout=10,
    )
    assert answer.status_code == 200 and "sessionid" in session.cookies, answer.text[-500:]
    apply = f"{base}/listings/{listing.pk}/apply/"
    return session.post(
        apply,
        data={"csrfmiddlewaretoken": _csrf(session, apply), "message": "Jeg vil gjerne jobbe."},
        headers={"Referer": apply},
        timeout=10,
    )


def _stop(process: subprocess.Popen[bytes], name: str, bound: float) -> float:
    """SIGTERM to the process alone (as Kubernetes does); how long it took to exit on its own."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=bound)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        pytest.fail(f"{name} did not stop within {bound} s of SIGTERM")
    assert code == 0, f"{name} exited with {code} after SIGTERM"
    return time.monotonic() - started


def test_apply_over_http_and_the_worker_sends_the_confirmation(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    newcomer = NewcomerFactory(full_name="Amal Haddad", language="en")
    # The processes run the real settings, whose password hashers the suite's fast one is not.
    newcomer.password = PBKDF2PasswordHasher().encode(TEST_PASSWORD, "smoke-test-salt")
    newcomer.save(update_fields=["password"])
    listing = ListingFactory(organisation=OrganisationFactory(orgnr="988077917"))
    port = free_port()
    env = process_env(
        tmp_path,
        redis_server.url,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        INNSTEG_SITE_URL=f"http://127.0.0.1:{port}",
        NOTIFICATION_SEND_INTERVAL_SECONDS="1",
        LOG_LEVEL="INFO",
        LOG_FORMAT="json",
    )
    collect_static(env)
    logs = {name: tmp_path / f"{name}.log" for name in ("web", "worker", "beat")}
    web = start_gunicorn(env, logs["web"])
    worker = start_worker(env, logs["worker"], concurrency=2)
    beat = start_beat(env, logs["beat"], tmp_path / "beat-schedule")
    processes = {"web": web, "worker": worker, "beat": beat}
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, logs["web"])
        answer = _sign_in_and_apply(base, newcomer, listing)
        assert answer.status_code == 200 and answer.history, answer.text[-500:]
        application = Application.objects.get(applicant=newcomer, listing=listing)

        sent_mail = tmp_path / "provider" / "email.jsonl"

        def confirmation_sent() -> bool:
            rows = Notification.objects.filter(recipient=newcomer)
            email_sent = rows.filter(channel=Channel.EMAIL, status=Status.SENT).exists()
            return email_sent and not rows.filter(status__in=UNFINISHED).exists()

        assert wait_for(confirmation_sent, timeout=60), logs["worker"].read_text()[-3000:]
        mails = [json.loads(line) for line in sent_mail.read_text().splitlines()]
        assert any(newcomer.email in json.dumps(mail) for mail in mails)
        # The link in the message points at the address this server was started with.
        assert f"{base}/me/applications/{application.pk}/" in sent_mail.read_text()

        # Structured logs: one JSON object a line; the access lines end with the request id.
        web_lines = [json.loads(ln) for ln in logs["web"].read_text().splitlines()]
        applied = [ln for ln in web_lines if f"POST /listings/{listing.pk}/apply/" in ln["message"]]
        assert (
            applied
            and applied[0]["message"].split()[-1] == answer.history[0].headers["X-Request-ID"]
        )
    finally:
        durations = {name: _stop(process, name, bound=45) for name, process in processes.items()}
    assert max(durations.values()) < 45
    left = Notification.objects.filter(status__in=UNFINISHED)
    assert not left.exists(), list(left.values("kind", "channel", "status"))

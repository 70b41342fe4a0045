"""The hostile tester's probe, again, against the production settings behind gunicorn over HTTP:
every way in it found is closed as the service is really served, not only in the test client."""

from __future__ import annotations

import base64
import os
import re
import subprocess
from pathlib import Path

import pytest
import requests

from tests.support.web_process import collect_static, start_gunicorn, wait_until_serving
from tests.support.worker_processes import RedisServer, free_port, process_env

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


@pytest.fixture
def production(tmp_path: Path, redis_server: RedisServer):  # type: ignore[no-untyped-def]
    port = free_port()
    env = process_env(
        tmp_path,
        redis_server.url,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=base64.b64encode(os.urandom(48)).decode(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        INNSTEG_FIELD_KEYS=_key(),
        INNSTEG_LOOKUP_KEY=_key(),
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        SMS_BACKEND="common.sms.HttpGatewaySmsBackend",
        SMS_GATEWAY_URL="http://127.0.0.1:9/unused",
        SMS_GATEWAY_TOKEN="unused",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        API_RATE_ANONYMOUS="5/min",
        OAUTH_TOKEN_FAILED_RATE_ADDRESS="3/hour",
        LOG_LEVEL="WARNING",
    )
    collect_static(env)
    log = tmp_path / "web.log"
    web = start_gunicorn(env, log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, log)
        yield base
    finally:
        web.terminate()
        try:
            web.wait(timeout=40)
        except subprocess.TimeoutExpired:
            web.kill()
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]


def test_the_probe_gets_nowhere(production: str) -> None:
    base = production
    get = lambda path, **kw: requests.get(f"{base}{path}", allow_redirects=False, timeout=10, **kw)  # noqa: E731

    # The admin's login is allauth's (second factor, rate limits); a password posted to the
    # old form signs nobody in.
    admin = get("/admin/login/?next=/admin/")
    assert admin.status_code == 302 and admin.headers["Location"].startswith("/accounts/login/")
    posted = requests.post(
        f"{base}/admin/login/",
        data={"username": "a@b.no", "password": "x"},
        allow_redirects=False,
        timeout=10,
    )
    assert "sessionid" not in posted.cookies

    # OAuth: only what client credentials need; applications are made by platform admins.
    for path in (
        "/oauth/applications/register/",
        "/oauth/.well-known/openid-configuration",
        "/oauth/.well-known/jwks.json",
        "/oauth/userinfo/",
        "/oauth/logout/",
    ):
        assert get(path).status_code == 404, path
    failed = [
        requests.post(
            f"{base}/oauth/token/",
            data={"grant_type": "client_credentials"},
            auth=("nobody", "wrong"),
            timeout=10,
        ).status_code
        for _ in range(5)
    ]
    assert failed[-1] == 429, failed

    # Headers: CSP without unsafe-inline, a Permissions-Policy, no CDN in the API docs.
    page = get("/listings/")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "camera=()" in page.headers["Permissions-Policy"]
    docs = get("/api/docs/")
    assert docs.status_code == 200
    assert not re.search(r"""(src|href)=["']https?://""", docs.text)

    # Hostile bodies and query strings: a 400 naming the field, never a 500.
    assert get("/listings/?q=%00").status_code == 400
    nul = get("/api/v1/listings/?kommune=03%0001")
    assert nul.status_code in (400, 401), nul.text
    deep = requests.post(
        f"{base}/api/v1/organisations/",
        data="[" * 5000 + "]" * 5000,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert deep.status_code == 400 and deep.json()["error"]["code"] == "parse_error"

    # Anonymous API callers are throttled per address, in the API's error shape.
    answers = [get("/api/v1/listings/") for _ in range(8)]
    throttled = [a for a in answers if a.status_code == 429]
    assert throttled and throttled[0].json()["error"]["code"] == "throttled"
    assert "Retry-After" in throttled[0].headers

    # Operators' endpoints are not public.
    assert get("/metrics").status_code == 404
    assert get("/healthz").status_code == 200

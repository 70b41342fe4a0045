"""`manage.py` in a process of its own, with the environment a test gives it, and the production
environment that starts: for the tests that a bad or missing setting stops the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Left out of the test's own environment, so that only what a test gives reaches the process.
_SETTINGS_PREFIXES = ("DATABASE_URL", "REDIS_URL", "DJANGO_", "INNSTEG_", "EMAIL_", "SMS_")

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-0123456789",
    "DJANGO_ALLOWED_HOSTS": "innsteg.no",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/innsteg",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # Production refuses to start without real email and SMS backends (they carry login codes).
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SMS_BACKEND": "common.sms.HttpGatewaySmsBackend",
    "SMS_GATEWAY_URL": "https://sms-gateway.example/send",
    "SMS_GATEWAY_TOKEN": "gateway-token",
    "INNSTEG_FIELD_KEYS": "bm90LWEtcmVhbC1rZXktanVzdC0zMi1ieXRlcy1sb24=",
    "INNSTEG_LOOKUP_KEY": "production-look-up-key-of-enough-length",
}


def production(**changes: str | None) -> dict[str, str]:
    """PRODUCTION with `changes`; a change to None leaves the variable out."""
    environment = {**PRODUCTION, **changes}
    return {k: v for k, v in environment.items() if v is not None}


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_SETTINGS_PREFIXES)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

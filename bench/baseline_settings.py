"""The bare baseline the search benchmark compares Innsteg with: Django with one view and no
middleware, apps, templates or sessions, on the same database (bench/baseline_urls.py)."""

import os

import dj_database_url

SECRET_KEY = "bench-baseline-signs-nothing"  # noqa: S105 - nothing is signed or stored
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.baseline_urls"
# As Innsteg's settings make it (config.env): persistent connections, checked before use.
DATABASES = {
    "default": dict(
        dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)
    )
}
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
USE_I18N = False

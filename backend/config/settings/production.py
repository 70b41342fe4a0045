"""Production: the same settings, with secrets required from the environment and HTTPS enforced."""

from django.core.exceptions import ImproperlyConfigured

from common.observability.logs import logging_config
from config.env import env_raw
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    DATABASES,
    DEVELOPMENT_FIELD_KEY,
    DEVELOPMENT_LOOKUP_KEY,
    INNSTEG_FIELD_KEYS,
    INNSTEG_LOOKUP_KEYS,
    REDIS_URL,
    SECRET_KEY,
    env_bool,
    env_int,
    env_str,
)

for required in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
    if not env_raw(required):
        raise ImproperlyConfigured(
            f"The environment variable {required} is required in production."
        )
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be a random string of at least 50 characters."
    )
for name, keys, development in (
    ("INNSTEG_FIELD_KEYS", INNSTEG_FIELD_KEYS, DEVELOPMENT_FIELD_KEY),
    ("INNSTEG_LOOKUP_KEY", INNSTEG_LOOKUP_KEYS, DEVELOPMENT_LOOKUP_KEY),
):
    if not env_raw(name):
        raise ImproperlyConfigured(
            f"The environment variable {name} (or {name}_FILE) is required in production: "
            "the keys that encrypt national ids and MFA secrets at rest."
        )
    if development in keys:
        raise ImproperlyConfigured(f"{name} holds the development key; give a secret one.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not REDIS_URL:
    raise ImproperlyConfigured(
        "Production runs on PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
LOGGING = logging_config(
    log_format=env_str("LOG_FORMAT", "json"), level=env_str("LOG_LEVEL", "INFO")
)

# Email and SMS carry login codes: production names its real backends (SMTP, an anymail
# provider, the HTTP SMS gateway) and never prints, files or keeps messages in memory.
DEVELOPMENT_BACKENDS = {
    "EMAIL_BACKEND": {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "notifications.mail.FileEmailBackend",
    },
    "SMS_BACKEND": {
        "common.sms.ConsoleSmsBackend",
        "common.sms.FileSmsBackend",
        "tests.support.notification_backends.MemorySmsBackend",
    },
}
for name, refused in DEVELOPMENT_BACKENDS.items():
    chosen = (env_raw(name) or "").strip()
    if not chosen:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production: name the real backend "
            "(e.g. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend or "
            "anymail.backends.<provider>.EmailBackend, "
            "SMS_BACKEND=common.sms.HttpGatewaySmsBackend)."
        )
    if chosen in refused:
        raise ImproperlyConfigured(
            f"{name}={chosen} writes messages to the console, a file or memory and is refused "
            "in production: they carry login codes."
        )
EMAIL_BACKEND = env_str("EMAIL_BACKEND").strip()
SMS_BACKEND = env_str("SMS_BACKEND").strip()
if SMS_BACKEND == "common.sms.HttpGatewaySmsBackend" and not (
    env_raw("SMS_GATEWAY_URL") and env_raw("SMS_GATEWAY_TOKEN")
):
    raise ImproperlyConfigured(
        "SMS_BACKEND=common.sms.HttpGatewaySmsBackend needs SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN."
    )
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")

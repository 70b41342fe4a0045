"""Settings shared by every run mode, read from the environment.

With nothing set this is the embedded default: an SQLite file, tasks run in-process, email and
SMS written to the console. With DATABASE_URL and REDIS_URL set it is the full stack: PostgreSQL,
Redis as cache and Celery broker, real worker and beat processes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from common.observability.logs import logging_config
from config.env import (
    env_bool,
    env_database,
    env_encryption_keys,
    env_hmac_keys,
    env_int,
    env_list,
    env_rate,
    env_redis_url,
    env_str,
)

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
ROOT_DIR = BACKEND_DIR.parent
FRONTEND_DIR = ROOT_DIR / "frontend"
VAR_DIR = Path(env_str("INNSTEG_VAR_DIR", str(ROOT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file, collected static files, SMS files

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY", "insecure-local-only-key-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("INNSTEG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1  # emails say "Innsteg" (accounts migration 0002 names the site)

# Encryption at rest (common.crypto): national ids, residence permits and MFA secrets. AES-256 keys,
# comma-separated and newest first: the first encrypts, every one decrypts (`manage.py
# rotate_field_keys` re-encrypts with the first, after which an older key can go). The look-up
# keys make the keyed hash that finds a national id without decrypting; the same rotation.
# Both may come from a file (INNSTEG_FIELD_KEYS_FILE, INNSTEG_LOOKUP_KEY_FILE). Without them,
# fixed development keys, derived from a public text and refused by the production settings.
DEVELOPMENT_FIELD_KEY = base64.urlsafe_b64encode(
    hashlib.sha256(b"innsteg development field key: not a secret").digest()
).decode()
DEVELOPMENT_LOOKUP_KEY = hashlib.sha256(b"innsteg development lookup key: not a secret").hexdigest()
INNSTEG_FIELD_KEYS = env_encryption_keys("INNSTEG_FIELD_KEYS", DEVELOPMENT_FIELD_KEY)
INNSTEG_LOOKUP_KEYS = env_hmac_keys("INNSTEG_LOOKUP_KEY", DEVELOPMENT_LOOKUP_KEY)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "oauth2_provider",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "common",
    "audit",
    "reference",
    "accounts",
    "organisations",
    "listings",
    "applications",
    "placements",
    "plans",
    "notifications",
    "subsidies",
    "privacy",
    "buddies",
    "guidance",
    "demo",
]
# The benchmarks (bench/, beside backend/) are installed where they are present: in a checkout,
# not in the image.
if importlib.util.find_spec("bench") is not None:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "common.observability.request_id.RequestIdMiddleware",
    "common.observability.metrics.MetricsMiddleware",
    # Pages and API answers compressed, with BREACH in mind (common/compression.py).
    "common.compression.BreachAwareGZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "common.middleware.SlashCommonMiddleware",
    "common.middleware.RejectNulQueryMiddleware",
    "common.middleware.PrivateNoStoreMiddleware",
    "common.middleware.PageOwnerMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSessionIdleMiddleware",
    "accounts.middleware.StaffMfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# Content-Security-Policy (django-csp): everything from our own origin, no inline styles, and
# inline scripts only with the request's nonce ({{ request.csp_nonce }}).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        # The service worker (/sw.js), from our own origin only.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Permissions-Policy (common.middleware): no page needs these browser features. "Read aloud"
# uses speech synthesis, which needs no permission.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [FRONTEND_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_count",
                "buddies.context_processors.buddy_coordinator",
                "common.context_processors.service",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL from DATABASE_URL.
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'innsteg.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# Redis: cache, allauth rate limits and Celery broker when REDIS_URL is set.
REDIS_URL = env_redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("INNSTEG_CACHE_PREFIX", "innsteg"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Markup that a key names completely (a result card of one listing's change, the search form of
# one query, in one language and reference version) is kept in each process as well, in front
# of the shared cache: it never goes stale, so nothing needs telling when it changes.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Celery: in-process without Redis, a real broker with it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2}
CELERY_TIMEZONE = "Europe/Oslo"
# On SIGTERM a worker finishes its tasks for this long, then hands the rest back to the broker
# (acks late): the Kubernetes grace period (deploy/k8s/base/worker.yaml) is longer.
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = env_int("CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT", 45, minimum=0)
# Enqueuing is a nudge (the database holds the work, a sweep finds it again): a request that
# commits a change waits at most this long for Redis, and never fails because of it.
WORKER_ENQUEUE_TIMEOUT_SECONDS = env_int("WORKER_ENQUEUE_TIMEOUT_SECONDS", 1, minimum=1)
# How long beat's lock in Redis lasts without renewal (worker/beat.py).
BEAT_LOCK_SECONDS = env_int("INNSTEG_BEAT_LOCK_SECONDS", 60, minimum=1)
# Sweeps: a computation asked for longer ago than this (its message lost, or its worker dead) is
# done by the sweep; a what-if run whose worker sent no heartbeat for this long is run again.
SUBSIDY_COMPUTE_LEASE_SECONDS = env_int("SUBSIDY_COMPUTE_LEASE_SECONDS", 60, minimum=1)
SUBSIDY_SWEEP_INTERVAL_SECONDS = env_int("SUBSIDY_SWEEP_INTERVAL_SECONDS", 30, minimum=1)
WHATIF_LEASE_SECONDS = env_int("WHATIF_LEASE_SECONDS", 60, minimum=1)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: email + password with mandatory verification, login by one-time code,
# phone + SMS code (see accounts.adapter), MFA for staff (accounts.middleware).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_FORMS = {
    "request_login_code": "accounts.login_forms.RequestLoginCodeForm",
    "confirm_login_code": "accounts.login_forms.ConfirmLoginCodeForm",
    "verify_phone": "accounts.login_forms.VerifyPhoneForm",
    "confirm_email_verification_code": "accounts.login_forms.ConfirmEmailVerificationCodeForm",
    "confirm_password_reset_code": "accounts.login_forms.ConfirmPasswordResetCodeForm",
}
# Every code a person types (login, phone and email verification, password reset): six digits,
# so the code field can open the number pad.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
# SMS codes: six digits (numeric keypad, one-time-code autofill), valid long enough for slow SMS.
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 900
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 900
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "change_phone": "1/m/user",
    "reauthenticate": "10/m/user",
    "request_login_code": "20/m/ip,3/m/key",
    "verify_phone": "1/30s/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Innsteg: "
# Self-signed-up accounts whose phone or email is still unverified after this are deleted.
UNVERIFIED_ACCOUNT_HOURS = env_int("INNSTEG_UNVERIFIED_ACCOUNT_HOURS", 24, minimum=1)
MFA_ADAPTER = "accounts.mfa_adapter.MFAAdapter"
# A person's name in allauth's emails and messages, between Unicode isolates (see common.text).
ACCOUNT_USER_DISPLAY = "common.text.user_display"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Innsteg"
# Sessions of people who need MFA (accounts.models.MFA_REQUIRED_ROLES) end after this long
# without a request; newcomers keep theirs for SESSION_COOKIE_AGE (two weeks).
STAFF_SESSION_IDLE_SECONDS = env_int("INNSTEG_STAFF_SESSION_IDLE_SECONDS", 1800, minimum=60)
# Revealing a national id needs the second factor passed (at login or again) this recently.
NATIONAL_ID_REVEAL_MFA_MAX_AGE_SECONDS = env_int(
    "INNSTEG_NATIONAL_ID_REVEAL_MFA_MAX_AGE_SECONDS", 900, minimum=60
)

# Email and SMS: the console by default.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Innsteg <post@innsteg.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# django-anymail reads its provider keys from ANYMAIL_* variables, e.g. ANYMAIL_MAILGUN_API_KEY.
# Each may also come from a file: ANYMAIL_MAILGUN_API_KEY_FILE=/run/secrets/mailgun.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): env_str(name)
    for name in {k.removesuffix("_FILE") for k in os.environ if k.startswith("ANYMAIL_")}
}
SMS_BACKEND = env_str("SMS_BACKEND", "common.sms.ConsoleSmsBackend")
SMS_SENDER = env_str("SMS_SENDER", "Innsteg")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_TIMEOUT_SECONDS = env_int("SMS_GATEWAY_TIMEOUT_SECONDS", 5, minimum=1)
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(VAR_DIR / "sms"))
# notifications.mail.FileEmailBackend writes EMAIL_FILE_PATH/email.jsonl (tests across processes).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "email"))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# The file backends answer after this many milliseconds ("10-50": a random wait in between), like
# a provider's API; for the delivery tests and bench_notifications.
NOTIFICATION_FILE_LATENCY_MS = env_str("NOTIFICATION_FILE_LATENCY_MS", "0")

# Notifications: when each reminder goes out (the apps' reminders.py), and how the outbox is sent.
NOTIFICATION_PERIODS = {
    "application_unanswered_days": (5, 10),  # to the employer, once at each
    "interview_reminder_hours": (24, 2),  # "tomorrow", then "in two hours", to both
    "saved_listing_deadline_days": 2,  # to the newcomer who saved the listing
    "offer_waiting_days": (3, 10),  # to the newcomer; offers expire after 14 days
    "agreement_waiting_days": (0, 3),  # to each party that has not approved yet
    "period_ending_days": (30, 7),  # placement, decision period, innstegsjobb window
    "case_waiting_working_days": 3,  # to the kommune's beslutters
    "refund_claim_due_days": (7, 0),  # to the employer, before and on the due date
    "search_digest_hours": (7, 10),  # Oslo time: the daily digest goes out in this window
    "guide_digest_hour": 7,  # Oslo time on Mondays: the guides' weekly digest goes out from then
}
# No SMS in these Oslo hours ("21:00-08:00"): it waits until they end. Empty: no quiet hours.
NOTIFICATION_SMS_QUIET_HOURS = env_str("NOTIFICATION_SMS_QUIET_HOURS", "21:00-08:00")
# A failed send is tried again after each of these waits, then marked failed.
NOTIFICATION_RETRY_BACKOFF_SECONDS = (60, 300, 1800, 7200)
NOTIFICATION_BATCH_SIZE = env_int("NOTIFICATION_BATCH_SIZE", 100, minimum=1)
# A worker owns the rows it claimed this long and renews the lease while it sends them; a
# worker that died loses its rows to another worker after at most this long. Longer than the
# slowest single hand-over (SMS_GATEWAY_TIMEOUT_SECONDS, EMAIL_TIMEOUT) plus a renewal period.
NOTIFICATION_LEASE_SECONDS = env_int("NOTIFICATION_LEASE_SECONDS", 20, minimum=1)
# A send task stops claiming after this long, or at once when its worker shuts down: it ends
# well inside the worker's termination grace period (deploy/k8s/worker.yaml).
NOTIFICATION_SEND_BUDGET_SECONDS = env_int("NOTIFICATION_SEND_BUDGET_SECONDS", 20, minimum=1)
NOTIFICATION_SEND_INTERVAL_SECONDS = env_int("NOTIFICATION_SEND_INTERVAL_SECONDS", 30, minimum=1)
NOTIFICATION_SCAN_INTERVAL_SECONDS = env_int("NOTIFICATION_SCAN_INTERVAL_SECONDS", 900, minimum=1)

# Retention: how long personal data is kept. Each period is overridable in days by
# INNSTEG_RETENTION_<KEY>_DAYS; privacy.retention.retention_apply (beat, daily) applies them and
# the privacy page shows them.
RETENTION_PERIODS = {
    # Applications to a closed or filled listing are anonymised this long after it closed.
    "applications": timedelta(days=env_int("INNSTEG_RETENTION_APPLICATIONS_DAYS", 365, minimum=30)),
    # An employer sees an applicant's email and phone this long after a rejection, withdrawal
    # or expiry, and never after that.
    "applicant_contact": timedelta(
        days=env_int("INNSTEG_RETENTION_APPLICANT_CONTACT_DAYS", 30, minimum=0)
    ),
    # Self-signed-up accounts whose phone or email is never verified: see UNVERIFIED_ACCOUNT_HOURS.
    "unverified_accounts": timedelta(hours=UNVERIFIED_ACCOUNT_HOURS),
    "read_notifications": timedelta(
        days=env_int("INNSTEG_RETENTION_READ_NOTIFICATIONS_DAYS", 183, minimum=1)
    ),
    "unread_notifications": timedelta(
        days=env_int("INNSTEG_RETENTION_UNREAD_NOTIFICATIONS_DAYS", 365, minimum=1)
    ),
    # A person's subsidy facts, after the last decision or refund claim due date of their cases
    # (whichever is later): long enough for the refund claims to be checked.
    "person_facts": timedelta(
        days=env_int("INNSTEG_RETENTION_PERSON_FACTS_DAYS", 730, minimum=365)
    ),
    "audit_entries": timedelta(
        days=env_int("INNSTEG_RETENTION_AUDIT_ENTRIES_DAYS", 1826, minimum=365)
    ),
}
# The version of the privacy notice a person accepts at signup (privacy/notice.html).
PRIVACY_NOTICE_VERSION = env_str("INNSTEG_PRIVACY_NOTICE_VERSION", "2026-12")
# Who runs the service, shown on /about/ and /privacy/.
SERVICE_OPERATOR_NAME = env_str("INNSTEG_SERVICE_OPERATOR_NAME", "Innsteg AS")
SERVICE_CONTACT_EMAIL = env_str("INNSTEG_SERVICE_CONTACT_EMAIL", "personvern@innsteg.no")

# Languages: bokmål first; Arabic and Persian are laid out right to left.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("fa", _("Dari/Persian")),
]
LANG_INFO.setdefault("ti", {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"})
LANG_INFO.setdefault(
    "so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"}
)
# Our catalogs first; locale_thirdparty fills in allauth and Django strings in languages they lack.
LOCALE_PATHS = [BACKEND_DIR / "locale", BACKEND_DIR / "locale_thirdparty"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [FRONTEND_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000

REST_FRAMEWORK = {
    # JSON (a body nested too deeply is a 400), forms and multipart as DRF's defaults.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.StablePageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "common.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "common.api.errors.exception_handler",
    # Once per caller: a person (session), a case system (OAuth2 application), else the address.
    "DEFAULT_THROTTLE_CLASSES": [
        "common.api.throttling.PersonRateThrottle",
        "common.api.throttling.ClientRateThrottle",
        "common.api.throttling.AddressRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_RATE_ANONYMOUS", "60/min"),
        "user": env_rate("API_RATE_PERSON", "600/min"),
        "client": env_rate("API_RATE_CLIENT", "1200/min"),
        # POST /oauth/token/: every attempt, and the refused ones, per client_id and per address.
        "oauth_token_client": env_rate("OAUTH_TOKEN_RATE_CLIENT", "30/min"),
        "oauth_token_address": env_rate("OAUTH_TOKEN_RATE_ADDRESS", "60/min"),
        "oauth_token_failed_client": env_rate("OAUTH_TOKEN_FAILED_RATE_CLIENT", "10/hour"),
        "oauth_token_failed_address": env_rate("OAUTH_TOKEN_FAILED_RATE_ADDRESS", "20/hour"),
    },
    "DEFAULT_PARSER_CLASSES": [
        "common.api.parsers.LimitedJSONParser",
        "common.api.parsers.CheckedFormParser",
        "common.api.parsers.CheckedMultiPartParser",
    ],
}
API_DESCRIPTION = """Listings, applications, placements and subsidy cases.

**Who calls.** People use their signed-in session (`cookieAuth`; a write also sends the CSRF
token from the `csrftoken` cookie in the `X-CSRFToken` header; staff have passed the second
factor). Case systems of NAV and the kommuner use OAuth2 client credentials (`oauth2`): get a
token at `/oauth/token/` with the scopes the operation names, and send it as
`Authorization: Bearer ...`. A case system changes cases for a named caseworker (`acting_user`).

**Errors.** Every error has one shape, `{"error": {"code": ..., "message": ...}}`, with a stable
`code` to act on (e.g. `validation_error` with `fields`, `missing_scope`, `out_of_scope`,
`already_decided`, `stale_version`, `idempotency_key_reused`, `same_person`, `not_found`,
`method_not_allowed`, `throttled` with `retry_after`) and a `message` in the caller's language
(Accept-Language).

**Shapes.** Every path ends in a slash (a request without it is answered 308, to the same path
with the slash, keeping method and body); `/api/v1/` lists the resources. Datetimes are RFC 3339
with the offset (`2026-03-01T09:30:00+01:00`), dates `YYYY-MM-DD`. Every amount of money in an
answer is NOK as a decimal string with two places (`"10575.00"`). A value not given is `null`,
never an empty string standing for a choice. Lists are paginated (`count`, `next`, `previous`,
`results`; `page`, `page_size`) unless the operation says otherwise.
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Innsteg API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files: no CDN, works on a closed network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge image from validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Case systems: OAuth2 client credentials at /oauth/token/ with the scopes of OAUTH2_PROVIDER.
    "OAUTH2_FLOWS": ["clientCredentials"],
    "OAUTH2_TOKEN_URL": "/oauth/token/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several choice sets are called `kind`: each gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "ListingKindEnum": "listings.models.ListingKind",
        "ContactKindEnum": "guidance.models.ContactKind",
    },
}
OAUTH2_PROVIDER = {
    "SCOPES": {
        "subsidies:read": "Read subsidy cases, agreements and refund claims",
        "subsidies:decide": "Recommend, approve and reject subsidy cases",
        "subsidies:national_id": "Reveal national identity numbers (with subsidies:read)",
        "subsidies:simulate": "Run what-if variants of the rules over the undecided cases",
    },
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    # Case systems use client credentials; follow the OAuth 2.0 Security BCP (RFC 9700) throughout.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # A case system gets only the scopes its subsidies.CaseSystemClient row allows.
    "SCOPES_BACKEND_CLASS": "subsidies.oauth.CaseSystemScopes",
}
# Named so that migrations with a foreign key to the OAuth2 application can depend on it.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"

# Logs: one JSON object a line in production (LOG_FORMAT=json), plain text by default; every line
# carries the request id, and national ids, phone numbers and emails are masked on the way out.
LOGGING = logging_config(
    log_format=env_str("LOG_FORMAT", "plain"), level=env_str("LOG_LEVEL", "INFO")
)
# GET /metrics answers only a request carrying this bearer token; empty: the endpoint is off.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")


# Development and end-to-end tests only: allauth refuses this code unless DEBUG is on.
MFA_TOTP_INSECURE_BYPASS_CODE = env_str("MFA_TOTP_INSECURE_BYPASS_CODE", "") or None

"""Settings are read from the environment and a bad value stops the process at start."""

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from config import env
from tests.config.processes import ROOT, manage, production


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/innsteg", "postgres://a@localhost:notaport/db", "nonsense"]
)
def test_a_malformed_database_url_fails_at_start_and_names_it(url: str) -> None:
    result = manage("check", DATABASE_URL=url)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_a_malformed_redis_url_fails_at_start_and_names_it() -> None:
    result = manage("check", REDIS_URL="http://localhost:6379")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_a_boolean_that_is_not_one_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env.env_bool("DJANGO_DEBUG", False)


def test_numbers_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_BAD", "twelve")
    monkeypatch.setenv("X_LIST", "a.no, b.no,,")
    assert env.env_int("X_INT", 1) == 12
    with pytest.raises(ImproperlyConfigured, match="X_BAD"):
        env.env_int("X_BAD", 1)
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env.env_int("X_INT", 1, minimum=13)
    assert env.env_list("X_LIST", []) == ["a.no", "b.no"]


def test_the_embedded_default_needs_nothing_set() -> None:
    result = manage("check", INNSTEG_VAR_DIR=str(ROOT / "var" / "check-embedded"))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_pass_check_deploy() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets() -> None:
    result = manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("setting", "backend"),
    [
        ("SMS_BACKEND", "common.sms.ConsoleSmsBackend"),
        ("SMS_BACKEND", "common.sms.FileSmsBackend"),
        ("SMS_BACKEND", "tests.support.notification_backends.MemorySmsBackend"),
        ("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        ("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"),
        ("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"),
        ("EMAIL_BACKEND", "notifications.mail.FileEmailBackend"),
    ],
)
def test_production_refuses_backends_that_print_file_or_keep_messages(
    setting: str, backend: str
) -> None:
    result = manage("check", **production(**{setting: backend}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{setting}={backend}" in result.stderr


@pytest.mark.parametrize("setting", ["SMS_BACKEND", "EMAIL_BACKEND"])
def test_production_requires_an_explicit_backend(setting: str) -> None:
    result = manage("check", **production(**{setting: None}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{setting} is required in production" in result.stderr


def test_production_sms_gateway_needs_its_url_and_token() -> None:
    result = manage("check", **production(SMS_GATEWAY_TOKEN=None))
    assert result.returncode != 0
    assert "SMS_GATEWAY_TOKEN" in result.stderr


def test_production_accepts_an_anymail_provider() -> None:
    result = manage("check", **production(EMAIL_BACKEND="anymail.backends.mailgun.EmailBackend"))
    assert result.returncode == 0, result.stderr


def _deploy_environments() -> list[tuple[str, dict[str, str]]]:
    compose = yaml.safe_load((ROOT / "deploy/compose.yaml").read_text())
    found = [("compose x-app", {k: str(v) for k, v in compose["x-app"]["environment"].items()})]
    for path in sorted((ROOT / "deploy/k8s").rglob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if (
                document
                and document.get("kind") == "ConfigMap"
                and "SMS_BACKEND" in (document.get("data") or {})
            ):
                found.append((str(path.relative_to(ROOT)), document["data"]))
    return found


def test_deploy_defaults_name_real_email_and_sms_backends() -> None:
    environments = _deploy_environments()
    assert len(environments) >= 2
    for where, environment in environments:
        for name in ("EMAIL_BACKEND", "SMS_BACKEND"):
            value = environment[name]
            assert not any(
                word in value for word in ("console", "Console", "File", "file", "Memory", "locmem")
            ), (where, name, value)
        assert environment["SMS_BACKEND"].endswith("common.sms.HttpGatewaySmsBackend}") or (
            environment["SMS_BACKEND"] == "common.sms.HttpGatewaySmsBackend"
        ), where
        assert "SMS_GATEWAY_URL" in environment, where
        # The token itself, or the file it is mounted as (a secret never sits in a ConfigMap).
        assert {"SMS_GATEWAY_TOKEN", "SMS_GATEWAY_TOKEN_FILE"} & set(environment), where

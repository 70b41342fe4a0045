"""The keys come from the environment or a file, a malformed one stops the process at start, and
production refuses to start without them or with the development ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config import env
from tests.config.processes import manage, production
from tests.privacy.conftest import new_key

# The production environment that starts, less the two keys these tests give or leave out.
WITHOUT_KEYS = production(INNSTEG_FIELD_KEYS=None, INNSTEG_LOOKUP_KEY=None)


def test_keys_are_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first, second = new_key(), new_key()
    monkeypatch.setenv("X_KEYS", f"{first}, {second}")
    assert env.env_encryption_keys("X_KEYS", "") == [first, second]
    monkeypatch.setenv("X_KEYS", f"{first},not-a-key")
    with pytest.raises(
        ImproperlyConfigured, match="Key 2 of X_KEYS is not 32 bytes in url-safe base64"
    ):
        env.env_encryption_keys("X_KEYS", "")
    monkeypatch.setenv("X_KEYS", " , ")
    with pytest.raises(ImproperlyConfigured, match="X_KEYS holds no key"):
        env.env_encryption_keys("X_KEYS", "")
    monkeypatch.delenv("X_KEYS")
    keys = tmp_path / "keys"
    keys.write_text(f"{second},{first}\n")
    monkeypatch.setenv("X_KEYS_FILE", str(keys))
    assert env.env_encryption_keys("X_KEYS", "") == [second, first]
    monkeypatch.setenv("X_LOOKUP", "short")
    with pytest.raises(ImproperlyConfigured, match="Key 1 of X_LOOKUP is shorter than 32"):
        env.env_hmac_keys("X_LOOKUP", "")


def test_development_and_tests_use_the_development_keys() -> None:
    assert settings.INNSTEG_FIELD_KEYS == [settings.DEVELOPMENT_FIELD_KEY]
    assert settings.INNSTEG_LOOKUP_KEYS == [settings.DEVELOPMENT_LOOKUP_KEY]


def test_a_malformed_key_stops_the_process_at_start() -> None:
    result = manage("check", INNSTEG_FIELD_KEYS="not-a-key")
    assert result.returncode != 0
    assert "INNSTEG_FIELD_KEYS" in result.stderr


def test_production_refuses_to_start_without_keys_or_with_the_development_ones(
    tmp_path: Path,
) -> None:
    missing = manage("check", **WITHOUT_KEYS)
    assert missing.returncode != 0
    assert "INNSTEG_FIELD_KEYS (or INNSTEG_FIELD_KEYS_FILE) is required" in missing.stderr
    development = manage(
        "check",
        **WITHOUT_KEYS,
        INNSTEG_FIELD_KEYS=settings.DEVELOPMENT_FIELD_KEY,
        INNSTEG_LOOKUP_KEY="l" * 40,
    )
    assert "INNSTEG_FIELD_KEYS holds the development key" in development.stderr
    no_lookup = manage("check", **WITHOUT_KEYS, INNSTEG_FIELD_KEYS=new_key())
    assert "INNSTEG_LOOKUP_KEY (or INNSTEG_LOOKUP_KEY_FILE) is required" in no_lookup.stderr
    keys = tmp_path / "keys"
    keys.write_text(new_key())
    from_files = manage(
        "check", **WITHOUT_KEYS, INNSTEG_FIELD_KEYS_FILE=str(keys), INNSTEG_LOOKUP_KEY="l" * 40
    )
    assert from_files.returncode == 0, from_files.stderr

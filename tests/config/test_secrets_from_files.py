"""Every setting can come from a file named by NAME_FILE, as compose and Kubernetes hand secrets
over; a file that can't be read, or both forms at once, stop the process naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env


def test_a_value_is_read_from_the_file_named_by_name_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("postgres://app@db.internal:5432/innsteg\n")
    monkeypatch.delenv("X_DB", raising=False)
    monkeypatch.setenv("X_DB_FILE", str(secret))
    assert env.env_database("X_DB", "sqlite:///x")["HOST"] == "db.internal"
    (tmp_path / "n").write_text("12")
    monkeypatch.setenv("X_N_FILE", str(tmp_path / "n"))
    assert env.env_int("X_N", 1) == 12


def test_a_missing_file_and_both_forms_fail_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X_KEY_FILE", str(tmp_path / "absent"))
    with pytest.raises(ImproperlyConfigured, match="X_KEY_FILE"):
        env.env_str("X_KEY", "")
    (tmp_path / "k").write_text("v")
    monkeypatch.setenv("X_KEY_FILE", str(tmp_path / "k"))
    monkeypatch.setenv("X_KEY", "v")
    with pytest.raises(ImproperlyConfigured, match="X_KEY or X_KEY_FILE"):
        env.env_str("X_KEY", "")

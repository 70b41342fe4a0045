"""The image's entrypoint waits for PostgreSQL and Redis before it starts a process."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_returns_at_once_when_both_answer(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("wait_for_services", timeout=5)
    assert "answer" in capsys.readouterr().out


def test_names_the_part_that_never_answers() -> None:
    with (
        override_settings(
            REDIS_URL="redis://127.0.0.1:1/0", CELERY_BROKER_URL="redis://127.0.0.1:1/0"
        ),
        pytest.raises(CommandError, match="broker"),
    ):
        call_command("wait_for_services", timeout=1)

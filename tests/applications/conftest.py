"""Tests here read messages in English."""

from tests.support.english_personas import (  # noqa: F401 - fixtures for this folder
    _english,
    employer,
    employer_b,
    newcomer,
    newcomer_b,
)

"""The closed vocabularies of the input record."""

from __future__ import annotations

NYSTARTSJOBB = "nystartsjobb"
INNSTEGSJOBB = "innstegsjobb"
SCHEMES: tuple[str, ...] = (NYSTARTSJOBB, INNSTEGSJOBB)

NEWCOMER = "newcomer"
LONG_TERM_UNEMPLOYED = "long_term_unemployed"
TARGET_GROUPS: tuple[str, ...] = (NEWCOMER, LONG_TERM_UNEMPLOYED)

AGA_ZONES: tuple[str, ...] = ("I", "Ia", "II", "III", "IV", "IVa", "V")
"""Arbeidsgiveravgift zones, in Skatteetaten's order."""

PERMIT_KINDS: tuple[str, ...] = ("protection", "family", "work", "study", "other")
"""Kinds of residence permit a record may carry; the rule set says which of them count."""

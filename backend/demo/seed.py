"""Demo data for `make run`: a newcomer's first look shows every part of Innsteg.

People and organisations (people), listings of every kind (listings), applications in every
status (applications), placement agreements (placements), subsidy cases with decisions and refund
claims (subsidies), development plans with competence mapping, evaluations and a reference
letter (plans), Oslo's case system (oauth), establishment guides with their caseloads, contacts,
suggestions, an introduction and a message thread (guides), buddy matching (buddies), and the
reminders the periodic scans find in all of it. Everything is made through the services, as the
people themselves would have made it, so every timeline, audit entry and outbox row is real.
Dates are relative to today. Each thing is looked up by a natural key before it is made: loading
twice changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from demo.applications import seed_applications, seed_profiles
from demo.buddies import seed_buddies
from demo.guides import seed_guides
from demo.listings import seed_listings
from demo.oauth import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    curl_example,
    seed_case_system,
)
from demo.people import DEMO_PASSWORD, MFA_NOTE, DemoLogin, seed_people
from demo.placements import seed_waiting_agreement
from demo.plans import seed_plans
from demo.subsidies import seed_cases
from notifications.scans import scan_all


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Load the demo (idempotent) and return the logins to print."""
    logins = seed_people()
    listings = seed_listings()
    seed_profiles()
    seed_applications(listings)
    seed_waiting_agreement(listings)
    seed_cases(listings)
    seed_plans(listings)
    seed_case_system()
    logins += seed_buddies()
    logins += seed_guides(listings)
    scan_all(now=timezone.now())
    return logins


__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_PASSWORD",
    "MFA_NOTE",
    "DemoLogin",
    "curl_example",
    "seed_demo",
]

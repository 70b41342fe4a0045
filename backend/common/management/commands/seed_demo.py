from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.demo import DEMO_CLIENT_ID, DEMO_PASSWORD, curl_example, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo: people, organisations, listings, applications, agreements, subsidy "
        "cases and Oslo's case system (idempotent), and print the demo logins."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is for local runs only: set DJANGO_DEBUG=true.")
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for login in logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(
                f"  {login.role:<10} {login.login:<30} {login.name} [{login.language}]{note}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Oslo's case system (OAuth2 client {DEMO_CLIENT_ID}, subsidies:read and "
                "subsidies:decide; demo only): get a token and list its cases with"
            )
        )
        self.stdout.write(f"  {curl_example()}")

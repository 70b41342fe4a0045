from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_CLIENT_ID, DEMO_PASSWORD, MFA_NOTE, curl_example, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo: people, organisations, listings, applications, agreements, subsidy "
        "cases and Oslo's case system (idempotent), and print the demo logins."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is for local runs only: set DJANGO_DEBUG=true.")
        logins = seed_demo()
        code = settings.MFA_TOTP_INSECURE_BYPASS_CODE
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        if code:
            self.stdout.write(f"Everyone but newcomers then gives the two-factor code {code}.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "Everyone but newcomers needs a two-factor code: set "
                    "MFA_TOTP_INSECURE_BYPASS_CODE (make run sets 000000) to log in as them."
                )
            )
        for login in logins:
            note = login.note.replace(MFA_NOTE, f"two-factor code {code}") if code else login.note
            note = f"  ({note})" if note else ""
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

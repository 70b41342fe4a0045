"""The demo's case system: Oslo's, an OAuth2 client (client credentials) that reads and decides.

Its client id and secret are fixed so that the printed curl line works on every demo machine.
They are for the local demo only: a real case system gets its own from an admin.
"""

from __future__ import annotations

from django.conf import settings
from oauth2_provider.models import Application

from reference.models import Kommune
from subsidies.models import CaseSystemClient

DEMO_CLIENT_ID = "innsteg-demo-oslo-case-system"
DEMO_CLIENT_SECRET = "innsteg-demo-oslo-secret-not-for-production"  # noqa: S105 - local demo only
DEMO_CLIENT_NAME = "Oslo kommune saksbehandling (demo)"


def seed_case_system() -> CaseSystemClient:
    """Oslo's case system with subsidies:read and subsidies:decide; looked up by client id."""
    application = Application.objects.filter(client_id=DEMO_CLIENT_ID).first()
    if application is None:
        application = Application.objects.create(
            client_id=DEMO_CLIENT_ID,
            client_secret=DEMO_CLIENT_SECRET,
            name=DEMO_CLIENT_NAME,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        )
    client, created = CaseSystemClient.objects.get_or_create(
        application=application, defaults={"may_read": True, "may_decide": True}
    )
    if created:
        client.kommuner.set(Kommune.objects.filter(number="0301"))
    return client


def curl_example() -> str:
    """One shell line: a token for the demo client, then Oslo's subsidy cases with it."""
    site = settings.SITE_URL
    return (
        f"TOKEN=$(curl -s -u {DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET} "
        f"-d grant_type=client_credentials {site}/oauth/token/ "
        "| python3 -c \"import json,sys; print(json.load(sys.stdin)['access_token'])\") "
        f'&& curl -s -H "Authorization: Bearer $TOKEN" {site}/api/v1/subsidy-cases/'
    )

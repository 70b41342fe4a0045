"""A client generated from the live schema (openapi-python-client, as a case-system developer
would make one) runs the case-system flow against a running server: a token by OAuth2 client
credentials, the list of cases, a recommendation and an approval by two different caseworkers
(`acting_user`), a refusal with its code, a retried approval answered from the
Idempotency-Key, and the event feed.

The client is generated into a temporary directory from /api/schema/ as the server serves it:
what the schema declares (security, bodies, answers, headers) is what the client does."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from subsidies.models import CaseStatus, SubsidyCase
from tests.subsidies.conftest import CLIENT_SECRET

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "innsteg_case_client"


@pytest.fixture
def generated(live_server: LiveServer, tmp_path: Path) -> Iterator[ModuleType]:
    """The client package, generated from the live schema and importable."""
    with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as answer:
        schema = json.load(answer)
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps(schema))
    config = tmp_path / "config.json"
    # No formatting afterwards (the generator would look for ruff on PATH).
    config.write_text(json.dumps({"post_hooks": [], "package_name_override": PACKAGE}))
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema_path),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Every operation and model was generated: the generator warns of what it had to skip.
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def _token(live_server: LiveServer, client_id: str) -> str:
    answer = httpx.post(
        f"{live_server.url}/oauth/token/",
        data={"grant_type": "client_credentials", "scope": "subsidies:read subsidies:decide"},
        auth=(client_id, CLIENT_SECRET),
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def test_the_case_system_flow_with_a_generated_client(  # type: ignore[no-untyped-def]
    transactional_db,
    live_server: LiveServer,
    subsidy_case: SubsidyCase,
    case_system,
    veileder: User,
    beslutter: User,
    generated: ModuleType,
) -> None:
    system = case_system(("0301",), may_decide=True)
    token = _token(live_server, system.application.client_id)
    api = generated.AuthenticatedClient(
        base_url=live_server.url, token=token, headers={"Accept-Language": "en"}
    )
    models = _module("models")
    v1 = "api.v1"

    # The cases of the kommuner the case system serves.
    page = _module(f"{v1}.v1_subsidy_cases_list").sync(client=api)
    assert isinstance(page, models.PaginatedCaseOutputList), page
    assert [case.id for case in page.results] == [subsidy_case.pk]
    listed = page.results[0]
    assert listed.status == CaseStatus.COMPUTED
    assert listed.monthly_amount_nok == "12690.00"

    # A veileder recommends, through the case system.
    recommend = _module(f"{v1}.v1_subsidy_cases_recommend_create")
    state = recommend.sync(
        id=listed.id,
        client=api,
        body=models.CaseRecommendInputRequest(
            outcome="approve", acting_user=veileder.email, expected_version=listed.version
        ),
    )
    assert isinstance(state, models.CaseStateOutput), state
    assert state.status == CaseStatus.RECOMMENDED

    approve = _module(f"{v1}.v1_subsidy_cases_approve_create")
    # A veileder does not decide: the refusal comes in the one error shape, with its code.
    refused = approve.sync_detailed(
        id=listed.id,
        client=api,
        body=models.CaseApproveInputRequest(acting_user=veileder.email),
    )
    assert refused.status_code == 403
    assert isinstance(refused.parsed, models.Error)
    assert refused.parsed.error.code == "wrong_role"

    # A beslutter approves; the retry with the same key gets the first answer again.
    body = models.CaseApproveInputRequest(acting_user=beslutter.email)
    first = approve.sync_detailed(
        id=listed.id, client=api, body=body, idempotency_key="approve-case-1"
    )
    assert first.status_code == 200, first.content
    assert isinstance(first.parsed, models.CaseStateOutput)
    assert first.parsed.status == CaseStatus.APPROVED
    assert len(first.parsed.decision.periods) == 12
    again = approve.sync_detailed(
        id=listed.id, client=api, body=body, idempotency_key="approve-case-1"
    )
    assert again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.parsed.to_dict() == first.parsed.to_dict()

    # The feed tells a case system what happened, in order, one page after another.
    feed = _module(f"{v1}.v1_events_retrieve")
    kinds: list[str] = []
    after = 0
    while True:
        events = feed.sync(client=api, after=after, limit=2)
        assert isinstance(events, models.CaseEventPage), events
        kinds.extend(event.kind for event in events.events)
        after = events.next_after
        if not events.has_more:
            break
    assert kinds[-2:] == ["case_recommended", "case_approved"]
    assert feed.sync(client=api, after=after).events == []

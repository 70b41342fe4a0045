"""Run by tests/subsidies/test_subsidies_sqlite_branches.py in a process of its own, on the SQLite
database of the embedded mode (`make run`): computes cases and approves one, so that the SQLite
branches of subsidies.services.bulk (results, case updates, events) and services.events (no
advisory lock) run on a real SQLite database. Prints what it found as JSON."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)

    from accounts.models import Role
    from subsidies.models import CaseEvent, Decision, EligibilityResult, SubsidyCase
    from subsidies.services import cases_compute
    from subsidies.services.decisions import case_approve, case_recommend
    from tests.factories import OrganisationFactory, UserFactory
    from tests.subsidies.conftest import open_case

    organisation = OrganisationFactory(orgnr="988077917", bydel_id="030111")
    veileder = UserFactory(role=Role.VEILEDER, serves=("0301",))
    beslutter = UserFactory(role=Role.BESLUTTER, serves=("0301",))
    cases = [open_case(organisation, compute=False) for _ in range(3)]
    computed = cases_compute(case_ids=[case.pk for case in cases])
    again = cases_compute(case_ids=[case.pk for case in cases])  # nothing changed: nothing stored
    first = SubsidyCase.objects.get(pk=cases[0].pk)
    case_approve(case=case_recommend(case=first, by=veileder, outcome="approve"), by=beslutter)
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "computed": computed,
                "again": again,
                "results": EligibilityResult.objects.count(),
                "statuses": sorted(SubsidyCase.objects.values_list("status", flat=True)),
                "current_results": sorted(
                    SubsidyCase.objects.values_list("current_result__monthly_amount_nok", flat=True)
                ),
                "event_kinds": list(
                    CaseEvent.objects.order_by("id").values_list("kind", flat=True)
                ),
                "decisions": Decision.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    main()

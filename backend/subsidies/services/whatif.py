"""What-if runs: how many undecided cases would be eligible, and at what cost, under a variant
of the rules, side by side with the rules in force.

Every undecided case in the run's kommuner with all its facts is evaluated twice from today's
facts: under the rule set in force on its start date, and under that rule set with the changed
parameters, or, when the run names a rule set (v1 or v2, docs/rules/), under the named rule set
with the changed parameters whatever the case's start date. The monthly cost is the sum of the
full-month amounts of the eligible cases; the yearly cost adds each eligible case's amounts over
its decision period (at most 12 months, a short last month pro rata), with the G of the start
month.
"""

from __future__ import annotations

import datetime
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from common.errors import TooManyRuns, WrongRole
from common.months import add_months
from common.tasks import enqueue
from subsidies import rules
from subsidies.models import (
    SCOPE_SIMULATE,
    UNDECIDED_STATUSES,
    CaseSystemClient,
    SubsidyCase,
    WhatIfRun,
    WhatIfStatus,
)
from subsidies.records import (
    CASE_ROW_FIELDS,
    approved_subsidies,
    missing_from_row,
    other_subsidies_for,
    record_from_row,
)
from subsidies.rules.money import prorate
from subsidies.rules.periods import months_between
from subsidies.viewers import Viewer

logger = logging.getLogger(__name__)
MAX_PARAMETERS = 50
# Who may start runs: each evaluates every undecided case of the caller's kommuner twice.
WHATIF_ROLES = frozenset({Role.BESLUTTER, Role.ADMIN})
# One caller's runs queued or running at a time; a run older than the window no longer counts
# (a lost worker must not block its caller for good).
MAX_ACTIVE_RUNS = 2
ACTIVE_RUN_WINDOW = datetime.timedelta(hours=1)
MAX_WHATIF_ATTEMPTS = 3
HEARTBEAT_EVERY_ROWS = 50


def whatif_check_rule_set(rule_set: Any) -> str:
    """The version a run starts from ("" for each case's own rule set); errors name `rule_set`."""
    if rule_set in (None, ""):
        return ""
    versions = [known.version for known in rules.RULE_SETS]
    if rule_set not in versions:
        raise ValidationError(
            {"rule_set": _("Give one of: %(choices)s.") % {"choices": ", ".join(versions)}}
        )
    return str(rule_set)


def whatif_check_parameters(parameters: Any, *, rule_set: str = "") -> dict[str, Any]:
    """The changed parameters, checked against every registered rule set (or the one the run
    starts from); errors name `parameters.<name>`. Empty only when the run names a rule set."""
    if rule_set and (parameters is None or parameters == {}):
        return {}
    if not isinstance(parameters, Mapping) or not parameters:
        raise ValidationError(
            {"parameters": _('Give the parameters to change, e.g. {"innstegsjobb_share": 0.7}.')}
        )
    if len(parameters) > MAX_PARAMETERS:
        raise ValidationError({"parameters": _("Change at most 50 parameters at a time.")})
    errors: dict[str, list[str]] = {}
    bases = [rules.get_rule_set(rule_set)] if rule_set else rules.RULE_SETS
    for base in bases:
        try:
            base.with_overrides(parameters, translate=_)
        except rules.RuleParameterError as error:
            for item in error.errors:
                messages = errors.setdefault(f"parameters.{item['field']}", [])
                if item["message"] not in messages:
                    messages.append(item["message"])
    if errors:
        raise ValidationError(errors)
    return dict(parameters)


def whatif_may_run(viewer: Viewer) -> bool:
    """Beslutters and platform admins, and case systems allowed `subsidies:simulate`."""
    if viewer.client is not None:
        return SCOPE_SIMULATE in viewer.client.scopes
    return viewer.user is not None and viewer.user.role in WHATIF_ROLES


def _lock_and_count_active(viewer: Viewer) -> int:
    """The caller's runs queued or running (started in the last ACTIVE_RUN_WINDOW), counted
    with the caller's row locked so that two requests at once cannot both pass the limit."""
    runs = WhatIfRun.objects.filter(
        status__in=[WhatIfStatus.QUEUED, WhatIfStatus.RUNNING],
        created_at__gte=timezone.now() - ACTIVE_RUN_WINDOW,
    )
    if viewer.client is not None:
        CaseSystemClient.objects.select_for_update().filter(pk=viewer.client.pk).first()
        return runs.filter(client_id=viewer.client.application.client_id).count()
    assert viewer.user is not None
    User.objects.select_for_update().filter(pk=viewer.user.pk).first()
    return runs.filter(created_by=viewer.user, client_id="").count()


@transaction.atomic
def whatif_start(*, viewer: Viewer, parameters: Any, rule_set: Any = "") -> WhatIfRun:
    """Queue a what-if run over the undecided cases of the kommuner the viewer serves: at most
    MAX_ACTIVE_RUNS of one caller's runs are queued or running at a time. With `rule_set` the
    variant starts from that rule set for every case (e.g. v2 over cases that start in 2026);
    without it, from each case's own."""
    if not whatif_may_run(viewer):
        raise WrongRole(
            _("What-if runs are for beslutters, platform admins and case systems allowed them.")
        )
    base = whatif_check_rule_set(rule_set)
    checked = whatif_check_parameters(parameters, rule_set=base)
    if _lock_and_count_active(viewer) >= MAX_ACTIVE_RUNS:
        raise TooManyRuns(
            _(
                "You already have %(count)d what-if runs queued or running. "
                "Start another when one of them is done."
            )
            % {"count": MAX_ACTIVE_RUNS}
        )
    run = WhatIfRun.objects.create(
        rule_set=base,
        parameters=checked,
        kommuner=[] if viewer.every_kommune else sorted(viewer.kommuner),
        created_by=viewer.user,
        client_id=viewer.client.application.client_id if viewer.client else "",
    )
    # On commit; a lost message leaves the queued run to the sweep.
    enqueue("worker.tasks.subsidies.run_whatif", run.pk)
    return run


@dataclass
class _Totals:
    versions: set[str] = field(default_factory=set)
    eligible: int = 0
    monthly_cost_nok: int = 0
    yearly_cost_nok: int = 0

    def add(self, answer: Mapping[str, Any]) -> None:
        self.versions.add(answer["rule_set"])
        if answer["eligible"]:
            self.eligible += 1
            self.monthly_cost_nok += answer["monthly_amount_nok"]
            self.yearly_cost_nok += decision_period_cost(answer)

    def as_json(self) -> dict[str, Any]:
        return {
            "rule_sets": sorted(self.versions),
            "eligible": self.eligible,
            "monthly_cost_nok": self.monthly_cost_nok,
            "yearly_cost_nok": self.yearly_cost_nok,
        }


def decision_period_cost(answer: Mapping[str, Any]) -> int:
    """The monthly amount over the decision period: whole months, then the rest pro rata."""
    period = answer["decision_period"]
    start = datetime.date.fromisoformat(period["start"])
    end = datetime.date.fromisoformat(period["end"])
    amount = int(answer["monthly_amount_nok"])
    months = months_between(start, end + datetime.timedelta(days=1))
    cost = amount * months
    rest_start = add_months(start, months)
    if rest_start <= end:
        month_days = (add_months(start, months + 1) - rest_start).days
        cost += prorate(amount, (end - rest_start).days + 1, month_days)
    return cost


def whatif_compute(
    *,
    parameters: Mapping[str, Any],
    kommuner: list[str],
    rule_set: str = "",
    heartbeat: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """The side-by-side result of a run (see the module's docstring); `heartbeat` is called
    every HEARTBEAT_EVERY_ROWS cases. With `rule_set` the variant is that rule set with the
    parameters changed, applied to every case whatever its start date."""
    chosen = (
        rules.get_rule_set(rule_set).with_overrides(parameters).for_every_start_date()
        if rule_set
        else None
    )
    cases = SubsidyCase.objects.filter(status__in=UNDECIDED_STATUSES)
    if kommuner:
        cases = cases.filter(kommune_id__in=kommuner)
    rows = cases.order_by("pk").values(*CASE_ROW_FIELDS)
    approved = approved_subsidies(cases.values("newcomer_id"))
    variants: dict[str, rules.RuleSet] = {}
    in_force, what_if = _Totals(), _Totals()
    counted = skipped = became_eligible = became_ineligible = 0
    for number, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        if heartbeat is not None and number % HEARTBEAT_EVERY_ROWS == 0:
            heartbeat()
        if missing_from_row(row):
            skipped += 1
            continue
        try:
            others = other_subsidies_for(row, approved)
            record = rules.parse_record(record_from_row(row, other_subsidies=others))
        except rules.InputError:
            skipped += 1
            continue
        base = rules.rule_set_for(record.start_date)
        if chosen is not None:
            variant = chosen
        else:
            if base.version not in variants:
                variants[base.version] = base.with_overrides(parameters)
            variant = variants[base.version]
        before = rules.evaluate_record(record, rule_set=base)
        after = rules.evaluate_record(record, rule_set=variant)
        in_force.add(before)
        what_if.add(after)
        counted += 1
        became_eligible += after["eligible"] and not before["eligible"]
        became_ineligible += before["eligible"] and not after["eligible"]
    left, right = in_force.as_json(), what_if.as_json()
    return {
        "cases": counted,
        "skipped": skipped,
        "rule_set": rule_set or None,
        "parameters": dict(parameters),
        "in_force": left,
        "what_if": right,
        "difference": {
            key: right[key] - left[key]
            for key in ("eligible", "monthly_cost_nok", "yearly_cost_nok")
        },
        "became_eligible": became_eligible,
        "became_ineligible": became_ineligible,
    }


# The run's lifecycle: a lease renewed by a heartbeat, and a sweep for runs no worker holds.


class LeaseLost(Exception):
    """The sweep gave the run to another worker: this one stops and records nothing."""


def _lease_expired(now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(seconds=settings.WHATIF_LEASE_SECONDS)


def whatif_run(*, run_id: int, worker: str = "") -> WhatIfRun | None:
    """Carry out a queued run (the Celery task). A run that is not queued is left alone.

    The worker holds the run while its heartbeat (every few hundred cases) is fresh; a worker
    that loses it, because the sweep found the heartbeat too old, stops without writing.
    """
    worker = worker or uuid.uuid4().hex
    with transaction.atomic():
        run = WhatIfRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != WhatIfStatus.QUEUED:
            return run
        run.status = WhatIfStatus.RUNNING
        run.attempts += 1
        run.heartbeat_at = timezone.now()
        run.worker = worker[:100]
        run.save(update_fields=["status", "attempts", "heartbeat_at", "worker"])
    held = WhatIfRun.objects.filter(pk=run.pk, status=WhatIfStatus.RUNNING, worker=run.worker)

    last_beat = time.monotonic()

    def heartbeat() -> None:
        nonlocal last_beat
        if time.monotonic() - last_beat < settings.WHATIF_LEASE_SECONDS / 6:
            return
        if not held.update(heartbeat_at=timezone.now()):
            raise LeaseLost
        last_beat = time.monotonic()

    try:
        result = whatif_compute(
            parameters=run.parameters,
            kommuner=run.kommuner,
            rule_set=run.rule_set,
            heartbeat=heartbeat,
        )
    except LeaseLost:
        logger.warning("what-if run %s was taken over; stopping", run.pk)
        return run
    except Exception as error:  # the run records the failure for its reader
        logger.exception("what-if run %s failed", run.pk)
        changes: dict[str, Any] = {
            "status": WhatIfStatus.FAILED,
            "error": f"{type(error).__name__}: {error}"[:2000],
        }
    else:
        changes = {"status": WhatIfStatus.DONE, "result": result, "error": ""}
    held.update(finished_at=timezone.now(), **changes)
    run.refresh_from_db()
    return run


def whatif_runs_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Runs no worker holds: queued again, or failed after their last attempt.

    A running run whose heartbeat is older than WHATIF_LEASE_SECONDS lost its worker; a queued
    run older than that lost its message (Redis was down). Both are queued and sent again, until
    a run has had MAX_WHATIF_ATTEMPTS; then it fails, saying why.
    """
    now = now or timezone.now()
    stale = _lease_expired(now)
    counts = {"requeued": 0, "failed": 0, "resent": 0}
    with transaction.atomic():
        runs = list(
            WhatIfRun.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=WhatIfStatus.RUNNING, heartbeat_at__lt=stale)
                | Q(status=WhatIfStatus.QUEUED, created_at__lt=stale)
            )
            .order_by("pk")
        )
        for run in runs:
            if run.status == WhatIfStatus.QUEUED:
                counts["resent"] += 1
            elif run.attempts >= MAX_WHATIF_ATTEMPTS:
                run.status = WhatIfStatus.FAILED
                run.error = _("The worker running it stopped %(attempts)s times.") % {
                    "attempts": run.attempts
                }
                run.finished_at = now
                run.worker = ""
                run.save(update_fields=["status", "error", "finished_at", "worker"])
                counts["failed"] += 1
                continue
            else:
                run.status = WhatIfStatus.QUEUED
                run.error = _("The worker running it stopped; it was started again.")
                run.worker = ""
                run.save(update_fields=["status", "error", "worker"])
                counts["requeued"] += 1
            enqueue("worker.tasks.subsidies.run_whatif", run.pk)
    if any(counts.values()):
        logger.warning("what-if sweep: %s", counts)
    return counts

"""Writing many eligibility results, case changes and events at once, fast on PostgreSQL.

A recomputation writes a few hundred results of a few kilobytes of JSON each per transaction.
Django's bulk_create and bulk_update bind every value into the SQL text on the client (and
bulk_update writes a CASE per row); on PostgreSQL these go through COPY and one
UPDATE ... FROM unnest() with server-side parameters instead, in the caller's transaction.
Elsewhere (SQLite in the embedded mode) they fall back to the ORM. A result's record and answer
are encrypted (common.crypto) on either way.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from django.db import connection
from psycopg import sql

from common.crypto import encrypt
from subsidies.models import CaseEvent, EligibilityResult, SubsidyCase


@dataclass
class NewResult:
    """A result to store; `snapshot_json` and `answer_json` are the texts the digest is of."""

    case_id: int
    snapshot: dict[str, Any]
    answer: dict[str, Any]
    snapshot_json: str
    answer_json: str
    digest: str
    pk: int | None = None


@dataclass
class CaseChange:
    """What a computation changes on a case: its result, status and errors; the version goes
    up by one."""

    case_id: int
    kommune_id: str
    version: int
    status: str
    result_id: int | None = None
    result: NewResult | None = None
    errors: list[dict[str, str]] = field(default_factory=list)

    @property
    def current_result_id(self) -> int | None:
        return self.result.pk if self.result is not None else self.result_id


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def results_insert(results: Sequence[NewResult], *, now: datetime.datetime) -> None:
    """Insert `results`, setting their primary keys."""
    if not results:
        return
    if connection.vendor != "postgresql":
        stored = EligibilityResult.objects.bulk_create(
            EligibilityResult(
                case_id=result.case_id,
                rule_set=result.answer["rule_set"],
                input_snapshot=result.snapshot,
                answer=result.answer,
                eligible=result.answer["eligible"],
                manual_review=result.answer["manual_review"],
                monthly_amount_nok=result.answer["monthly_amount_nok"],
                digest=result.digest,
                computed_at=now,
            )
            for result in results
        )
        for result, row in zip(results, stored, strict=True):
            result.pk = row.pk
        return
    table = EligibilityResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(results)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    for pk, result in zip(ids, results, strict=True):
        result.pk = pk
    columns = (
        "id",
        "case_id",
        "rule_set",
        "input_snapshot",
        "answer",
        "eligible",
        "manual_review",
        "monthly_amount_nok",
        "digest",
        "computed_at",
    )
    _copy(
        table,
        columns,
        (
            (
                result.pk,
                result.case_id,
                result.answer["rule_set"],
                encrypt(result.snapshot_json),
                encrypt(result.answer_json),
                result.answer["eligible"],
                result.answer["manual_review"],
                result.answer["monthly_amount_nok"],
                result.digest,
                now,
            )
            for result in results
        ),
    )


def cases_update(changes: Sequence[CaseChange], *, now: datetime.datetime) -> None:
    """Write each case's current result, errors, status and new version."""
    if not changes:
        return
    if connection.vendor != "postgresql":
        SubsidyCase.objects.bulk_update(
            [
                SubsidyCase(
                    pk=change.case_id,
                    current_result_id=change.current_result_id,
                    compute_errors=change.errors,
                    status=change.status,
                    version=change.version,
                    updated_at=now,
                )
                for change in changes
            ],
            ["current_result", "compute_errors", "status", "version", "updated_at"],
        )
        return
    statement = sql.SQL(
        "UPDATE {table} AS c SET current_result_id = v.result_id, status = v.status, "
        "compute_errors = v.errors::jsonb, version = v.version, updated_at = %s "
        "FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::integer[]) "
        "AS v(id, result_id, status, errors, version) WHERE c.id = v.id"
    ).format(table=sql.Identifier(SubsidyCase._meta.db_table))
    # Server-side parameters: the values go as they are, not quoted into the statement.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            statement,
            [
                now,
                [change.case_id for change in changes],
                [change.current_result_id for change in changes],
                [change.status for change in changes],
                [json.dumps(change.errors) for change in changes],
                [change.version for change in changes],
            ],
        )


def events_insert(events: Sequence[CaseEvent]) -> None:
    if connection.vendor != "postgresql":
        CaseEvent.objects.bulk_create(events)
        return
    _copy(
        CaseEvent._meta.db_table,
        ("case_id", "kommune_id", "kind", "payload", "at"),
        (
            (event.case_id, event.kommune_id, event.kind, json.dumps(event.payload), event.at)
            for event in events
        ),
    )

"""What the employer's forms post, as a browser would send it."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

TODAY = datetime.date.today

KIND_FIELDS: dict[str, dict[str, str]] = {
    "praksisplass": {"days_per_week": "3"},
    "innstegsjobb": {
        "monthly_wage": "28000",
        "work_hours_per_week": "22",
        "tuition_hours_per_week": "8",
    },
    "nystartsjobb": {"monthly_wage": "32000"},
    "trainee": {"monthly_wage": "30000"},
    "laereplass": {"monthly_wage": "18000", "intention_agreement": "on"},
}


def days(n: int) -> str:
    return (TODAY() + datetime.timedelta(days=n)).isoformat()


def questions_data(questions: list[tuple[str, str]], *, rows: int = 3) -> dict[str, str]:
    """The screening-question formset: (text, "" | "yes" | "no") per row, empty rows after."""
    data = {
        "questions-TOTAL_FORMS": str(max(rows, len(questions))),
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "10",
    }
    for index, (text, answer) in enumerate(questions):
        data[f"questions-{index}-text"] = text
        data[f"questions-{index}-required_answer"] = answer
    return data


def listing_data(
    kind: str = "innstegsjobb",
    /,
    *,
    questions: list[tuple[str, str]] | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """A valid listing of `kind`; changes may change even the kind, and None leaves a field out."""
    data: dict[str, Any] = {
        "kind": kind,
        "title": "Kokkelærling",
        "description": "Du lager mat i kantina og lærer norsk på jobben.",
        "occupation": "5120",
        "kommune": "0301",
        "bydel": "030111",
        "address": "Grorudveien 5",
        "position_percent": "80",
        "schedule": "Hverdager 8-15",
        "start_date": days(40),
        "duration_months": "6",
        "monthly_wage": "",
        "days_per_week": "",
        "work_hours_per_week": "",
        "tuition_hours_per_week": "",
        "norwegian_spoken": "A2",
        "norwegian_written": "A1",
        "workplace_languages": ["ar", "en"],
        "positions": "1",
        "deadline": days(20),
        "anonymous_review": "on",
        **KIND_FIELDS[kind],
        **questions_data(questions or []),
    }
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)

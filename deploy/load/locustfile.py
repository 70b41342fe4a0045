"""A mixed workload for Innsteg: newcomers searching and reading listings on their phones,
employers going through their applicants, and a kommune's case system reading subsidy cases.

Run by deploy/load/run.sh, which seeds the data and the sessions (manage.py loadtest_setup) and
starts gunicorn with PostgreSQL and Redis; see README.md, "Checks and benchmarks".
"""

from __future__ import annotations

import json
import os
import random
from typing import Any

from locust import HttpUser, between, task

with open(os.environ.get("LOADTEST_DATA", "var/loadtest.json"), encoding="utf-8") as data_file:
    DATA: dict[str, Any] = json.load(data_file)

# Words from the seeded listings' occupations and everyday ad text: each matches a known share.
WORDS = ["kokk", "barnehage", "lager", "renhold", "sjåfør", "butikk", "helsefagarbeider", "snekker"]
KINDS = ["praksisplass", "innstegsjobb", "nystartsjobb", "trainee", "apprenticeship"]


class Newcomer(HttpUser):
    weight = 6
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", random.choice(DATA["newcomers"]))  # noqa: S311

    @task(5)
    def search(self) -> None:
        params = {"q": random.choice(WORDS)}  # noqa: S311
        if random.random() < 0.5:  # noqa: S311
            params["kind"] = random.choice(KINDS)  # noqa: S311
        if random.random() < 0.3:  # noqa: S311
            params["kommune"] = "0301"
        self.client.get("/listings/", params=params, name="/listings/?q=")

    @task(3)
    def listing(self) -> None:
        pk = random.choice(DATA["listings"])  # noqa: S311
        self.client.get(f"/listings/{pk}/", name="/listings/[id]/")

    @task(1)
    def applications(self) -> None:
        self.client.get("/me/applications/")


class Employer(HttpUser):
    weight = 2
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.me = random.choice(DATA["employers"])  # noqa: S311
        self.client.cookies.set("sessionid", self.me["session"])

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/employer/")

    @task(2)
    def applicants(self) -> None:
        if self.me["listings"]:
            pk = random.choice(self.me["listings"])  # noqa: S311
            self.client.get(f"/employer/listings/{pk}/applicants/", name="/employer/applicants")


class CaseSystem(HttpUser):
    weight = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        client = DATA["client"]
        answer = self.client.post(
            "/oauth/token/",
            data={"grant_type": "client_credentials", "scope": "subsidies:read"},
            auth=(client["id"], client["secret"]),
            name="/oauth/token/",
        )
        self.token = answer.json().get("access_token", "")

    @task(3)
    def cases(self) -> None:
        self.client.get(
            "/api/v1/subsidy-cases/",
            headers={"Authorization": f"Bearer {self.token}"},
            name="/api/v1/subsidy-cases/",
        )

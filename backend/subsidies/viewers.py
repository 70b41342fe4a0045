"""Who reads or acts on subsidy cases, and where a request came from (for the audit log).

Caseworkers use their session; NAV and kommune case systems use OAuth2 client credentials. Both
see the cases of the kommuner they serve and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from accounts.models import CASEWORKER_ROLES, Role, User
from audit.services import Source
from subsidies.models import CaseSystemClient


@dataclass(frozen=True)
class Origin:
    """Where a change or a read came from: the case system, if any, and the network."""

    client: CaseSystemClient | None = None
    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def of(cls, request: HttpRequest, client: CaseSystemClient | None = None) -> Origin:
        """Where `request` came from: its address and its browser, as the audit log keeps it."""
        return cls(
            client=client,
            ip=request.META.get("REMOTE_ADDR") or None,
            user_agent=request.headers.get("User-Agent", "")[:300],
        )

    def source(self) -> Source:
        """The audit log's record of this origin: the client by id and name, and the network."""
        application = self.client.application if self.client is not None else None
        return Source(
            client_id=application.client_id if application is not None else "",
            client_name=application.name if application is not None else "",
            ip=self.ip,
            user_agent=self.user_agent,
        )


@dataclass(frozen=True)
class Viewer:
    """A caseworker (`user`) or a case system (`client`), with the kommuner it serves."""

    kommuner: frozenset[str]
    user: User | None = None
    client: CaseSystemClient | None = None
    every_kommune: bool = False
    """Platform admins, for what-if runs over every kommune."""
    origin: Origin = field(default_factory=Origin)

    @classmethod
    def for_user(cls, user: User, *, origin: Origin | None = None) -> Viewer:
        kommuner: frozenset[str] = frozenset()
        if user.role in CASEWORKER_ROLES:
            kommuner = frozenset(user.kommuner.values_list("number", flat=True))
        return cls(
            kommuner=kommuner,
            user=user,
            every_kommune=user.role == Role.ADMIN,
            origin=origin or Origin(),
        )

    @classmethod
    def for_client(cls, client: CaseSystemClient, *, origin: Origin | None = None) -> Viewer:
        kommuner = frozenset(client.kommuner.values_list("number", flat=True))
        return cls(kommuner=kommuner, client=client, origin=origin or Origin(client=client))

    def serves(self, kommune_id: str) -> bool:
        return self.every_kommune or kommune_id in self.kommuner

    @property
    def actor_key(self) -> str:
        """Identifies the caller for idempotency keys: each caller has its own key space."""
        if self.client is not None:
            return f"client:{self.client.application.client_id}"
        assert self.user is not None
        return f"user:{self.user.pk}"

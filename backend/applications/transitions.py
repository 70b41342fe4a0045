"""The one table of allowed status changes, and who makes each of them."""

from __future__ import annotations

from enum import StrEnum

from applications.models import ApplicationStatus as S


class Actor(StrEnum):
    APPLICANT = "applicant"  # the newcomer who applied
    EMPLOYER = "employer"  # a member of the listing's organisation
    SYSTEM = "system"  # a periodic job


TRANSITIONS: dict[tuple[str, str], Actor] = {
    (S.SUBMITTED, S.IN_REVIEW): Actor.EMPLOYER,
    (S.SUBMITTED, S.INTERVIEW): Actor.EMPLOYER,
    (S.IN_REVIEW, S.INTERVIEW): Actor.EMPLOYER,
    (S.IN_REVIEW, S.OFFERED): Actor.EMPLOYER,
    (S.INTERVIEW, S.OFFERED): Actor.EMPLOYER,
    (S.OFFERED, S.ACCEPTED): Actor.APPLICANT,
    (S.SUBMITTED, S.REJECTED): Actor.EMPLOYER,
    (S.IN_REVIEW, S.REJECTED): Actor.EMPLOYER,
    (S.INTERVIEW, S.REJECTED): Actor.EMPLOYER,
    (S.OFFERED, S.REJECTED): Actor.EMPLOYER,
    (S.SUBMITTED, S.WITHDRAWN): Actor.APPLICANT,
    (S.IN_REVIEW, S.WITHDRAWN): Actor.APPLICANT,
    (S.INTERVIEW, S.WITHDRAWN): Actor.APPLICANT,
    (S.OFFERED, S.WITHDRAWN): Actor.APPLICANT,
    (S.SUBMITTED, S.EXPIRED): Actor.SYSTEM,
    (S.IN_REVIEW, S.EXPIRED): Actor.SYSTEM,
    (S.INTERVIEW, S.EXPIRED): Actor.SYSTEM,
    (S.OFFERED, S.EXPIRED): Actor.SYSTEM,
}

FINAL_STATUSES = frozenset({S.ACCEPTED, S.REJECTED, S.WITHDRAWN, S.EXPIRED})
OPEN_STATUSES = frozenset(S) - FINAL_STATUSES


def actor_for(from_status: str, to_status: str) -> Actor | None:
    """Who may move an application from one status to the other; None if nobody may."""
    return TRANSITIONS.get((from_status, to_status))


def next_statuses(status: str, actor: Actor) -> set[str]:
    """The statuses `actor` may move an application in `status` to."""
    return {to for (start, to), who in TRANSITIONS.items() if start == status and who == actor}

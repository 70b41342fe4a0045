"""The buddy score: plain Python, no Django. A volunteer and a newcomer in, a score with its
parts out, or None when they must never be proposed to each other.

Never proposed: without a language in common (they could not talk), or living in different
fylker (they could not meet). Otherwise the parts add up:

- languages: 30 for the first language in common, 5 for each further one (at most 40);
- distance: the same bydel 30, the same kommune (another or no bydel) 20, the same fylke 10;
- interests: 10 for each interest in common (at most 30);
- availability: 10 for each time of the week both are free (at most 20).

Each part keeps what it found (the shared languages, interests and times) so that a coordinator
reads why, in their own language (buddies.explain).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LANGUAGE_FIRST, LANGUAGE_MORE, LANGUAGE_MAX = 30, 5, 40
DISTANCE_POINTS = {"bydel": 30, "kommune": 20, "fylke": 10}
INTEREST_EACH, INTEREST_MAX = 10, 30
AVAILABILITY_EACH, AVAILABILITY_MAX = 10, 20
MAX_SCORE = LANGUAGE_MAX + DISTANCE_POINTS["bydel"] + INTEREST_MAX + AVAILABILITY_MAX


@dataclass(frozen=True)
class Candidate:
    """One side of a possible match, as matching sees it."""

    person_id: int
    languages: frozenset[str]
    interests: frozenset[str]
    availability: frozenset[str]
    kommune: str
    fylke: str
    bydel: str | None = None


@dataclass(frozen=True)
class Part:
    code: str  # "languages", "distance", "interests", "availability"
    points: int
    found: tuple[str, ...]  # the shared codes; for distance the level: bydel, kommune or fylke

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "points": self.points, "found": list(self.found)}


@dataclass(frozen=True)
class Score:
    total: int
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Proposal:
    volunteer_id: int
    newcomer_id: int
    score: Score


def distance_level(volunteer: Candidate, newcomer: Candidate) -> str | None:
    if volunteer.kommune == newcomer.kommune:
        same_bydel = volunteer.bydel is not None and volunteer.bydel == newcomer.bydel
        return "bydel" if same_bydel else "kommune"
    if volunteer.fylke == newcomer.fylke:
        return "fylke"
    return None


def score(volunteer: Candidate, newcomer: Candidate) -> Score | None:
    """The score of proposing `volunteer` to `newcomer`, or None if they must not be proposed."""
    languages = tuple(sorted(volunteer.languages & newcomer.languages))
    if not languages:
        return None
    level = distance_level(volunteer, newcomer)
    if level is None:
        return None
    interests = tuple(sorted(volunteer.interests & newcomer.interests))
    times = tuple(sorted(volunteer.availability & newcomer.availability))
    parts = (
        Part(
            "languages",
            min(LANGUAGE_MAX, LANGUAGE_FIRST + LANGUAGE_MORE * (len(languages) - 1)),
            languages,
        ),
        Part("distance", DISTANCE_POINTS[level], (level,)),
        Part("interests", min(INTEREST_MAX, INTEREST_EACH * len(interests)), interests),
        Part("availability", min(AVAILABILITY_MAX, AVAILABILITY_EACH * len(times)), times),
    )
    return Score(total=sum(part.points for part in parts), parts=parts)


def propose(
    volunteers: Sequence[Candidate],
    newcomers: Iterable[Candidate],
    *,
    excluded_pairs: frozenset[tuple[int, int]] = frozenset(),
    per_newcomer: int = 3,
) -> list[Proposal]:
    """For each newcomer, the best `per_newcomer` volunteers by score (ties: the lower id first),
    leaving out pairs in `excluded_pairs` ((volunteer_id, newcomer_id): declined or ended
    before) and every pair `score` refuses."""
    proposals: list[Proposal] = []
    for newcomer in newcomers:
        scored = [
            Proposal(volunteer.person_id, newcomer.person_id, result)
            for volunteer in volunteers
            if (volunteer.person_id, newcomer.person_id) not in excluded_pairs
            and (result := score(volunteer, newcomer)) is not None
        ]
        scored.sort(key=lambda proposal: (-proposal.score.total, proposal.volunteer_id))
        proposals += scored[:per_newcomer]
    return proposals

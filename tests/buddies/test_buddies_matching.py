"""The score and the proposals: the expected buddy in a hand-built case, never one without a
language in common (a property over any volunteers and newcomers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import User
from buddies import matching, selectors
from buddies.matching import Candidate
from tests.buddies.conftest import make_request, make_volunteer
from tests.factories import NewcomerFactory

LANGUAGES = ["nb", "en", "ar", "ti", "so", "uk", "fa"]
INTERESTS = ["outdoors", "cooking", "music", "games"]
TIMES = ["weekday_daytime", "weekday_evenings", "weekends"]
# (kommune, fylke, bydeler)
PLACES = [
    ("0301", "03", ["030110", "030111", None]),
    ("3201", "32", [None]),
    ("3203", "32", [None]),
]


def _candidate(person_id: int, **changes: object) -> Candidate:
    values: dict[str, object] = {
        "person_id": person_id,
        "languages": frozenset({"ar"}),
        "interests": frozenset(),
        "availability": frozenset({"weekends"}),
        "kommune": "0301",
        "fylke": "03",
        "bydel": "030111",
    }
    values.update(changes)
    return Candidate(**values)  # type: ignore[arg-type]


def test_the_parts_add_up_and_say_what_they_found() -> None:
    volunteer = _candidate(
        1,
        languages=frozenset({"nb", "ar", "en"}),
        interests=frozenset({"cooking", "music"}),
        availability=frozenset({"weekends", "weekday_evenings"}),
    )
    newcomer = _candidate(
        2,
        languages=frozenset({"ar", "en"}),
        interests=frozenset({"cooking"}),
        availability=frozenset({"weekends"}),
    )
    result = matching.score(volunteer, newcomer)
    assert result is not None
    parts = {part.code: (part.points, part.found) for part in result.parts}
    assert parts == {
        "languages": (35, ("ar", "en")),
        "distance": (30, ("bydel",)),
        "interests": (10, ("cooking",)),
        "availability": (10, ("weekends",)),
    }
    assert result.total == 85


def test_distance_orders_bydel_kommune_fylke_and_refuses_further() -> None:
    newcomer = _candidate(2)
    same_bydel = matching.score(_candidate(1), newcomer)
    same_kommune = matching.score(_candidate(1, bydel="030110"), newcomer)
    bærum, asker = (
        _candidate(1, kommune="3201", fylke="32", bydel=None),
        _candidate(2, kommune="3203", fylke="32", bydel=None),
    )
    same_fylke = matching.score(bærum, asker)
    assert same_bydel and same_kommune and same_fylke
    assert same_bydel.total > same_kommune.total > same_fylke.total
    assert matching.score(bærum, newcomer) is None  # Akershus and Oslo: too far to meet


def test_no_language_in_common_is_never_scored() -> None:
    assert matching.score(_candidate(1, languages=frozenset({"nb"})), _candidate(2)) is None


candidates = st.builds(
    lambda person_id, languages, interests, times, place, bydel_index: Candidate(
        person_id=person_id,
        languages=frozenset(languages),
        interests=frozenset(interests),
        availability=frozenset(times),
        kommune=place[0],
        fylke=place[1],
        bydel=place[2][bydel_index % len(place[2])],
    ),
    st.integers(min_value=1, max_value=10_000),
    st.sets(st.sampled_from(LANGUAGES), max_size=3),
    st.sets(st.sampled_from(INTERESTS), max_size=3),
    st.sets(st.sampled_from(TIMES), max_size=3),
    st.sampled_from(PLACES),
    st.integers(min_value=0, max_value=2),
)


@settings(max_examples=300, deadline=None)
@given(volunteers=st.lists(candidates, max_size=8), newcomers=st.lists(candidates, max_size=8))
def test_a_proposal_always_shares_a_language(
    volunteers: list[Candidate], newcomers: list[Candidate]
) -> None:
    by_id = {c.person_id: c for c in volunteers}
    newcomers_by_id = {c.person_id: c for c in newcomers}
    proposals = matching.propose(list(by_id.values()), list(newcomers_by_id.values()))
    for proposal in proposals:
        volunteer, newcomer = by_id[proposal.volunteer_id], newcomers_by_id[proposal.newcomer_id]
        assert volunteer.languages & newcomer.languages
        assert proposal.score.total == sum(part.points for part in proposal.score.parts)
    # And every pair that shares a language and a fylke could be proposed (at most 3 each).
    for newcomer in newcomers_by_id.values():
        possible = [
            v
            for v in by_id.values()
            if v.languages & newcomer.languages and v.fylke == newcomer.fylke
        ]
        proposed = [p for p in proposals if p.newcomer_id == newcomer.person_id]
        assert len(proposed) == min(3, len(possible))


@pytest.mark.django_db
def test_the_coordinator_is_proposed_the_expected_buddy(coordinator: User) -> None:
    """Amal speaks Arabic and English, lives in Stovner, likes cooking, is free at weekends.

    - Tone: Arabic, Stovner, cooking, weekends: the best.
    - Lars: English, Grorud (same kommune), cooking: second.
    - Mona: Arabic, Bærum (another fylke): never.
    - Per: Ukrainian, Stovner, cooking, weekends: never (no language in common).
    - Kari: Arabic, Stovner, but not approved yet: never.
    """
    amal = NewcomerFactory(full_name="Amal Haddad", language="ar")
    make_request(amal, languages=["ar", "en"])
    tone = make_volunteer(name="Tone Bakke", languages=["nb", "ar"], approve_by=coordinator)
    lars = make_volunteer(
        name="Lars Holm", languages=["nb", "en"], bydel="030110", approve_by=coordinator
    )
    make_volunteer(name="Mona Said", languages=["ar"], kommune="3201", bydel=None)
    make_volunteer(name="Per Lie", languages=["uk"], approve_by=coordinator)
    make_volunteer(name="Kari Dahl", languages=["ar"])

    rows = selectors.proposal_list(viewer=coordinator)
    assert [(row.volunteer.user_id, row.request.user_id) for row in rows] == [
        (tone.user_id, amal.pk),
        (lars.user_id, amal.pk),
    ]
    assert rows[0].score.total > rows[1].score.total


@pytest.mark.django_db
def test_proposals_are_listed_in_a_fixed_number_of_queries(
    coordinator: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for index in range(6):
        make_request(NewcomerFactory(full_name=f"Newcomer {index}"), languages=["ar"])
        make_volunteer(name=f"Volunteer {index}", languages=["ar"], approve_by=coordinator)
    with django_assert_max_num_queries(5):
        rows = selectors.proposal_list(viewer=coordinator)
    assert len(rows) == 18

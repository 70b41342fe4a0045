"""Places for you: how well an open listing fits a newcomer's plan and profile, with reasons.

Plain Python over plain records, no database: `rank(person, places)` scores each place and says
why, so the same inputs always give the same list. The selector `plans.selectors_places` builds
the records from the plan, the applicant profile and the listings.

What counts, and how much:
- the occupation: the plan's goal (STYRK-08 unit group), or its neighbours in the same minor
  group (the first three digits); work the person has experience in, the same way;
- the kind: a listing of the kind an open step of the plan asks for (work practice,
  innstegsjobb, apprenticeship);
- the place: the person's kommune, else their fylke;
- the languages spoken at the workplace that the person speaks;
- Norwegian, spoken and written, against what the listing asks: at or above it fits; one level
  short is worth trying; two or more levels short puts the listing among those out of reach for
  now, which are shown apart with the reason, never hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from listings.models import NORWEGIAN_LEVEL_ORDER
from listings.validators import WORKPLACE_LANGUAGES

# How many levels above the person's a listing's requirement puts it out of reach for now.
OUT_OF_REACH_GAP = 2

WEIGHTS = {
    "goal_occupation": 40,
    "goal_group": 20,
    "experience_occupation": 20,
    "experience_group": 10,
    "kind_in_plan": 15,
    "same_kommune": 15,
    "same_fylke": 6,
    "language_shared": 8,
    "norwegian_ok": 5,
    "norwegian_none": 5,
    "norwegian_stretch": -5,
    "norwegian_far": -30,
}
# Reasons that make a place a match on their own; Norwegian alone does not.
MATCHING_CODES = frozenset(
    {
        "goal_occupation",
        "goal_group",
        "experience_occupation",
        "experience_group",
        "kind_in_plan",
        "same_kommune",
        "same_fylke",
        "language_shared",
    }
)
MAX_SHARED_LANGUAGES_COUNTED = 2
# Parameters that hold a name (occupation, group, step, place) rather than a level or a code.
NAMED_PARAMS = frozenset({"occupation", "group", "step", "kommune", "fylke"})


@dataclass(frozen=True)
class Person:
    goal_occupation: str | None = None  # STYRK-08 unit group (4 digits)
    experience_occupations: tuple[str, ...] = ()
    step_kinds: dict[str, str] = field(default_factory=dict)  # listing kind -> step title
    norwegian_spoken: str = "A0"
    norwegian_written: str = "A0"
    languages: tuple[str, ...] = ()
    kommune: str | None = None
    kommune_name: str = ""
    fylke: str | None = None
    fylke_name: str = ""


@dataclass(frozen=True)
class Place:
    id: int
    occupation: str
    occupation_title: str
    group_title: str  # the occupation's minor group (3 digits), by its Norwegian title
    kind: str
    norwegian_spoken: str
    norwegian_written: str
    workplace_languages: tuple[str, ...]
    kommune: str
    fylke: str


@dataclass(frozen=True)
class Reason:
    """One reason a place fits (or does not yet), as a code with parameters; `text` says it in
    the active language."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def weight(self) -> int:
        return WEIGHTS[self.code]

    @property
    def text(self) -> str:
        p: dict[str, Any] = dict(self.params)
        if "language" in p:
            p["language"] = WORKPLACE_LANGUAGES.get(p["language"], p["language"])
        for name in NAMED_PARAMS & set(p):
            # Names (in Norwegian) isolated, so they keep their direction in Arabic or Persian.
            p[name] = f"\u2068{p[name]}\u2069"
        return _message(self.code, p)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params), "text": self.text}


def _message(code: str, p: dict[str, Any]) -> str:
    if code == "goal_occupation":
        return _("This is the work your plan aims for: %(occupation)s.") % p
    if code == "goal_group":
        return _("Close to the work your plan aims for: both are in the group “%(group)s”.") % p
    if code == "experience_occupation":
        return _("You have experience in this work: %(occupation)s.") % p
    if code == "experience_group":
        return _("Close to work you have experience in: the group “%(group)s”.") % p
    if code == "kind_in_plan":
        return _("Your plan has a step of this kind: %(step)s.") % p
    if code == "same_kommune":
        return _("In your kommune, %(kommune)s.") % p
    if code == "same_fylke":
        return _("In your fylke, %(fylke)s.") % p
    if code == "language_shared":
        return _("You speak %(language)s, which is spoken at this workplace.") % p
    if code == "norwegian_none":
        if p["skill"] == "spoken":
            return _("No spoken Norwegian is needed to start.")
        return _("No written Norwegian is needed to start.")
    if code == "norwegian_ok":
        if p["skill"] == "spoken":
            return _("Your spoken Norwegian (%(yours)s) is at the level asked for (%(asked)s).") % p
        return _("Your written Norwegian (%(yours)s) is at the level asked for (%(asked)s).") % p
    if code == "norwegian_stretch":
        if p["skill"] == "spoken":
            return (
                _(
                    "Asks for spoken Norwegian at %(asked)s, one level above yours (%(yours)s): "
                    "you may still apply."
                )
                % p
            )
        return (
            _(
                "Asks for written Norwegian at %(asked)s, one level above yours (%(yours)s): "
                "you may still apply."
            )
            % p
        )
    if code == "norwegian_far":
        if p["skill"] == "spoken":
            return _("Asks for spoken Norwegian at %(asked)s; you have %(yours)s for now.") % p
        return _("Asks for written Norwegian at %(asked)s; you have %(yours)s for now.") % p
    raise ValueError(code)


@dataclass(frozen=True)
class Ranked:
    place: Place
    score: int
    reasons: tuple[Reason, ...]  # what fits, strongest first
    blockers: tuple[Reason, ...]  # why it is out of reach for now (empty when it is not)

    @property
    def out_of_reach(self) -> bool:
        return bool(self.blockers)

    @property
    def matches(self) -> bool:
        return any(reason.code in MATCHING_CODES for reason in self.reasons)


def _level(level: str) -> int:
    return NORWEGIAN_LEVEL_ORDER.index(level) if level in NORWEGIAN_LEVEL_ORDER else 0


def _title(place: Place) -> str:
    """The occupation's title without its closing full stop ("mv."), which the sentence has."""
    return place.occupation_title.rstrip(".")


def _group(code: str) -> str:
    return code[:3]


def _norwegian(skill: str, yours: str, asked: str) -> Reason:
    params = (("skill", skill), ("yours", yours), ("asked", asked))
    gap = _level(asked) - _level(yours)
    if _level(asked) == 0:
        return Reason("norwegian_none", (("skill", skill),))
    if gap <= 0:
        return Reason("norwegian_ok", params)
    if gap < OUT_OF_REACH_GAP:
        return Reason("norwegian_stretch", params)
    return Reason("norwegian_far", params)


def assess(person: Person, place: Place) -> Ranked:
    """How `place` fits `person`: its score, its reasons, and what keeps it out of reach."""
    reasons: list[Reason] = []
    if person.goal_occupation and place.occupation == person.goal_occupation:
        reasons.append(Reason("goal_occupation", (("occupation", _title(place)),)))
    elif person.goal_occupation and _group(place.occupation) == _group(person.goal_occupation):
        reasons.append(Reason("goal_group", (("group", place.group_title),)))
    if place.occupation in person.experience_occupations:
        reasons.append(Reason("experience_occupation", (("occupation", _title(place)),)))
    elif any(_group(code) == _group(place.occupation) for code in person.experience_occupations):
        reasons.append(Reason("experience_group", (("group", place.group_title),)))
    if place.kind in person.step_kinds:
        reasons.append(Reason("kind_in_plan", (("step", person.step_kinds[place.kind]),)))
    if person.kommune and place.kommune == person.kommune:
        reasons.append(Reason("same_kommune", (("kommune", person.kommune_name),)))
    elif person.fylke and place.fylke == person.fylke:
        reasons.append(Reason("same_fylke", (("fylke", person.fylke_name),)))
    shared = [code for code in place.workplace_languages if code in person.languages]
    for code in shared[:MAX_SHARED_LANGUAGES_COUNTED]:
        reasons.append(Reason("language_shared", (("language", code),)))
    norwegian = [
        _norwegian("spoken", person.norwegian_spoken, place.norwegian_spoken),
        _norwegian("written", person.norwegian_written, place.norwegian_written),
    ]
    blockers = tuple(reason for reason in norwegian if reason.code == "norwegian_far")
    reasons.extend(reason for reason in norwegian if reason.code != "norwegian_far")
    score = sum(reason.weight for reason in reasons) + sum(b.weight for b in blockers)
    reasons.sort(key=lambda reason: -reason.weight)
    return Ranked(place=place, score=score, reasons=tuple(reasons), blockers=blockers)


@dataclass(frozen=True)
class Ranking:
    fits: tuple[Ranked, ...]  # best first
    out_of_reach: tuple[Ranked, ...]  # matching places asking for far more Norwegian, best first
    not_matching: int  # open places that match nothing of the plan or profile


def rank(person: Person, places: Iterable[Place]) -> Ranking:
    """Sort the places that match the person (best first, ties by the order given), apart
    from those out of reach for now; count the ones that match nothing."""
    assessed = [assess(person, place) for place in places]
    matching = [ranked for ranked in assessed if ranked.matches]
    order = sorted(matching, key=lambda ranked: -ranked.score)  # stable: ties keep their order
    return Ranking(
        fits=tuple(ranked for ranked in order if not ranked.out_of_reach),
        out_of_reach=tuple(ranked for ranked in order if ranked.out_of_reach),
        not_matching=len(assessed) - len(matching),
    )

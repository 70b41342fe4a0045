"""The score's parts in words, in the reader's language, for the coordinator's proposals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from buddies.models import Availability, Interest
from common.validators import WORKPLACE_LANGUAGES


@dataclass(frozen=True)
class Reason:
    points: int
    text: str


def language_names(codes: Iterable[str]) -> list[str]:
    return [str(WORKPLACE_LANGUAGES.get(code, code)) for code in codes]


def interest_names(codes: Iterable[str]) -> list[str]:
    labels = dict(Interest.choices)
    return [str(labels.get(code, code)) for code in codes]


def availability_names(codes: Iterable[str]) -> list[str]:
    labels = dict(Availability.choices)
    return [str(labels.get(code, code)) for code in codes]


def _listed(names: list[str]) -> str:
    return ", ".join(names)


def reasons(parts: Iterable[Mapping[str, Any]]) -> list[Reason]:
    """One sentence per part of a score (BuddyMatch.score_parts or matching.Part.as_dict())."""
    out: list[Reason] = []
    for part in parts:
        code, points, found = part["code"], int(part["points"]), list(part["found"])
        if code == "languages":
            text = _("Languages in common: %(names)s.") % {"names": _listed(language_names(found))}
        elif code == "distance":
            text = {
                "bydel": _("They live in the same bydel."),
                "kommune": _("They live in the same kommune."),
                "fylke": _("They live in the same fylke."),
            }.get(found[0] if found else "", _("They live far apart."))
        elif code == "interests":
            text = (
                _("Interests in common: %(names)s.") % {"names": _listed(interest_names(found))}
                if found
                else _("No interests in common.")
            )
        elif code == "availability":
            text = (
                _("Both are free: %(names)s.") % {"names": _listed(availability_names(found))}
                if found
                else _("They are not free at the same times.")
            )
        else:
            continue
        out.append(Reason(points=points, text=text))
    return out

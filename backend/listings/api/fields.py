"""Choice fields for choice sets that serve fields of different names.

drf-spectacular names an enum after the field that holds it, and warns when one choice set gets two
names (norwegian_spoken, norwegian_level) or one name two choice sets (a listing's and an
application's `status`). These fields describe their choices inside an `allOf`, which leaves the
enum where it is instead of naming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.validators import WORKPLACE_LANGUAGES
from listings.models import ListingStatus, NorwegianLevel


def enum_schema(values: Sequence[str]) -> dict[str, Any]:
    return {"type": "string", "allOf": [{"enum": list(values)}]}


class InlineChoiceField(serializers.ChoiceField):
    choice_set: ClassVar[Sequence[tuple[str, Any]]] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=list(self.choice_set), **kwargs)

    def to_representation(self, value: Any) -> Any:
        # No choice ("" in the row) is null in the answer, never a string outside the enum.
        if value in ("", None):
            return None
        return super().to_representation(value)


@extend_schema_field(enum_schema(NorwegianLevel.values))
class NorwegianLevelField(InlineChoiceField):
    choice_set = NorwegianLevel.choices


@extend_schema_field(enum_schema(sorted(WORKPLACE_LANGUAGES)))
class LanguageCodeField(InlineChoiceField):
    choice_set = sorted(WORKPLACE_LANGUAGES.items())


@extend_schema_field(enum_schema(ListingStatus.values))
class ListingStatusField(InlineChoiceField):
    choice_set = ListingStatus.choices

"""Request body parsers that refuse hostile bodies with a 400 before any view reads them.

JSON nested deeper than MAX_JSON_DEPTH answers `parse_error` (Python's parser would recurse
until it fails); a NUL character in any string, key or form field answers `validation_error`
naming the field.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import (  # type: ignore[attr-defined]  # get_encoding
    DataAndFiles,
    FormParser,
    JSONParser,
    MultiPartParser,
    get_encoding,
)
from rest_framework.utils import json as drf_json

from common.api.nul import nul_fields_in_form, nul_fields_in_json, nul_message

MAX_JSON_DEPTH = 32

# A JSON string (skipped whole, brackets inside it do not count) or one bracket.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def json_depth_exceeds(text: str, limit: int) -> bool:
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return True
        elif bracket in "]}":
            depth -= 1
    return False


def _refuse_nul(fields: list[str]) -> None:
    if fields:
        raise ValidationError({field: [nul_message()] for field in fields})


class LimitedJSONParser(JSONParser):
    max_depth = MAX_JSON_DEPTH

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = get_encoding(parser_context or {})
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(
                _("The body is not valid %(encoding)s text.") % {"encoding": encoding}
            ) from error
        if json_depth_exceeds(text, self.max_depth):
            raise ParseError(
                _("The JSON is nested deeper than %(depth)d levels.") % {"depth": self.max_depth}
            )
        try:
            parse_constant = drf_json.strict_constant if self.strict else None
            data = json.loads(text, parse_constant=parse_constant)
        except (ValueError, RecursionError) as error:
            raise ParseError(
                _("The body is not valid JSON: %(error)s") % {"error": error}
            ) from error
        _refuse_nul(nul_fields_in_json(data))
        return data


class CheckedFormParser(FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        _refuse_nul(nul_fields_in_form(data))
        return data


class CheckedMultiPartParser(MultiPartParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed: DataAndFiles = super().parse(stream, media_type, parser_context)
        _refuse_nul(nul_fields_in_form(parsed.data))
        return parsed

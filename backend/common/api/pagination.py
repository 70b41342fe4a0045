from functools import partial
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response


class StablePageNumberPagination(PageNumberPagination):
    """Numbered pages; every list view orders by a unique key last so pages never overlap.

    A `page_size` that is not a whole number from 1 is refused (400 naming it) rather than
    quietly replaced by the default; one above the maximum is capped, as documented."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


class CappedCountPaginator(Paginator):
    """Counts at most `cap` rows: an exact count of every search match costs more than a page."""

    cap = 1000

    @cached_property
    def count(self) -> int:
        rows = cast(QuerySet[Any], self.object_list)
        return rows.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap


class KnownCountPaginator(CappedCountPaginator):
    """Pages over rows already counted elsewhere (a search's facet statement counts them):
    no count query; still pages over the first `cap` only, as deep pages sort ever more rows."""

    def __init__(self, object_list: Any, per_page: int, *, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return min(self.total, self.cap + 1)


class CappedCountPagination(StablePageNumberPagination):
    """Numbered pages over the first 1 000 matches; `count_is_capped` says when there are more.

    A view that has counted the rows already sets `known_total` before paginating.
    """

    known_total: int | None = None

    @property
    def django_paginator_class(self) -> Any:  # type: ignore[override]
        if self.known_total is None:
            return CappedCountPaginator
        return partial(KnownCountPaginator, total=self.known_total)

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        paginator = cast(CappedCountPaginator, self.page.paginator)
        response = super().get_paginated_response(data)
        response.data["count"] = min(paginator.count, paginator.cap)
        response.data["count_is_capped"] = paginator.is_capped
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["count_is_capped"] = {"type": "boolean"}
        return result

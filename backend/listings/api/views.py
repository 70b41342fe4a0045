"""The listings API: search and read for everyone, writes for the organisation's members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from accounts.models import Role, User
from accounts.request import request_user
from common.api.pagination import CappedCountPagination, CappedCountPaginator
from common.api.permissions import HasRole, HasRoleOrReadOnly
from listings import selectors, services
from listings.api.serializers import (
    ListingCreateInputSerializer,
    ListingOutputSerializer,
    ListingSearchQuerySerializer,
    ListingUpdateInputSerializer,
    SavedListingInputSerializer,
    SavedListingOutputSerializer,
    SavedSearchInputSerializer,
    SavedSearchOutputSerializer,
)
from listings.models import NORWEGIAN_LEVEL_ORDER, Listing, SavedListing, SavedSearch
from listings.result_cache import kept_results
from listings.search_choices import search_choices
from organisations.selectors import organisation_list


def _viewer(request: Request) -> User | None:
    return request_user(request) if request.user and request.user.is_authenticated else None


def _member_listing(request: Request, pk: int) -> Listing:
    return selectors.listing_get_for_member(viewer=request_user(request), pk=pk)


def search_filters(data: dict[str, Any]) -> selectors.ListingFilters:
    fields = {k: v for k, v in data.items() if k not in ("q", "facets") and v is not None}
    fields["languages"] = tuple(fields.get("languages", ()))
    return selectors.ListingFilters(**fields)


def facets_json(
    facets: selectors.SearchFacets, filters: selectors.ListingFilters
) -> dict[str, Any]:
    spoken, written = filters.spoken_level, filters.written_level
    return {
        "kind": facets.kinds,
        "fylke": facets.fylker(search_choices().kommune_fylke),
        "kommune": facets.kommuner,
        "occupation": {**facets.occupation_groups(1), **facets.occupation_groups(2)},
        "norwegian_spoken": {
            level: facets.with_levels(level, written) for level in NORWEGIAN_LEVEL_ORDER
        },
        "norwegian_written": {
            level: facets.with_levels(spoken, level) for level in NORWEGIAN_LEVEL_ORDER
        },
        "languages": facets.languages,
        "start_month": facets.start_months,
    }


class ListingSearchPagination(CappedCountPagination):
    """The search's pages; with `facets=true` the answer also has `facets`."""

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        result["properties"]["facets"] = {
            "type": "object",
            "description": "Only with facets=true: for each filter (kind, fylke, kommune, "
            "occupation, norwegian_spoken, norwegian_written, languages, start), each value "
            "with how many listings it leaves.",
        }
        return result


class ListingListApi(ListAPIView[Listing]):
    """GET: search published listings (anyone). POST: a new draft (members of the organisation)."""

    permission_classes = [HasRoleOrReadOnly]
    allowed_roles = (Role.EMPLOYER,)
    serializer_class = ListingOutputSerializer
    pagination_class = ListingSearchPagination
    queryset = Listing.objects.none()  # for the schema; get_queryset searches

    def _params(self) -> dict[str, Any]:
        params = ListingSearchQuerySerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return dict(params.validated_data)

    def get_queryset(self) -> QuerySet[Listing]:
        params = self._params()
        return selectors.listing_search(
            viewer=_viewer(self.request), q=params["q"], filters=search_filters(params)
        )

    @extend_schema(
        parameters=[ListingSearchQuerySerializer],
        responses=ListingOutputSerializer(many=True),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Published listings open for applications, best match first; with `facets=true`,
        also how many listings each value of each filter would leave."""
        params = self._params()
        if params["facets"]:
            return self._with_facets(request, params)
        return super().get(request, *args, **kwargs)

    def _with_facets(self, request: Request, params: dict[str, Any]) -> Response:
        """One statement counts, makes the facets and finds the page's results; the records
        not kept yet are read with their screening questions (two more queries)."""
        viewer, filters = _viewer(request), search_filters(params)
        paginator = self.paginator
        assert isinstance(paginator, CappedCountPagination)
        size = paginator.get_page_size(request) or paginator.page_size or 20
        invalid = NotFound(str(paginator.invalid_page_message).format(page_number="", message=""))
        try:
            number = int(request.query_params.get(paginator.page_query_param, 1))
        except ValueError:
            raise invalid from None
        if number < 1:
            raise invalid
        facets = selectors.listing_search_facets(
            viewer=viewer, q=params["q"], filters=filters, page=((number - 1) * size, size)
        )
        pages = max(1, -(-min(facets.total, CappedCountPaginator.cap) // size))
        if number > pages:
            raise invalid
        url = request.build_absolute_uri()

        def make(ids: list[int]) -> Iterable[tuple[int, dict[str, Any]]]:
            rows = selectors.listing_search_rows(ids)
            for listing, record in zip(
                rows, self.get_serializer(rows, many=True).data, strict=True
            ):
                yield listing.pk, dict(record)

        return Response(
            {
                "count": facets.total,
                "count_is_capped": False,
                "next": replace_query_param(url, paginator.page_query_param, number + 1)
                if number < pages
                else None,
                "previous": (
                    remove_query_param(url, paginator.page_query_param)
                    if number == 2
                    else replace_query_param(url, paginator.page_query_param, number - 1)
                )
                if number > 1
                else None,
                # Each listing's record is kept per change, as the search page's cards are.
                "results": kept_results("api-record", facets.page, make),
                "facets": facets_json(facets, filters),
            }
        )

    @extend_schema(request=ListingCreateInputSerializer, responses={201: ListingOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = ListingCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        by = request_user(request)
        organisation = organisation_list(viewer=by).get(pk=data.pop("organisation"))
        listing = services.listing_create(organisation=organisation, by=by, **data)
        listing = selectors.listing_get(viewer=by, pk=listing.pk)
        return Response(ListingOutputSerializer(listing).data, status=status.HTTP_201_CREATED)


class ListingDetailApi(APIView):
    """GET: a published listing (anyone) or one of the caller's own. PATCH: change it (members)."""

    permission_classes = [HasRoleOrReadOnly]
    allowed_roles = (Role.EMPLOYER,)

    @extend_schema(responses=ListingOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        listing = selectors.listing_get(viewer=_viewer(request), pk=pk)
        return Response(ListingOutputSerializer(listing).data)

    @extend_schema(request=ListingUpdateInputSerializer, responses=ListingOutputSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        listing = _member_listing(request, pk)
        serializer = ListingUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        by = request_user(request)
        services.listing_update(listing=listing, by=by, **serializer.validated_data)
        return Response(ListingOutputSerializer(selectors.listing_get(viewer=by, pk=pk)).data)


class _ListingActionApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)

    def act(self, *, listing: Listing, by: User) -> Listing:
        raise NotImplementedError

    @extend_schema(request=None, responses=ListingOutputSerializer)
    def post(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        self.act(listing=_member_listing(request, pk), by=by)
        return Response(ListingOutputSerializer(selectors.listing_get(viewer=by, pk=pk)).data)


class ListingPublishApi(_ListingActionApi):
    def act(self, *, listing: Listing, by: User) -> Listing:
        return services.listing_publish(listing=listing, by=by)


class ListingCloseApi(_ListingActionApi):
    def act(self, *, listing: Listing, by: User) -> Listing:
        return services.listing_close(listing=listing, by=by)


class ListingFillApi(_ListingActionApi):
    def act(self, *, listing: Listing, by: User) -> Listing:
        return services.listing_mark_filled(listing=listing, by=by)


class OrganisationListingListApi(ListAPIView[Listing]):
    """Every listing of one of the caller's organisations, in any state."""

    permission_classes = [HasRole]
    allowed_roles = (Role.EMPLOYER,)
    serializer_class = ListingOutputSerializer
    queryset = Listing.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self) -> QuerySet[Listing]:
        viewer = request_user(self.request)
        organisation = organisation_list(viewer=viewer).get(pk=self.kwargs["pk"])
        return selectors.listing_list_for_organisation(viewer=viewer, organisation=organisation)


class SavedListingListApi(ListAPIView[SavedListing]):
    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)
    serializer_class = SavedListingOutputSerializer
    queryset = SavedListing.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self) -> QuerySet[SavedListing]:
        return selectors.saved_listing_list(viewer=request_user(self.request))

    @extend_schema(
        request=SavedListingInputSerializer, responses={201: SavedListingOutputSerializer}
    )
    def post(self, request: Request) -> Response:
        serializer = SavedListingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        by = request_user(request)
        listing = selectors.listing_get(viewer=by, pk=serializer.validated_data["listing"])
        saved = services.saved_listing_add(listing=listing, by=by)
        saved = selectors.saved_listing_list(viewer=by).get(pk=saved.pk)
        return Response(SavedListingOutputSerializer(saved).data, status=status.HTTP_201_CREATED)


class SavedListingDetailApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        saved = selectors.saved_listing_list(viewer=by).get(pk=pk)
        services.saved_listing_remove(saved=saved, by=by)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SavedSearchListApi(ListAPIView[SavedSearch]):
    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)
    serializer_class = SavedSearchOutputSerializer
    queryset = SavedSearch.objects.none()  # for the schema; get_queryset scopes to the viewer

    def get_queryset(self) -> QuerySet[SavedSearch]:
        return selectors.saved_search_list(viewer=request_user(self.request))

    @extend_schema(request=SavedSearchInputSerializer, responses={201: SavedSearchOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = SavedSearchInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        saved = services.saved_search_create(
            by=request_user(request),
            name=data["name"],
            query=data["query"],
            filters=search_filters(dict(data.get("filters", {}))).to_json(),
        )
        return Response(SavedSearchOutputSerializer(saved).data, status=status.HTTP_201_CREATED)


class SavedSearchDetailApi(APIView):
    permission_classes = [HasRole]
    allowed_roles = (Role.NEWCOMER,)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        by = request_user(request)
        saved = selectors.saved_search_list(viewer=by).get(pk=pk)
        services.saved_search_delete(saved=saved, by=by)
        return Response(status=status.HTTP_204_NO_CONTENT)

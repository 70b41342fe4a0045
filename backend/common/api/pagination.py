from rest_framework.pagination import PageNumberPagination


class StablePageNumberPagination(PageNumberPagination):
    """Numbered pages; every list view orders by a unique key last so pages never overlap."""

    page_size_query_param = "page_size"
    max_page_size = 100

"""One view: one ranked full-text query over the listings, the twenty best as plain text."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

QUERY = """
    SELECT id, title FROM listings_listing
    WHERE status = 'published' AND deadline >= current_date
      AND search_vector @@ websearch_to_tsquery('norwegian', %s)
    ORDER BY ts_rank(search_vector, websearch_to_tsquery('norwegian', %s)) DESC,
             published_at DESC, id DESC
    LIMIT 20
"""


def search(request: HttpRequest) -> HttpResponse:
    words = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute(QUERY, [words, words])
        rows = cursor.fetchall()
    body = "\n".join(f"{pk} {title}" for pk, title in rows)
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


urlpatterns = [path("", search)]

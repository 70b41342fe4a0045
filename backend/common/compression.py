"""Compressed pages and API answers, with a mitigation of BREACH.

BREACH: when a compressed response holds a secret and also reflects text an attacker chose (a
search word in the query string), the compressed length shows how much of the chosen text
matches the secret, and the secret can be guessed a character at a time by watching lengths.

What we decided (see README "Compression and BREACH"):

- Every compressed response gets random length padding: Django's GZipMiddleware (4.2+) adds up
  to 100 random bytes to the gzip header of each response ("Heal the Breach"), so that one
  length no longer tells whether a guess matched.
- The CSRF token is no secret to BREACH: Django masks it afresh in every response.
- A signed-in person's page holds their personal data. A response to them that reflects input,
  that is any answer to a POST or a GET with a query string (their search page), is not
  compressed at all. Their other pages reflect nothing an attacker could choose and are
  compressed, as is every page of a person who is not signed in (no secret on it).

The proxy (deploy/proxy/nginx.conf) compresses static files only and leaves pages to this.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


def may_compress(request: HttpRequest) -> bool:
    """Whether the answer to `request` may go out compressed (see the module's text)."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    if not signed_in:
        return True
    reflects_input = request.method not in ("GET", "HEAD") or bool(request.META.get("QUERY_STRING"))
    return not reflects_input


class BreachAwareGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (random length padding included) where may_compress allows."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not may_compress(request):
            return response
        return super().process_response(request, response)

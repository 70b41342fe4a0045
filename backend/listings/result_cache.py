"""What a search shows of each result (a card's markup, the API's record), made once per change
of the listing and kept: in this process first, then in the shared cache.

The key names everything the result depends on: the listing's last change, its organisation's
name and verification (ResultKey), the language and the reference data's version (the result
names the occupation and the kommune). A change makes a new key and the old copy expires: no
copy is ever stale, so none needs telling. A page whose results are all kept costs no query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache, caches
from django.utils.translation import get_language

from listings.search_choices import current_version
from listings.selectors import ResultKey

KEEP_SECONDS = 3600
T = TypeVar("T")


def kept_results(
    what: str, results: list[ResultKey], make: Callable[[list[int]], Iterable[tuple[int, T]]]
) -> list[T]:
    """`what` of each result in order; `make(ids)` makes the missing ones as (id, value) pairs,
    leaving out a listing it no longer finds (unpublished since the search)."""
    fragments = caches["fragments"]
    prefix = f"{what}:{current_version()}:{get_language() or ''}"

    def key(result: ResultKey) -> str:
        name = hashlib.blake2b(result.organisation_name.encode(), digest_size=6).hexdigest()
        return f"{prefix}:{result.pk}:{result.changed}:{result.organisation_verified:d}:{name}"

    keys = {result.pk: key(result) for result in results}
    found = fragments.get_many(list(keys.values()))
    if len(found) < len(keys):
        shared = cache.get_many([k for k in keys.values() if k not in found])
        if shared:
            fragments.set_many(shared, KEEP_SECONDS)
            found.update(shared)
    missing = [pk for pk, cache_key in keys.items() if cache_key not in found]
    if missing:
        made = {keys[pk]: value for pk, value in make(missing)}
        cache.set_many(made, KEEP_SECONDS)
        fragments.set_many(made, KEEP_SECONDS)
        found.update(made)
    return [found[cache_key] for cache_key in keys.values() if cache_key in found]

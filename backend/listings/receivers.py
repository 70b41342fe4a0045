"""How listings follow what happens to the organisations that publish them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.dispatch import receiver

from listings.models import Listing, ListingStatus
from organisations.signals import claims_rejected


@receiver(claims_rejected)
def close_listings_of_rejected_claims(
    sender: Any, organisation_ids: Sequence[int], at: datetime.datetime, **kwargs: Any
) -> None:
    """A rejected claim to an organisation number publishes nothing: its listings close."""
    Listing.objects.filter(
        organisation__in=organisation_ids, status=ListingStatus.PUBLISHED
    ).update(status=ListingStatus.CLOSED, closed_at=at)

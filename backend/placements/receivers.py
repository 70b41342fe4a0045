"""How placements follow the applications they come from."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from accounts.models import User
from applications.models import Application
from applications.signals import offer_accepted
from placements.services import agreement_create_from_application


@receiver(offer_accepted)
def draft_agreement(sender: Any, application: Application, by: User | None, **kwargs: Any) -> None:
    """An accepted offer becomes a draft agreement in the same transaction."""
    agreement_create_from_application(application=application, by=by)

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "reference"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from reference.models import Bydel, Kommune, Occupation
        from reference.services import reference_cache_invalidate

        # An edit in the admin changes what the choice lists show: make the cached ones stale.
        # (Bulk imports send no signals; import_reference_data invalidates itself.)
        def changed(**kwargs: object) -> None:
            reference_cache_invalidate()

        for model in (Kommune, Bydel, Occupation):
            post_save.connect(changed, sender=model, dispatch_uid=f"reference-changed-{model}")
            post_delete.connect(changed, sender=model, dispatch_uid=f"reference-gone-{model}")

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
            # weak=False: the function is local to ready() and would be collected at once.
            for signal in (post_save, post_delete):
                signal.connect(changed, sender=model, weak=False, dispatch_uid=f"{signal}{model}")

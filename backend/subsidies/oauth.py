"""OAuth2 scopes per case system: a client is granted only the scopes its binding allows.

django-oauth-toolkit's default lets any registered client ask for any scope in settings; with
this backend (OAUTH2_PROVIDER["SCOPES_BACKEND_CLASS"]) a client without a CaseSystemClient row
gets none, and one with `may_decide` (`may_simulate`) off cannot get `subsidies:decide`
(`subsidies:simulate`). `subsidies:national_id` (revealing national ids) is granted only to a
client whose binding allows it, and only when the token request names it: it is never among the
default scopes.
"""

from __future__ import annotations

from typing import Any

from oauth2_provider.scopes import SettingsScopes


class CaseSystemScopes(SettingsScopes):
    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        from subsidies.models import CaseSystemClient

        if application is None:
            return []
        client = CaseSystemClient.objects.filter(application=application).first()
        return [] if client is None else client.scopes

    def get_default_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        from subsidies.models import SCOPE_NATIONAL_ID

        return [
            scope
            for scope in self.get_available_scopes(application, request)
            if scope != SCOPE_NATIONAL_ID
        ]

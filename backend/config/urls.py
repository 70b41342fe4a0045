from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts.views import admin_login, admin_logout, set_language
from common.api.oauth import (
    CheckedIntrospectTokenView,
    CheckedRevokeTokenView,
    RateLimitedTokenView,
)
from common.views import healthz, healthz_live, home, manifest, offline, service_worker
from config.metrics import metrics

# Under /api/, what no route answers (or what fails) answers in the API's error shape.
handler404 = "common.api.views.page_not_found"
handler500 = "common.api.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/live", healthz_live, name="healthz-live"),
    path("metrics", metrics, name="metrics"),
    # Every login goes through allauth (second factor, rate limits): the admin's included.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/logout/", admin_logout, name="admin_logout"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    # Only what case systems need for client credentials; applications are made in the admin.
    path(
        "oauth/",
        include(
            (
                [
                    path("token/", RateLimitedTokenView.as_view(), name="token"),
                    path("revoke_token/", CheckedRevokeTokenView.as_view(), name="revoke-token"),
                    path("introspect/", CheckedIntrospectTokenView.as_view(), name="introspect"),
                ],
                "oauth2_provider",
            )
        ),
    ),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # The employer's pages: one `employer` namespace over three apps' URL modules.
    path(
        "employer/",
        include(
            (
                [
                    path("", include("listings.employer_urls")),
                    path("", include("organisations.urls")),
                    path("", include("applications.employer_urls")),
                    path("", include("guidance.employer_urls")),
                ],
                "employer",
            )
        ),
    ),
    path("", include("listings.urls")),
    path("", include("applications.urls")),
    path("", include("privacy.urls")),
    path("", include("guidance.urls")),
    path("agreements/", include("placements.urls")),
    path("plan/", include("plans.urls")),
    path("notifications/", include("notifications.urls")),
    path("buddies/", include("buddies.urls")),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("offline/", offline, name="offline"),
    path("", home, name="home"),
]

"""The REST API v1: one module per domain, each adds its routes here.

Every path ends in a slash; /api/v1/ lists the resources. An address no route answers gets a 404
in the API's error shape (common.api.views.page_not_found, the project's handler404)."""

from django.urls import include, path

from common.api.views import ApiRootApi

urlpatterns = [
    path("", ApiRootApi.as_view(), name="api-root"),
    path("", include("organisations.api.urls")),
    path("", include("subsidies.api.urls")),
    path("", include("listings.api.urls")),
    path("", include("applications.api.urls")),
    path("", include("placements.api.urls")),
    path("", include("plans.api.urls")),
    path("", include("privacy.api.urls")),
    path("", include("buddies.api.urls")),
    path("", include("guidance.api.urls")),
]

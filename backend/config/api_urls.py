"""The REST API v1: one module per domain, each adds its routes here."""

from django.urls import include, path

urlpatterns = [
    path("", include("organisations.api.urls")),
    path("", include("subsidies.api.urls")),
    path("", include("listings.api.urls")),
    path("", include("applications.api.urls")),
    path("", include("placements.api.urls")),
    path("", include("plans.api.urls")),
    path("", include("privacy.api.urls")),
    path("", include("guidance.api.urls")),
]

from django.urls import path

from subsidies.api import views

urlpatterns = [
    path(
        "eligibility/simulate",
        views.EligibilitySimulateApi.as_view(),
        name="api-eligibility-simulate",
    ),
]

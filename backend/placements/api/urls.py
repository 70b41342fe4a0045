from django.urls import path

from placements.api import views

urlpatterns = [
    path("agreements/", views.AgreementListApi.as_view(), name="api-agreement-list"),
    path("agreements/<int:pk>/", views.AgreementDetailApi.as_view(), name="api-agreement-detail"),
    path(
        "agreements/<int:pk>/events/",
        views.AgreementEventListApi.as_view(),
        name="api-agreement-events",
    ),
    path(
        "agreements/<int:pk>/submit/",
        views.AgreementSubmitApi.as_view(),
        name="api-agreement-submit",
    ),
    path(
        "agreements/<int:pk>/approve/",
        views.AgreementApproveApi.as_view(),
        name="api-agreement-approve",
    ),
    path(
        "agreements/<int:pk>/cancel/",
        views.AgreementCancelApi.as_view(),
        name="api-agreement-cancel",
    ),
    path(
        "agreements/<int:pk>/start/", views.AgreementStartApi.as_view(), name="api-agreement-start"
    ),
    path("agreements/<int:pk>/end/", views.AgreementEndApi.as_view(), name="api-agreement-end"),
]

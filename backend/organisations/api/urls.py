from django.urls import path

from organisations.api import views

urlpatterns = [
    path("organisations/", views.OrganisationListApi.as_view(), name="api-organisation-list"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetailApi.as_view(),
        name="api-organisation-detail",
    ),
    path(
        "organisations/<int:pk>/invitations/",
        views.InvitationListApi.as_view(),
        name="api-invitation-list",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/",
        views.InvitationDetailApi.as_view(),
        name="api-invitation-detail",
    ),
    path(
        "invitations/accept/",
        views.InvitationAcceptApi.as_view(),
        name="api-invitation-accept",
    ),
]

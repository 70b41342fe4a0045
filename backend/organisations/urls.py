"""The employer's pages about organisations; mounted under employer/ in the `employer` namespace."""

from django.urls import path

from organisations import views

urlpatterns = [
    path("organisations/new/", views.organisation_register, name="organisation_register"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<int:pk>/invitations/",
        views.organisation_invite,
        name="organisation_invite",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.organisation_invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]

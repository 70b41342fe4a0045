from django.urls import path

from buddies.api import views

urlpatterns = [
    path(
        "buddies/volunteer/",
        views.VolunteerProfileApi.as_view(),
        name="api-buddy-volunteer-profile",
    ),
    path("buddies/request/", views.BuddyRequestApi.as_view(), name="api-buddy-request"),
    path("buddies/matches/", views.MatchListApi.as_view(), name="api-buddy-match-list"),
    path(
        "buddies/matches/<int:pk>/", views.MatchDetailApi.as_view(), name="api-buddy-match-detail"
    ),
    path(
        "buddies/matches/<int:pk>/accept/",
        views.MatchAcceptApi.as_view(),
        name="api-buddy-match-accept",
    ),
    path(
        "buddies/matches/<int:pk>/decline/",
        views.MatchDeclineApi.as_view(),
        name="api-buddy-match-decline",
    ),
    path("buddies/matches/<int:pk>/end/", views.MatchEndApi.as_view(), name="api-buddy-match-end"),
    path(
        "buddies/matches/<int:pk>/checkins/",
        views.MatchCheckInApi.as_view(),
        name="api-buddy-match-checkin",
    ),
    path(
        "buddies/volunteers/",
        views.CoordinatorVolunteerListApi.as_view(),
        name="api-buddy-volunteer-list",
    ),
    path(
        "buddies/volunteers/<int:pk>/approve/",
        views.VolunteerApproveApi.as_view(),
        name="api-buddy-volunteer-approve",
    ),
    path(
        "buddies/volunteers/<int:pk>/reject/",
        views.VolunteerRejectApi.as_view(),
        name="api-buddy-volunteer-reject",
    ),
    path("buddies/proposals/", views.ProposalListApi.as_view(), name="api-buddy-proposal-list"),
    path(
        "buddies/proposals/approve/",
        views.ProposalApproveApi.as_view(),
        name="api-buddy-proposal-approve",
    ),
]

from django.urls import path

from applications.api import views

urlpatterns = [
    path(
        "listings/<int:pk>/applications/",
        views.ListingApplicationsApi.as_view(),
        name="api-listing-applications",
    ),
    path("applications/", views.ApplicationListApi.as_view(), name="api-application-list"),
    path("me/profile/", views.ApplicantProfileApi.as_view(), name="api-applicant-profile"),
    path(
        "applications/<int:pk>/",
        views.ApplicationDetailApi.as_view(),
        name="api-application-detail",
    ),
    path(
        "applications/<int:pk>/review/",
        views.ApplicationReviewApi.as_view(),
        name="api-application-review",
    ),
    path(
        "applications/<int:pk>/interview/",
        views.ApplicationInterviewApi.as_view(),
        name="api-application-interview",
    ),
    path(
        "applications/<int:pk>/offer/",
        views.ApplicationOfferApi.as_view(),
        name="api-application-offer",
    ),
    path(
        "applications/<int:pk>/reject/",
        views.ApplicationRejectApi.as_view(),
        name="api-application-reject",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        views.ApplicationWithdrawApi.as_view(),
        name="api-application-withdraw",
    ),
    path(
        "applications/<int:pk>/accept/",
        views.ApplicationAcceptApi.as_view(),
        name="api-application-accept",
    ),
]

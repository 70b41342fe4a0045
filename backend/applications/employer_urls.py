"""The employer's pages about applicants; mounted under employer/ in the `employer` namespace."""

from django.urls import path

from applications.views import employer as views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "organisations/<int:pk>/listings/",
        views.organisation_listings,
        name="organisation_listings",
    ),
    path("listings/<int:pk>/applicants/", views.applicant_list, name="applicant_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/review/", views.application_review, name="application_review"),
    path(
        "applications/<int:pk>/interview/",
        views.application_interview,
        name="application_interview",
    ),
    path("applications/<int:pk>/offer/", views.application_offer, name="application_offer"),
    path("applications/<int:pk>/reject/", views.application_reject, name="application_reject"),
]

from django.urls import path

from applications.api import views

urlpatterns = [
    path(
        "listings/<int:pk>/applications",
        views.ApplicationCreateApi.as_view(),
        name="api-application-create",
    ),
    path(
        "listings/<int:pk>/applications/",
        views.ListingApplicationListApi.as_view(),
        name="api-listing-applications",
    ),
    path("applications/", views.ApplicationListApi.as_view(), name="api-application-list"),
    path("me/profile", views.ApplicantProfileApi.as_view(), name="api-applicant-profile"),
    path(
        "applications/<int:pk>/",
        views.ApplicationDetailApi.as_view(),
        name="api-application-detail",
    ),
]
for _action in ("review", "interview", "offer", "reject", "withdraw", "accept"):
    urlpatterns.append(
        path(
            f"applications/<int:pk>/{_action}",
            getattr(views, f"Application{_action.title()}Api").as_view(),
            name=f"api-application-{_action}",
        )
    )

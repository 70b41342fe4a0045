from django.urls import path

from privacy.api import views

urlpatterns = [
    path("me/data/", views.MyDataApi.as_view(), name="api-my-data"),
    path(
        "organisations/<int:pk>/data/",
        views.OrganisationDataApi.as_view(),
        name="api-organisation-data",
    ),
]

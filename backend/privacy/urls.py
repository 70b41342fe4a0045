"""A person's own data (see, download, delete) and the pages a public service must have."""

from django.urls import path

from privacy import pages, views

app_name = "privacy"

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export.json", views.my_data_download, name="my_data_download"),
    path(
        "me/data/organisations/<int:pk>/export.json",
        views.organisation_data_download,
        name="organisation_data_download",
    ),
    path("me/delete/", views.account_delete, name="account_delete"),
    path("privacy/", pages.notice, name="notice"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("about/", pages.about, name="about"),
]

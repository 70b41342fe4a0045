"""The public pages: privacy notice, accessibility statement, who runs the service."""

from django.urls import path

from privacy import pages

app_name = "privacy"

urlpatterns = [
    path("privacy/", pages.notice, name="notice"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("about/", pages.about, name="about"),
]

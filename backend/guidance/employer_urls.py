"""The employer's side of introductions, in the `employer` namespace."""

from django.urls import path

from guidance import views

urlpatterns = [
    path("introductions/", views.employer_introductions, name="introductions"),
    path(
        "introductions/<int:pk>/answer",
        views.employer_introduction_answer,
        name="introduction_answer",
    ),
]

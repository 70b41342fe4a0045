"""The agreement pages, for every party and the caseworkers; the selectors decide what shows."""

from django.urls import path

from placements import views

app_name = "placements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/submit", views.agreement_submit, name="submit"),
    path("<int:pk>/approve", views.agreement_approve, name="approve"),
    path("<int:pk>/cancel", views.agreement_cancel, name="cancel"),
    path("<int:pk>/start", views.agreement_start, name="start"),
    path("<int:pk>/end", views.agreement_end, name="end"),
]

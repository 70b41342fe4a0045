from django.urls import path

from buddies import views

app_name = "buddies"

urlpatterns = [
    path("", views.buddies_home, name="home"),
    path("me/", views.newcomer_page, name="newcomer"),
    path("volunteer/", views.volunteer_page, name="volunteer"),
    path("matches/<int:pk>/", views.match_detail, name="match"),
    path("matches/<int:pk>/accept/", views.match_accept, name="match_accept"),
    path("matches/<int:pk>/decline/", views.match_decline, name="match_decline"),
    path("matches/<int:pk>/end/", views.match_end, name="match_end"),
    path("matches/<int:pk>/checkins/", views.match_checkin, name="match_checkin"),
    path("coordinator/", views.coordinator_page, name="coordinator"),
    path("coordinator/propose/", views.propose, name="propose"),
    path(
        "coordinator/volunteers/<int:pk>/approve/",
        views.volunteer_approve,
        name="volunteer_approve",
    ),
    path(
        "coordinator/volunteers/<int:pk>/reject/", views.volunteer_reject, name="volunteer_reject"
    ),
    path("coordinator/appoint/", views.appoint, name="appoint"),
    path(
        "coordinator/appointments/<int:pk>/remove/",
        views.appointment_remove,
        name="appointment_remove",
    ),
]

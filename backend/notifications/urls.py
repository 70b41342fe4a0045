"""The in-app notifications and the settings for them; mounted under notifications/."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("settings/", views.notification_settings, name="settings"),
    path("<int:pk>/read", views.notification_read, name="read"),
    path("read-all", views.notification_read_all, name="read-all"),
]

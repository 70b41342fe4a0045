"""The newcomer's pages: profile, apply, and their applications."""

from django.urls import path

from applications.views import newcomer

app_name = "applications"

urlpatterns = [
    path("me/profile/", newcomer.profile, name="profile"),
    path("listings/<int:pk>/apply/", newcomer.apply, name="apply"),
    path("me/applications/", newcomer.mine, name="mine"),
    path("me/applications/<int:pk>/", newcomer.detail, name="detail"),
    path("me/applications/<int:pk>/withdraw", newcomer.withdraw, name="withdraw"),
    path("me/applications/<int:pk>/withdraw/undo", newcomer.withdraw_undo, name="withdraw_undo"),
    path("me/applications/<int:pk>/accept", newcomer.accept, name="accept"),
]

"""The guide's, the newcomer's and the veileder's pages about establishment guides."""

from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("guide/", views.caseload, name="caseload"),
    path("guide/newcomers/<int:pk>/", views.newcomer, name="newcomer"),
    path("guide/newcomers/<int:pk>/contacts", views.contact_add, name="contact_add"),
    path("guide/newcomers/<int:pk>/suggestions", views.suggestion_create, name="suggest"),
    path(
        "guide/newcomers/<int:pk>/suggestions/<int:suggestion_pk>/withdraw",
        views.suggestion_withdraw,
        name="suggestion_withdraw",
    ),
    path("guide/newcomers/<int:pk>/introductions", views.introduction_create, name="introduce"),
    path("guide/newcomers/<int:pk>/messages/", views.thread, name="thread"),
    path("me/guide/", views.mine, name="mine"),
    path("guides/", views.assignments, name="assignments"),
    path("guides/assign", views.assign, name="assign"),
    path("guides/hand-over", views.hand_over, name="hand_over"),
    path("guides/partners/", views.partners, name="partners"),
    path("guides/partners/<int:pk>/revoke", views.partner_revoke, name="partner_revoke"),
]

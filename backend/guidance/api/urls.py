from django.urls import path

from guidance.api import views

urlpatterns = [
    path("caseload/", views.CaseloadApi.as_view(), name="api-caseload-list"),
    path("caseload/<int:pk>/", views.CaseloadNewcomerApi.as_view(), name="api-caseload-detail"),
    path(
        "caseload/<int:pk>/contacts/",
        views.ContactListApi.as_view(),
        name="api-guide-contact-list",
    ),
    path(
        "caseload/<int:pk>/suggestions/",
        views.SuggestionListApi.as_view(),
        name="api-guide-suggestion-list",
    ),
    path(
        "caseload/<int:pk>/introductions/",
        views.IntroductionListApi.as_view(),
        name="api-guide-introduction-list",
    ),
    path(
        "caseload/<int:pk>/messages/",
        views.GuideThreadApi.as_view(),
        name="api-guide-message-list",
    ),
    path("me/guide/messages/", views.MyThreadApi.as_view(), name="api-my-guide-messages"),
    path(
        "me/guide/suggestions/", views.MySuggestionsApi.as_view(), name="api-my-guide-suggestions"
    ),
    path(
        "introductions/", views.EmployerIntroductionListApi.as_view(), name="api-introduction-list"
    ),
    path(
        "introductions/<int:pk>/answer",
        views.EmployerIntroductionAnswerApi.as_view(),
        name="api-introduction-answer",
    ),
    path("guide-assignments/", views.AssignmentListApi.as_view(), name="api-guide-assignments"),
    path(
        "guide-assignments/hand-over",
        views.HandOverApi.as_view(),
        name="api-guide-hand-over",
    ),
]

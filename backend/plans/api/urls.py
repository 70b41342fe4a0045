from django.urls import path

from plans.api import views

urlpatterns = [
    path("plans/", views.PlanListApi.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", views.PlanDetailApi.as_view(), name="api-plan-detail"),
    path("plans/<int:pk>/steps/", views.PlanStepListApi.as_view(), name="api-plan-steps"),
    path(
        "plans/<int:pk>/competences/",
        views.PlanCompetenceListApi.as_view(),
        name="api-plan-competences",
    ),
    path(
        "plans/<int:pk>/educations/",
        views.PlanEducationListApi.as_view(),
        name="api-plan-educations",
    ),
    path("plans/<int:pk>/notes/", views.PlanNoteCreateApi.as_view(), name="api-plan-notes"),
    path("plan-steps/<int:pk>/", views.StepDetailApi.as_view(), name="api-plan-step-detail"),
    path(
        "competences/<int:pk>/",
        views.CompetenceDetailApi.as_view(),
        name="api-competence-detail",
    ),
    path("educations/<int:pk>/", views.EducationDetailApi.as_view(), name="api-education-detail"),
    path("places-for-you/", views.PlacesApi.as_view(), name="api-places-for-you"),
]

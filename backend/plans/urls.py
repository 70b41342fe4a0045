"""The plan pages: the newcomer's own, the staff's for the newcomers they follow, and what
comes after a placement."""

from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.my_plan, name="mine"),
    path("notes/", views.note_add, name="note_add"),
    path("notes/<int:pk>/delete", views.note_delete, name="note_delete"),
    path("places/", views.my_places, name="places"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_plan, name="person"),
    path("people/<int:pk>/start", views.plan_start, name="start"),
    path("people/<int:pk>/edit/", views.plan_edit, name="edit"),
    path("people/<int:pk>/steps/new/", views.step_new, name="step_new"),
    path("people/<int:pk>/competences/new/", views.competence_new, name="competence_new"),
    path("people/<int:pk>/educations/new/", views.education_new, name="education_new"),
    path("people/<int:pk>/places/", views.person_places, name="person_places"),
    path(
        "people/<int:pk>/agreements/<int:agreement_pk>/attach",
        views.agreement_attach,
        name="agreement_attach",
    ),
    path("steps/<int:pk>/edit/", views.step_edit, name="step_edit"),
    path("steps/<int:pk>/delete", views.step_delete, name="step_delete"),
    path("competences/<int:pk>/edit/", views.competence_edit, name="competence_edit"),
    path("competences/<int:pk>/delete", views.competence_delete, name="competence_delete"),
    path("educations/<int:pk>/edit/", views.education_edit, name="education_edit"),
    path("educations/<int:pk>/delete", views.education_delete, name="education_delete"),
    path("placements/<int:pk>/", views.outcome, name="outcome"),
    path("placements/<int:pk>/evaluate", views.evaluate, name="evaluate"),
    path("placements/<int:pk>/letter/", views.letter_edit, name="letter"),
    path("placements/<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
]

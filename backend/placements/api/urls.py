from django.urls import path

from placements.api import views

urlpatterns = [
    path("agreements/", views.AgreementListApi.as_view(), name="api-agreement-list"),
    path("agreements/<int:pk>/", views.AgreementDetailApi.as_view(), name="api-agreement-detail"),
    path(
        "agreements/<int:pk>/events/",
        views.AgreementEventListApi.as_view(),
        name="api-agreement-events",
    ),
]
for _action in ("submit", "approve", "cancel", "start", "end"):
    urlpatterns.append(
        path(
            f"agreements/<int:pk>/{_action}",
            getattr(views, f"Agreement{_action.title()}Api").as_view(),
            name=f"api-agreement-{_action}",
        )
    )

from django.urls import path

from subsidies.api import views

urlpatterns = [
    path(
        "eligibility/simulate/",
        views.EligibilitySimulateApi.as_view(),
        name="api-eligibility-simulate",
    ),
    path("subsidy-cases/", views.CaseListApi.as_view(), name="api-subsidy-case-list"),
    path("subsidy-cases/<int:pk>/", views.CaseDetailApi.as_view(), name="api-subsidy-case-detail"),
    path(
        "subsidy-cases/<int:pk>/facts/",
        views.CaseFactsApi.as_view(),
        name="api-subsidy-case-facts",
    ),
    path(
        "subsidy-cases/<int:pk>/person-facts/",
        views.PersonFactsApi.as_view(),
        name="api-subsidy-case-person-facts",
    ),
    path(
        "subsidy-cases/<int:pk>/recommend/",
        views.CaseRecommendApi.as_view(),
        name="api-subsidy-case-recommend",
    ),
    path(
        "subsidy-cases/<int:pk>/approve/",
        views.CaseApproveApi.as_view(),
        name="api-subsidy-case-approve",
    ),
    path(
        "subsidy-cases/<int:pk>/reject/",
        views.CaseRejectApi.as_view(),
        name="api-subsidy-case-reject",
    ),
    path(
        "casework/agreements/",
        views.CaseworkAgreementListApi.as_view(),
        name="api-casework-agreement-list",
    ),
    path(
        "casework/agreements/<int:pk>/",
        views.CaseworkAgreementDetailApi.as_view(),
        name="api-casework-agreement-detail",
    ),
    path("refund-claims/", views.RefundClaimListApi.as_view(), name="api-refund-claim-list"),
    path(
        "refund-claims/<int:pk>/",
        views.RefundClaimDetailApi.as_view(),
        name="api-refund-claim-detail",
    ),
    path(
        "refund-claims/<int:pk>/report/",
        views.RefundClaimReportApi.as_view(),
        name="api-refund-claim-report",
    ),
    path("events/", views.EventFeedApi.as_view(), name="api-case-events"),
    path("what-if-runs/", views.WhatIfRunCreateApi.as_view(), name="api-whatif-create"),
    path("what-if-runs/<int:pk>/", views.WhatIfRunDetailApi.as_view(), name="api-whatif-detail"),
]

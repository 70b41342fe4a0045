from django.urls import path

from listings.api import views

urlpatterns = [
    path("listings/", views.ListingListApi.as_view(), name="api-listing-list"),
    path("listings/<int:pk>/", views.ListingDetailApi.as_view(), name="api-listing-detail"),
    path(
        "listings/<int:pk>/publish/", views.ListingPublishApi.as_view(), name="api-listing-publish"
    ),
    path("listings/<int:pk>/close/", views.ListingCloseApi.as_view(), name="api-listing-close"),
    path("listings/<int:pk>/fill/", views.ListingFillApi.as_view(), name="api-listing-fill"),
    path(
        "organisations/<int:pk>/listings/",
        views.OrganisationListingListApi.as_view(),
        name="api-organisation-listings",
    ),
    path("saved-listings/", views.SavedListingListApi.as_view(), name="api-saved-listing-list"),
    path(
        "saved-listings/<int:pk>/",
        views.SavedListingDetailApi.as_view(),
        name="api-saved-listing-detail",
    ),
    path("saved-searches/", views.SavedSearchListApi.as_view(), name="api-saved-search-list"),
    path(
        "saved-searches/<int:pk>/",
        views.SavedSearchDetailApi.as_view(),
        name="api-saved-search-detail",
    ),
]

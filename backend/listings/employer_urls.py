"""The employer's pages about listings; mounted under employer/ in the `employer` namespace."""

from django.urls import path

from listings.views import employer as views

urlpatterns = [
    path("organisations/<int:pk>/listings/new/", views.listing_create, name="listing_create"),
    path("listings/<int:pk>/edit/", views.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/publish/", views.listing_publish, name="listing_publish"),
    path("listings/<int:pk>/close/", views.listing_close, name="listing_close"),
    path("listings/<int:pk>/fill/", views.listing_fill, name="listing_fill"),
]

"""The public listing pages and the newcomer's saved listings and searches."""

from django.urls import path

from listings.views import public

app_name = "listings"

urlpatterns = [
    path("listings/", public.search, name="search"),
    path("listings/<int:pk>/", public.detail, name="detail"),
    path("listings/<int:pk>/save", public.save_toggle, name="save"),
    path("saved/", public.saved, name="saved"),
    path("saved/searches", public.saved_search_create, name="saved-search-create"),
    path("saved/searches/<int:pk>/delete", public.saved_search_delete, name="saved-search-delete"),
]

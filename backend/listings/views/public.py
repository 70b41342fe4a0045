"""The pages everyone reaches: search, a listing, and a newcomer's saved listings and searches."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role, User
from accounts.request import request_user
from accounts.roles import or_404, role_required
from common.api.pagination import KnownCountPaginator
from common.validators import reject_nul
from listings import search_suggestions, selectors, services
from listings.models import SavedSearch
from listings.search_form import SearchForm, separate_levels
from listings.search_page import rendered_cards, search_page

RESULTS_PER_PAGE = 20


def _viewer(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _search_form(request: HttpRequest) -> tuple[SearchForm, bool]:
    """The search form, and whether its Norwegian levels came from the newcomer's profile."""
    data = separate_levels(request.GET)
    viewer = _viewer(request)
    level_names = ("norwegian_spoken", "norwegian_written", "norwegian_level")
    from_profile = False
    # A newcomer's own Norwegian levels are the starting point of the level filters, shown as
    # a chip they can remove (which sends the levels empty).
    chose = any(name in request.GET for name in level_names)
    if not chose and viewer is not None and viewer.role == Role.NEWCOMER:
        profile = getattr(viewer, "applicant_profile", None)
        if profile is not None:
            data["norwegian_spoken"] = profile.norwegian_spoken
            data["norwegian_written"] = profile.norwegian_written
            from_profile = True
    return SearchForm(data), from_profile


def _page_number(raw: str | None) -> int:
    """The page asked for, within the pages a search shows (as Paginator.get_page would)."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), KnownCountPaginator.cap // RESULTS_PER_PAGE)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form, from_profile = _search_form(request)
    page = None
    view = None
    searched = any(value for name, value in request.GET.items() if name != "page")
    if form.is_valid():
        viewer, q, filters = _viewer(request), form.cleaned_data["q"], form.filters()
        number = _page_number(request.GET.get("page"))
        # One statement counts, makes the facets and finds the page's ids; one more reads them.
        facets = selectors.listing_search_facets(
            viewer=viewer,
            q=q,
            filters=filters,
            page=((number - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE),
        )
        paginator = KnownCountPaginator([], RESULTS_PER_PAGE, total=facets.total)
        page = paginator.get_page(number)
        if page.number != number:  # past the last page: the last one, as get_page does
            facets = selectors.listing_search_facets(
                viewer=viewer,
                q=q,
                filters=filters,
                page=((page.number - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE),
            )
        page.object_list = rendered_cards(facets.page)
        view = search_page(
            query=request.GET,
            q=q.strip(),
            filters=filters,
            facets=facets,
            choices=form.choices,
            levels_from_profile=from_profile,
        )
        searched = searched or from_profile
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context: dict[str, object] = {
        "form": form,
        "page": page,
        "total": view and facets.total,
        "search": view,
        "searched": searched,
        "query": query_without_page.urlencode(),
    }
    if page is not None and not page.object_list:
        context.update(_no_results(request, form, query_without_page))
    return render(request, "listings/search.html", context)


def _no_results(request: HttpRequest, form: SearchForm, query: QueryDict) -> dict[str, object]:
    """What was searched and the nearest searches that find something (listings/_no_results)."""
    found = search_suggestions.no_results(
        viewer=_viewer(request),
        q=form.cleaned_data["q"],
        filters=form.filters(),
        language=get_language(),
    )
    links = []
    for suggestion in found.suggestions:
        changed = query.copy()
        for name, value in suggestion.changes.items():
            if value is None:
                changed.pop(name, None)
            else:
                changed[name] = value
        links.append((suggestion, f"{reverse('listings:search')}?{changed.urlencode()}"))
    return {"no_results": found, "suggestion_links": links}


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _viewer(request)
    listing = or_404(lambda: selectors.listing_get(viewer=viewer, pk=pk))
    newcomer = viewer if viewer is not None and viewer.role == Role.NEWCOMER else None
    return render(
        request,
        "listings/detail.html",
        {
            "listing": listing,
            "is_newcomer": newcomer is not None,
            "saved": newcomer is not None and selectors.is_saved(viewer=newcomer, listing=listing),
        },
    )


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


@role_required(Role.NEWCOMER)
@require_POST
def save_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    listing = or_404(lambda: selectors.listing_get(viewer=viewer, pk=pk))
    saved = selectors.saved_listing_list(viewer=viewer).filter(listing=listing).first()
    if saved is not None:
        services.saved_listing_remove(saved=saved, by=viewer)
        messages.success(request, _("Removed from your saved listings."))
    else:
        services.saved_listing_add(listing=listing, by=viewer)
        messages.success(request, _("Saved. You find it under Saved."))
    return _back(request, reverse("listings:detail", args=[pk]))


@role_required(Role.NEWCOMER)
@require_GET
def saved(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    return render(
        request,
        "listings/saved.html",
        {
            "saved_listings": selectors.saved_listing_list(viewer=viewer),
            "saved_searches": [
                (search, _search_url(search))
                for search in selectors.saved_search_list(viewer=viewer)
            ],
        },
    )


def _search_url(saved_search: SavedSearch) -> str:
    params = {"q": saved_search.query, **saved_search.filters}
    query = QueryDict(mutable=True)
    for name, value in params.items():
        if isinstance(value, list):
            query.setlist(name, [str(item) for item in value])
        elif isinstance(value, bool):
            query[name] = "yes" if value else "no"
        elif value not in (None, ""):
            query[name] = str(value)
    return f"{reverse('listings:search')}?{query.urlencode()}"


@role_required(Role.NEWCOMER)
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    viewer = request_user(request)
    form = SearchForm(separate_levels(QueryDict(request.POST.get("query", ""))))
    if not form.is_valid():
        messages.error(request, _("This search could not be saved: check the filters."))
        return redirect("listings:search")
    words = form.cleaned_data["q"]
    name = request.POST.get("name", "").strip() or words or _("My search")
    try:
        reject_nul(name)
        services.saved_search_create(
            by=viewer, name=name[:80], query=words, filters=form.filters().to_json()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Search saved. We tell you about new listings once a day."))
    return redirect(f"{reverse('listings:search')}?{request.POST.get('query', '')}")


@role_required(Role.NEWCOMER)
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = request_user(request)
    saved_search = or_404(lambda: selectors.saved_search_list(viewer=viewer).get(pk=pk))
    services.saved_search_delete(saved=saved_search, by=viewer)
    messages.success(request, _("Saved search deleted."))
    return redirect("listings:saved")

"""Public search: pages of the current site (or the whole province), live only."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

PAGE_SIZE = 20


def search_pages(query_string, site=None):
    """Live, public pages matching the query, optionally within one site."""
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages.specific().search(query_string)


def search_view(request):
    query_string = request.GET.get("q", "").strip()
    scope_all = request.GET.get("scope") == "all"
    site = None if scope_all else Site.find_for_request(request)
    results = None
    if query_string:
        results = Paginator(search_pages(query_string, site), PAGE_SIZE).get_page(request.GET.get("trang"))
        Query.get(query_string).add_hit()
    return render(
        request,
        "search/search.html",
        {"query": query_string, "results": results, "scope_all": scope_all},
    )

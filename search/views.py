"""Public search: HTML at /search/, JSON at /api/search/ and /api/search/autocomplete/.

Live, public pages of the whole province by default on the provincial portal's
host, of the current site on a unit's host; ``scope=all`` asks for the whole
province anywhere, ``scope=site`` for the current site's own pages. The same code serves every backend; the backend decides how
(see search.service and search.backends).
"""

import hashlib
import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, Site

from core.cache import request_versions
from core.registries import search_facets, shared_listings
from multisite.lookup import unit_info_for_page, unit_info_for_site
from multisite.models import UnitKind

from . import feedback, promotions, statistics
from .facets import document_number
from .service import autocomplete, faceted_search, search_backend

PAGE_SIZE = 20
MAX_PAGE = 500
MAX_QUERY_LENGTH = 200
RESULTS_SECONDS = 60
AUTOCOMPLETE_SECONDS = 300
DEGRADED_NOTICE = gettext_lazy(
    "Hệ thống tìm kiếm nâng cao đang tạm gián đoạn; kết quả dưới đây được tìm trực tiếp trong cơ sở dữ liệu và có thể chưa đầy đủ."
)


class SearchRequest:
    """The parameters of a search request, validated."""

    def __init__(self, request, page_param):
        self.request = request
        self.query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
        self.site = Site.find_for_request(request)
        unit = unit_info_for_site(self.site)
        self.unit = unit
        self.on_portal = unit is not None and unit["kind"] == UnitKind.PROVINCE
        self.default_scope = "all" if self.on_portal else "site"
        scope = request.GET.get("scope")
        self.scope = scope if scope in ("all", "site") else self.default_scope
        self.scope_all = self.scope == "all"
        self.filters = {
            facet.key: [v for v in request.GET.getlist(facet.key) if v][:10]
            for facet in search_facets
            if any(request.GET.getlist(facet.key))
        }
        try:
            self.page = min(max(int(request.GET.get(page_param, "1")), 1), MAX_PAGE)
        except ValueError:
            self.page = 1
        self.page_param = page_param

    def queryset(self):
        pages = Page.objects.live().public().specific()
        if not self.scope_all and self.site is not None:
            own = Q(path__startswith=self.site.root_page.path)
            listed = self.listed_page_ids()
            pages = pages.filter(own | Q(id__in=listed) if listed else own)
        return pages

    def listed_page_ids(self):
        """Pages that live elsewhere but the site's unit lists (the shared repository)."""
        if self.unit is None:
            return []
        return sorted({pk for shared in shared_listings for pk in shared.listed_on(self.unit["id"])})

    def run(self):
        outcome = self.find()
        self.count(outcome.count)
        return outcome

    def find(self):
        offset = (self.page - 1) * PAGE_SIZE
        return faceted_search(search_backend(), self.query, self.queryset(), self.filters, offset, PAGE_SIZE)

    def count(self, total):
        """Count the search in the query statistics (batched: search.statistics),
        and remember it when it found nothing."""
        statistics.count_search(self.query)
        feedback.record_outcome(self.query, total)

    def answer_key(self, name):
        """The cache key of the JSON answer ``name`` to this search. It holds the
        version tokens, which every publication, index change, promotion or
        setting renews, so a cached answer is never older than the content."""
        parts = [
            name,
            self.request.scheme,
            self.request.get_host(),
            self.query,
            self.scope,
            str(self.page),
            json.dumps(self.filters, sort_keys=True),
            request_versions(self.request),
        ]
        digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
        return f"search:answer:{digest}"

    def promotions(self):
        """Editor's picks for this query: live pages and external links."""
        return promotions.for_query(self.query, self.request, self.site)

    def params(self, **changes):
        """The query string of this search with some parameters changed."""
        params = {"q": self.query}
        if self.scope != self.default_scope:
            params["scope"] = self.scope
        params.update({key: list(values) for key, values in self.filters.items()})
        for key, value in changes.items():
            if value is None or (key == "scope" and value == self.default_scope):
                params.pop(key, None)
            else:
                params[key] = value
        return "?" + urlencode(params, doseq=True)


def result_headers(response):
    """Results may be reused by the browser for a minute (the back button), never by a
    shared proxy: each search reaches the portal, which counts it."""
    patch_cache_control(response, private=True, max_age=RESULTS_SECONDS)
    return response


def _facet_links(search, outcome):
    groups = []
    for facet in search_facets:
        values = outcome.facets.get(facet.key)
        if not values:
            continue
        selected = set(search.filters.get(facet.key, []))
        items = []
        for value, count in values:
            chosen = sorted(selected ^ {value})
            items.append(
                {
                    "value": value,
                    "count": count,
                    "selected": value in selected,
                    "url": search.params(**{facet.key: chosen or None, search.page_param: None}),
                }
            )
        groups.append({"key": facet.key, "label": facet.label, "items": items})
    return groups


def _unit(page):
    info = unit_info_for_page(page)
    return info["name"] if info else ""


def _listers(hits):
    """{page id: [names of the units that list it]} for a page of hits, in bulk."""
    ids = [hit.page.pk for hit in hits]
    listers = {}
    for shared in shared_listings:
        for pk, names in shared.listers(ids).items():
            listers.setdefault(pk, []).extend(names)
    return listers


def _content_type(page):
    name = str(page._meta.verbose_name)
    return name[:1].upper() + name[1:]


def search_view(request):
    search = SearchRequest(request, "trang")
    context = {
        "query": search.query,
        "scope_all": search.scope_all,
        "on_portal": search.on_portal,
        "results": None,
    }
    if search.query:
        outcome = search.run()
        num_pages = max(1, -(-outcome.count // PAGE_SIZE))
        listers = _listers(outcome.hits)
        context.update(
            results=[
                {
                    "page": hit.page,
                    "url": hit.page.get_url(request),
                    "highlight": hit.highlight,
                    "unit": _unit(hit.page),
                    "listed_by": listers.get(hit.page.pk, []),
                    "content_type": _content_type(hit.page),
                    "document_number": document_number(hit.page),
                }
                for hit in outcome.hits
            ],
            count=outcome.count,
            degraded=outcome.degraded,
            notice=str(DEGRADED_NOTICE) if outcome.degraded else "",
            facets=_facet_links(search, outcome),
            promotions=search.promotions() if search.page == 1 else [],
            suggestion=outcome.suggestion,
            suggestion_url=search.params(q=outcome.suggestion, trang=None) if outcome.suggestion else "",
            # Absolute: the HTML standard allows only http(s) URLs in ``ping``.
            open_ping_url=request.build_absolute_uri(feedback.open_ping_url(search.query)),
            page_number=search.page,
            first_number=(search.page - 1) * PAGE_SIZE + 1,
            num_pages=num_pages,
            previous_url=search.params(trang=search.page - 1) if search.page > 1 else "",
            next_url=search.params(trang=search.page + 1) if search.page < num_pages else "",
            scope_url=search.params(scope="site" if search.scope_all else "all", trang=None),
            selected_filters=[
                {
                    "label": search_facets.get(key).label,
                    "value": value,
                    "url": search.params(**{key: [v for v in values if v != value] or None, "trang": None}),
                }
                for key, values in search.filters.items()
                for value in values
            ],
        )
    return result_headers(render(request, "search/search.html", context))


def api_search(request):
    """Results as JSON. The same search asked again within SEARCH_ANSWER_SECONDS, with no
    content changed meanwhile, is answered from the shared cache without the
    engine or the database; every search is still counted."""
    search = SearchRequest(request, "page")
    if not search.query:
        return JsonResponse(
            {"error": _("Hãy nhập từ khóa tìm kiếm (tham số q)."), "count": 0, "results": [], "facets": {}},
            status=400,
        )
    key = search.answer_key("results")
    data = cache.get(key) if settings.SEARCH_ANSWER_SECONDS else None
    if data is None:
        outcome = search.find()
        data = _results_answer(request, search, outcome)
        if not outcome.degraded and settings.SEARCH_ANSWER_SECONDS:
            cache.set(key, data, settings.SEARCH_ANSWER_SECONDS)
    search.count(data["count"])
    return result_headers(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))


def search_backend_degraded():
    """Whether the engine is marked down (answers then come from the database:
    not kept, so that the engine's answer replaces them once it is back)."""
    marked_down = getattr(search_backend(), "engine_is_marked_down", None)
    return bool(marked_down and marked_down())


def _results_answer(request, search, outcome):
    listers = _listers(outcome.hits)
    data = {
        "query": search.query,
        "scope": search.scope,
        "count": outcome.count,
        "page": search.page,
        "page_size": PAGE_SIZE,
        "degraded": outcome.degraded,
        "results": [
            {
                "title": hit.page.title,
                "url": hit.page.get_full_url(request),
                "unit": _unit(hit.page),
                "listed_by": listers.get(hit.page.pk, []),
                "content_type": _content_type(hit.page),
                "document_number": document_number(hit.page) or None,
                "highlight": str(hit.highlight),
            }
            for hit in outcome.hits
        ],
        "facets": {
            key: [{"value": value, "count": count} for value, count in values]
            for key, values in outcome.facets.items()
        },
        "promotions": search.promotions() if search.page == 1 else [],
        "suggestion": outcome.suggestion or None,
    }
    if outcome.degraded:
        data["notice"] = str(DEGRADED_NOTICE)
    return data


def api_autocomplete(request):
    """Title suggestions while typing, cached like the results (``api_search``)."""
    search = SearchRequest(request, "page")
    suggestions = []
    if len(search.query) >= 2:
        key = search.answer_key("autocomplete")
        suggestions = cache.get(key) if settings.SEARCH_ANSWER_SECONDS else None
        if suggestions is None:
            suggestions = [
                {
                    "title": strip_tags(page.title),
                    "url": page.get_full_url(request),
                    "document_number": document_number(page) or None,
                }
                for page in autocomplete(search_backend(), search.query, search.queryset(), 10)
            ]
            if not search_backend_degraded() and settings.SEARCH_ANSWER_SECONDS:
                cache.set(key, suggestions, settings.SEARCH_ANSWER_SECONDS)
    response = JsonResponse(
        {"query": search.query, "results": suggestions}, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_SECONDS)
    return response

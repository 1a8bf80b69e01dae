"""Engine-independent search API used by the views.

``faceted_search`` asks the backend for one page of results with highlights and
facet counts. The portal's engine backends (search.backends) do it in one engine
request; any other Wagtail backend (the database backend of ``make run``, or the
fallback used when the engine is down) goes through ``database_faceted_search``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.signals import setting_changed
from django.db.models import prefetch_related_objects
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from wagtail.search.utils import parse_query_string

from core.registries import search_facets

from .facets import facet_values, summary_text
from .highlighting import highlight
from .rewriting import database_query, sort_candidates, suggestion_from_terms

# Without an engine, facets are counted over at most this many best matches.
DATABASE_CANDIDATES = 500
# A search with at most this many results offers "Có phải bạn muốn tìm …".
SUGGEST_BELOW = 2
FALLBACK_BACKEND = "search.fallback"


@dataclass
class SearchHit:
    page: object
    highlight: str = ""


@dataclass
class SearchOutcome:
    count: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # key -> [(value, count)]
    degraded: bool = False
    suggestion: str = ""  # a corrected query, when this one found little


def parse(query_string):
    """Words (AND) and "quoted phrases" as a Wagtail query object."""
    _filters, query = parse_query_string(query_string, operator="and")
    return query


def faceted_search(backend, query_string, queryset, filters=None, offset=0, limit=20):
    engine_search = getattr(backend, "faceted_search", None)
    if engine_search is not None:
        return engine_search(query_string, queryset, filters or {}, offset, limit)
    return database_faceted_search(backend, query_string, queryset, filters or {}, offset, limit)


def autocomplete(backend, query_string, queryset, limit=10):
    engine_autocomplete = getattr(backend, "autocomplete_pages", None)
    if engine_autocomplete is not None:
        return engine_autocomplete(query_string, queryset, limit)
    return database_autocomplete(backend, query_string, queryset, limit)


def own_relations(model):
    """The foreign keys and many-to-many fields a page type declares itself
    (its vocabularies: type, issuing body, fields …), not those of Page."""
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.many_to_one or field.many_to_many) and field.concrete and field.model is model
    ]


def prefetch_relations(pages):
    """One query per relation and page type for many pages, instead of one per page
    when facets and result lines read them."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        names = own_relations(model)
        if names:
            prefetch_related_objects(group, *names)


def _sorted_counts(facet, counts):
    if facet.sort == "key_desc":
        return sorted(counts.items(), key=lambda item: item[0], reverse=True)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def database_faceted_search(backend, query_string, queryset, filters, offset, limit, degraded=False):
    """Best effort without an engine: the backend's own matching, facets counted here."""
    results = backend.search(database_query(parse(query_string), query_string), queryset)
    candidates = list(results[:DATABASE_CANDIDATES])
    prefetch_relations(candidates)
    # A page whose document number the query typed comes first, as on the engine.
    candidates = sort_candidates(candidates, query_string)
    matched, counts = [], {facet.key: {} for facet in search_facets}
    for page in candidates:
        values = facet_values(page)
        if any(not set(selected) & set(values.get(key, [])) for key, selected in filters.items() if selected):
            continue
        matched.append(page)
        for key, labels in values.items():
            for label in labels:
                counts[key][label] = counts[key].get(label, 0) + 1
    hits = [
        SearchHit(page, mark_safe(highlight(summary_text(page) or page.title, query_string)))  # noqa: S308 - escaped
        for page in matched[offset : offset + limit]
    ]
    facets = {
        facet.key: _sorted_counts(facet, counts[facet.key]) for facet in search_facets if counts[facet.key]
    }
    suggestion = suggestion_from_terms(query_string) if len(matched) <= SUGGEST_BELOW else ""
    return SearchOutcome(
        count=len(matched), hits=hits, facets=facets, degraded=degraded, suggestion=suggestion
    )


def database_autocomplete(backend, query_string, queryset, limit):
    try:
        results = backend.autocomplete(query_string, queryset, operator="and")
    except NotImplementedError:
        results = backend.search(parse(query_string), queryset)
    return list(results[:limit])


# One backend object per process and name: Wagtail's get_search_backend builds a new
# one, with a new engine client and connection pool, on every call.
_backends = {}


def search_backend(name="default"):
    """The search backend ``name``, built once per process: its engine client keeps
    its HTTP connections open between requests."""
    backend = _backends.get(name)
    if backend is None:
        from wagtail.search.backends import get_search_backend

        backend = _backends[name] = get_search_backend(name)
    return backend


@receiver(setting_changed)
def forget_backends(setting, **kwargs):
    if setting == "WAGTAILSEARCH_BACKENDS":
        _backends.clear()


def fallback_backend():
    return search_backend(FALLBACK_BACKEND)

"""The portal's OpenSearch / Elasticsearch 8 backends: Vietnamese analysis,
document numbers, facets, highlights, ranking by effect status, and fault
isolation (fallback to the database, queue of failed index changes).

Settings point ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]`` at
``search.backends.OpenSearchBackend`` or ``search.backends.Elasticsearch8Backend``.
The analysis only uses what the analysis-common module provides (no ICU).
"""

import datetime
import functools
import html
import logging
import re
from copy import deepcopy

from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from modelsearch.backends import elasticsearch8, opensearch2
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend, Field
from modelsearch.index import SearchField
from modelsearch.query import PlainText
from modelsearch.utils import deep_update
from wagtail.fields import StreamField

from core.registries import search_facets
from core.text import fold, html_to_text, normalise_document_number

from . import dictionary, notices
from .facets import document_number, facet_values, rank_weight, summary_text
from .fields import is_long_text, text_fields
from .highlighting import document_number_candidates, highlight
from .numbers import document_number_parts, is_year, parse_query_numbers
from .queue import record_failure
from .rewriting import suggestion_from_terms
from .service import (
    SUGGEST_BELOW,
    SearchHit,
    SearchOutcome,
    _sorted_counts,
    database_faceted_search,
    fallback_backend,
    parse,
)
from .setup import ensure_index
from .synonyms import INDEX_RULES, QUERY_RULES

logger = logging.getLogger(__name__)

SUMMARY_BOOST = 2.0
DOCUMENT_NUMBER_EXACT_BOOST = 200.0
DOCUMENT_NUMBER_PREFIX_BOOST = 50.0
# A number typed another way ("nd168", "168 2024"): its head and year in a
# document's number count almost as much as the number typed right.
NUMBER_HEAD_YEAR_BOOST = 150.0
NUMBER_HEAD_KIND_BOOST = 40.0
NUMBER_HEAD_BOOST = 30.0
BARE_NUMBER_HEAD_BOOST = 5.0
RECENT_NUMBER_BOOST = 5.0
RECENT_YEARS = 2
# A year typed alone ("luật đất đai 2013") picks that year's document.
YEAR_BOOST = 20.0
# The query without its year, for documents of other years (below).
WITHOUT_YEAR_BOOST = 0.5
# Words of five letters or more forgive one typo (two from eight), below exact matches.
FUZZINESS = "AUTO:5,8"
FUZZY_BOOST = 0.2
ENGINE_DOWN_SECONDS = 30

# Analysis shared by OpenSearch 2 and Elasticsearch 8 (analysis-common only).
PORTAL_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "strip_whitespace": {"type": "pattern_replace", "pattern": "\\s+", "replacement": ""},
            },
            "normalizer": {
                "document_number": {
                    "type": "custom",
                    "char_filter": ["strip_whitespace"],
                    "filter": ["lowercase", "asciifolding"],
                },
            },
            "filter": {
                "vietnamese_abbreviations_index": {"type": "synonym_graph", "synonyms": INDEX_RULES},
                "vietnamese_abbreviations_query": {"type": "synonym_graph", "synonyms": QUERY_RULES},
            },
            "analyzer": {
                # Index time: words, lowercased, diacritics folded (đ→d); a full
                # form ("Nghị định") also indexed as its abbreviation (search.synonyms).
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "vietnamese_abbreviations_index",
                        "flatten_graph",
                    ],
                },
                # Query time: the same folding; a full form looked up as its abbreviation.
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "vietnamese_abbreviations_query"],
                },
                # Quoted phrases and autocomplete: folding only, words as typed.
                "folding": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
            },
        }
    }
}


def facet_column(key):
    return f"_facet_{key}"


class PortalMappingMixin:
    """Adds the portal's fields to every document: normalised document number,
    summary, ranking weight and one keyword field per facet."""

    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "folding"}

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if mapping.get("type") == "text" and isinstance(field, SearchField):
            # Offsets in the postings let the highlighter skip re-analysing long bodies.
            mapping.setdefault("index_options", "offsets")
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        properties["_document_number"] = {"type": "keyword", "normalizer": "document_number"}
        properties["_summary"] = {"type": "text"}
        properties["_rank"] = {"type": "float"}
        for column in ("_number_head", "_number_year", "_number_suffix"):
            properties[column] = {"type": "keyword"}
        for facet in search_facets:
            properties[facet_column(facet.key)] = {"type": "keyword"}
        return mapping

    def get_document(self, obj):
        doc = super().get_document(obj)
        number = document_number(obj)
        doc["_document_number"] = number or None
        if number:
            doc["_edgengrams"].append(number)
        parts = document_number_parts(number)
        doc["_number_head"] = parts.head if parts else None
        doc["_number_year"] = (parts.year or None) if parts else None
        doc["_number_suffix"] = parts.suffix_terms() if parts else []
        doc["_summary"] = summary_text(obj)
        doc["_rank"] = rank_weight(obj)
        for key, values in facet_values(obj).items():
            doc[facet_column(key)] = values
        return doc


def document_number_clauses(query_string):
    """Should-clauses that put a document whose number is typed first."""
    clauses = []
    whole = normalise_document_number(query_string)
    if whole:
        clauses.append({"term": {"_document_number": {"value": whole, "boost": DOCUMENT_NUMBER_EXACT_BOOST}}})
    for candidate in document_number_candidates(query_string):
        if candidate != whole:
            clauses.append(
                {"prefix": {"_document_number": {"value": candidate, "boost": DOCUMENT_NUMBER_PREFIX_BOOST}}}
            )
    return clauses


def _all(*filters):
    return {"bool": {"filter": list(filters)}}


def number_part_clauses(query_string):
    """Should-clauses for document numbers typed another way than they are
    written ("nd168", "nghi dinh 168 2024", "168/2024/ND-C"): by head, year and kind."""
    clauses = []
    for typed in parse_query_numbers(query_string).numbers:
        head = {"term": {"_number_head": typed.head}}
        boost = NUMBER_HEAD_BOOST if typed.explicit else BARE_NUMBER_HEAD_BOOST
        clauses.append({"constant_score": {"filter": head, "boost": boost}})
        if typed.year:
            year = {"term": {"_number_year": typed.year}}
            clauses.append({"constant_score": {"filter": _all(head, year), "boost": NUMBER_HEAD_YEAR_BOOST}})
        if not typed.year:
            # "nd168": of the documents numbered 168, the recent ones first.
            recent = {"range": {"_number_year": {"gte": str(datetime.date.today().year - RECENT_YEARS)}}}
            clauses.append({"constant_score": {"filter": _all(head, recent), "boost": RECENT_NUMBER_BOOST}})
        kinds = [*typed.kinds, *typed.parts.suffix]
        if kinds:
            kind = {"terms": {"_number_suffix": list(dict.fromkeys(kinds))}}
            clauses.append({"constant_score": {"filter": _all(head, kind), "boost": NUMBER_HEAD_KIND_BOOST}})
    return clauses


def without_years(query_string):
    """The query with the years typed alone taken out ("" if nothing else is left)."""
    years = parse_query_numbers(query_string).years
    if not years:
        return ""
    words = [word for word in query_string.split() if not (is_year(word) and word in years)]
    return " ".join(words) if re.search(r"\w", " ".join(words)) else ""


def fuzzy_words(query_string):
    """(words that may carry a typo, numbers that must match) of a query, or None
    when no word is long enough to forgive a typo."""
    if '"' in query_string:
        return None
    words = re.findall(r"\w+", query_string)
    letters = [word for word in words if not any(char.isdigit() for char in word)]
    numbers = [word for word in words if any(char.isdigit() for char in word)]
    if not any(len(word) >= 5 for word in letters):
        return None
    return " ".join(letters), " ".join(numbers)


class PortalQueryCompilerMixin:
    """Summary boosted with the title, document-number clauses, facet filters,
    and documents in force before expired ones (function_score on ``_rank``)."""

    raw_query_string = None
    facet_filters = None
    # Typo tolerance: on for the portal's search, off for Wagtail's own (admin, choosers).
    forgive_typos = False

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        if not fields:
            remapped.append(Field("_summary", SUMMARY_BOOST))
        return remapped

    def _query_string(self):
        if self.raw_query_string is not None:
            return self.raw_query_string
        return self.query.query_string if isinstance(self.query, PlainText) else ""

    def _plain(self, query_string, boost=1.0):
        return self._compile_plaintext_query(
            PlainText(query_string, operator="and"), self.remapped_fields, boost
        )

    def _fuzzy(self, query_string):
        """The query with typos forgiven in long words (numbers exact), ranked below exact matches."""
        parts = fuzzy_words(query_string)
        if parts is None:
            return None
        letters, numbers = parts
        fuzzy = {
            "multi_match": {
                "query": letters,
                "fields": [field.field_name_with_boost for field in self.remapped_fields],
                "fuzziness": FUZZINESS,
                "prefix_length": 1,
                "operator": "and",
                "analyzer": "folding",
            }
        }
        if not numbers:
            return {"bool": {"must": [fuzzy], "boost": FUZZY_BOOST}}
        return {"bool": {"must": [fuzzy, self._plain(numbers)], "boost": FUZZY_BOOST}}

    def get_inner_query(self):
        inner = super().get_inner_query()
        query_string = self._query_string()
        should = [inner]
        should += [self._plain(variant) for variant in dictionary.variants(query_string)]
        rest = without_years(query_string)
        if rest:
            should.append(self._plain(rest, WITHOUT_YEAR_BOOST))
        if self.forgive_typos:
            fuzzy = self._fuzzy(query_string)
            if fuzzy is not None:
                should.append(fuzzy)
        should += document_number_clauses(query_string) + number_part_clauses(query_string)
        if len(should) > 1:
            inner = {"bool": {"should": should, "minimum_should_match": 1}}
        years = parse_query_numbers(query_string).years
        if years:
            inner = {
                "bool": {
                    "must": [inner],
                    # Issued that year, and numbered with it (a law rather than its plan).
                    "should": [
                        {"constant_score": {"filter": {"term": {column: year}}, "boost": YEAR_BOOST}}
                        for year in years
                        for column in (facet_column("year"), "_number_year")
                    ],
                }
            }
        return {
            "function_score": {
                "query": inner,
                "field_value_factor": {"field": "_rank", "missing": 1.0},
                "boost_mode": "multiply",
            }
        }

    def _compile_phrase_query(self, query, fields):
        """A quoted phrase matches the words as typed (folded), without abbreviations."""
        compiled = super()._compile_phrase_query(query, fields)
        kind, clause = next(iter(compiled.items()))
        if kind == "multi_match":
            clause["analyzer"] = "folding"
        else:
            field_name, value = next(iter(clause.items()))
            if not isinstance(value, dict):
                value = {"query": value}
            clause[field_name] = {**value, "analyzer": "folding"}
        return compiled

    def get_filters(self):
        filters = super().get_filters()
        for key, values in (self.facet_filters or {}).items():
            if values:
                filters.append({"terms": {facet_column(key): list(values)}})
        return filters


class PortalAutocompleteCompilerMixin:
    """Title prefixes (edge n-grams) or the start of a document number."""

    def get_inner_query(self):
        inner = super().get_inner_query()
        if isinstance(self.query, PlainText):
            number = normalise_document_number(self.query.query_string)
            if number:
                prefix = {"prefix": {"_document_number": {"value": number, "boost": 10.0}}}
                inner = {"bool": {"should": [inner, prefix], "minimum_should_match": 1}}
        return inner


@functools.cache
def highlight_columns(mapping_class, model):
    """Index columns of the short searchable text of ``model`` and its subclasses."""
    columns = ["_summary"]
    for indexed, field in text_fields(model):
        if not is_long_text(indexed, field):
            column = mapping_class(indexed).get_field_column_name(field)
            if column not in columns:
                columns.append(column)
    # Title last: a fragment of the text says more than the title repeated.
    if "title" in columns:
        columns.remove("title")
        columns.append("title")
    return tuple(columns)


@functools.cache
def longtext_fields(model):
    """Names of the body fields of ``model`` (see is_long_text)."""
    return tuple(
        field.field_name
        for indexed, field in text_fields(model)
        if indexed is model and is_long_text(model, field)
    )


def long_text(obj):
    """The words of the page's body fields, for a snippet."""
    parts = []
    for name in longtext_fields(type(obj)):
        value = getattr(obj, name, None)
        if not value:
            continue
        model_field = obj._meta.get_field(name)
        if isinstance(model_field, StreamField):
            parts += model_field.get_searchable_content(value)
        else:
            parts.append(html_to_text(str(value)))
    return " ".join(parts)


def engine_suggestion(query_string, entries, hits=()):
    """The query with each misspelt word replaced by the engine's closest indexed
    word, its diacritics taken back from a result's title when one has the word."""
    written = {}
    for hit in hits:
        for word in re.findall(r"\w+", hit.page.title):
            written.setdefault(fold(word), word.lower())
    suggestion, shift, changed = query_string, 0, False
    for entry in entries:
        options = entry.get("options") or []
        if not options:
            continue
        start, length = entry["offset"] + shift, entry["length"]
        replacement = written.get(options[0]["text"], options[0]["text"])
        suggestion = suggestion[:start] + replacement + suggestion[start + length :]
        shift += len(replacement) - length
        changed = True
    return suggestion if changed and fold(suggestion) != fold(query_string) else ""


class PortalResultsMixin:
    """One engine request for the portal's search (``fetch``), and Wagtail's own
    searches (admin, choosers) answered from the database when the engine fails."""

    def _fallback(self):
        compiler = self.query_compiler
        notices.degraded()
        return fallback_backend().search(
            compiler.query, compiler.queryset, order_by_relevance=compiler.order_by_relevance
        )

    def _do_search(self):
        if not self.backend.engine_is_marked_down():
            try:
                return super()._do_search()
            except self.backend.engine_errors as error:
                self.backend._mark_down(error)
        return list(self._fallback()[self.start : self.stop])

    def _do_count(self):
        if not self.backend.engine_is_marked_down():
            try:
                return super()._do_count()
            except self.backend.engine_errors as error:
                self.backend._mark_down(error)
        return self._fallback().count()

    def facet(self, field_name):
        if not self.backend.engine_is_marked_down():
            try:
                return super().facet(field_name)
            except self.backend.engine_errors as error:
                self.backend._mark_down(error)
        try:
            return self._fallback().facet(field_name)
        except (NotImplementedError, AttributeError):
            return {}

    def engine_request(self, offset, limit):
        """The body and parameters of the one request ``fetch`` sends."""
        compiler = self.query_compiler
        model = compiler.queryset.model
        columns = highlight_columns(self.backend.mapping_class, model)
        body = self._get_es_body()
        body["track_total_hits"] = True
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "require_field_match": False,
            "fragment_size": 200,
            "number_of_fragments": 1,
            "fields": {column: {} for column in columns},
        }
        body["aggs"] = {
            facet.key: {"terms": {"field": facet_column(facet.key), "size": 50}} for facet in search_facets
        }
        query_string = compiler._query_string()
        if compiler.forgive_typos and fuzzy_words(query_string) is not None:
            # "Có phải bạn muốn tìm …": the engine's closest indexed words.
            body["suggest"] = {
                "text": query_string,
                "spelling": {
                    "term": {
                        "field": "_all_text",
                        "analyzer": "folding",
                        "suggest_mode": "missing",
                        "min_word_length": 5,
                        "prefix_length": 1,
                        "size": 1,
                    }
                },
            }
        params = {
            "index": self.backend.get_index_for_model(model).name,
            "_source": False,
            "from_": offset,
            "size": limit,
            self.fields_param_name: "pk",
        }
        return body, params

    def fetch(self, offset, limit):
        """One engine request: a page of hits, total, highlights and facet counts."""
        compiler = self.query_compiler
        columns = highlight_columns(self.backend.mapping_class, compiler.queryset.model)
        query_string = compiler._query_string()
        wanted = len(re.findall(r"\w+", query_string))
        body, params = self.engine_request(offset, limit)
        response = self._backend_do_search(body, **params)
        hits = response["hits"]["hits"]
        pks = [hit["fields"]["pk"][0] for hit in hits]
        objects = {str(obj.pk): obj for obj in compiler.queryset.filter(pk__in=pks)}
        results = []
        for hit, pk in zip(hits, pks, strict=True):
            obj = objects.get(str(pk))
            if obj is not None:
                fragment = self._best_fragment(hit.get("highlight", {}), columns)
                if fragment.count("<mark>") < wanted:  # words missing: the body may show them all
                    snippet = highlight(long_text(obj), query_string)
                    if snippet.count("<mark>") > fragment.count("<mark>"):
                        fragment = snippet
                if "<mark>" not in fragment:  # matched on the number or a field without text
                    fragment = html.escape(Truncator(summary_text(obj)).chars(200))
                results.append(SearchHit(obj, mark_safe(fragment)))  # noqa: S308 - escaped by the engine or here
        facets = {}
        for facet in search_facets:
            buckets = response.get("aggregations", {}).get(facet.key, {}).get("buckets", [])
            counts = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
            if counts:
                facets[facet.key] = _sorted_counts(facet, counts)
        total = response["hits"]["total"]
        count = total["value"] if isinstance(total, dict) else total
        suggestion = ""
        if count <= SUGGEST_BELOW:
            suggestion = engine_suggestion(
                query_string, response.get("suggest", {}).get("spelling", []), results
            )
            suggestion = suggestion or suggestion_from_terms(query_string)
        return SearchOutcome(count=count, hits=results, facets=facets, suggestion=suggestion)

    @staticmethod
    def _best_fragment(highlight, columns):
        """The fragment with the most highlighted terms (earlier columns win ties)."""
        fragments = [highlight[column][0] for column in columns if column in highlight]
        if not fragments:
            return ""
        return max(fragments, key=lambda fragment: fragment.count("<mark>"))


class PortalBackendMixin:
    """Engine errors never reach the visitor; failed index changes are queued."""

    engine_errors = ()
    settings = deep_update(deepcopy(ElasticsearchBaseSearchBackend.settings), PORTAL_INDEX_SETTINGS)

    def __init__(self, params):
        params = dict(params)
        self.queue_name = params.pop("QUEUE_NAME", "default")
        options = dict(params.pop("OPTIONS", None) or {})
        options.setdefault("max_retries", 0)
        options.setdefault("retry_on_timeout", False)
        params["OPTIONS"] = options
        super().__init__(params)
        self._down_key = "search:engine-down:" + ",".join(
            f"{host.get('host')}:{host.get('port')}" for host in self.hosts if isinstance(host, dict)
        )

    # Index changes -----------------------------------------------------

    def add(self, obj):
        try:
            ensure_index(self, type(obj))
            return super().add(obj)
        except self.engine_errors as error:
            record_failure(self.queue_name, [obj], "add", error)
            raise

    def add_bulk(self, model, obj_list):
        obj_list = list(obj_list)
        try:
            ensure_index(self, model)
            return super().add_bulk(model, obj_list)
        except self.engine_errors as error:
            record_failure(self.queue_name, obj_list, "add", error)
            raise

    def prepare_bulk(self, model, obj_list):
        """What ``add_bulk`` sends, built now from the database, as a call that
        only talks to the engine, so that it can be sent from another thread
        while the caller goes on writing (see search.indexing)."""
        obj_list = list(obj_list)
        index = self.get_index_for_model(model)
        mapping = self.mapping_class(model)
        actions = [{"_id": mapping.get_document_id(obj), **mapping.get_document(obj)} for obj in obj_list]

        def send():
            if actions:
                self.bulk(self.es, actions, index=index.name)

        return send

    def bulk_failed(self, obj_list, error):
        """A prepared bulk request failed: queue its objects as ``add_bulk`` would."""
        record_failure(self.queue_name, list(obj_list), "add", error)

    def delete(self, obj):
        try:
            return super().delete(obj)
        except self.engine_errors as error:
            record_failure(self.queue_name, [obj], "delete", error)
            raise

    # Searching -----------------------------------------------------------

    def engine_is_marked_down(self):
        return bool(cache.get(self._down_key))

    def _mark_down(self, error):
        logger.warning("Search engine unavailable, answering from the database: %s", error)
        cache.set(self._down_key, True, ENGINE_DOWN_SECONDS)

    def faceted_search(self, query_string, queryset, filters, offset, limit):
        if not self.engine_is_marked_down():
            try:
                compiler = self.query_compiler_class(queryset, parse(query_string))
                compiler.raw_query_string = query_string
                compiler.facet_filters = filters
                compiler.forgive_typos = True
                compiler.check()
                return self.results_class(self, compiler).fetch(offset, limit)
            except self.engine_errors as error:
                self._mark_down(error)
        return database_faceted_search(
            fallback_backend(), query_string, queryset, filters, offset, limit, True
        )

    def autocomplete_pages(self, query_string, queryset, limit):
        if not self.engine_is_marked_down():
            try:
                return list(self.autocomplete(query_string, queryset, operator="and")[:limit])
            except self.engine_errors as error:
                self._mark_down(error)
        return list(fallback_backend().search(parse(query_string), queryset)[:limit])


# OpenSearch 2 ------------------------------------------------------------


class OpenSearchMapping(PortalMappingMixin, opensearch2.OpenSearch2Mapping):
    pass


class OpenSearchQueryCompiler(PortalQueryCompilerMixin, opensearch2.OpenSearch2SearchQueryCompiler):
    mapping_class = OpenSearchMapping


class OpenSearchAutocompleteQueryCompiler(
    PortalAutocompleteCompilerMixin, opensearch2.OpenSearch2AutocompleteQueryCompiler
):
    mapping_class = OpenSearchMapping


class OpenSearchResults(PortalResultsMixin, opensearch2.OpenSearch2SearchResults):
    pass


def _opensearch_errors():
    from opensearchpy.exceptions import ImproperlyConfigured, OpenSearchException

    return (OpenSearchException, ImproperlyConfigured)


class OpenSearchBackend(PortalBackendMixin, opensearch2.OpenSearch2SearchBackend):
    # OpenSearch 2.17+ searches the segments of a shard in parallel for requests
    # with aggregations (every portal search has its facets), using both cores.
    settings = deep_update(
        deepcopy(PortalBackendMixin.settings),
        {"settings": {"index": {"search": {"concurrent_segment_search": {"mode": "auto"}}}}},
    )
    mapping_class = OpenSearchMapping
    query_compiler_class = OpenSearchQueryCompiler
    autocomplete_query_compiler_class = OpenSearchAutocompleteQueryCompiler
    results_class = OpenSearchResults
    engine_errors = _opensearch_errors()


# Elasticsearch 8 -----------------------------------------------------------


class Elasticsearch8Mapping(PortalMappingMixin, elasticsearch8.Elasticsearch8Mapping):
    pass


class Elasticsearch8QueryCompiler(PortalQueryCompilerMixin, elasticsearch8.Elasticsearch8SearchQueryCompiler):
    mapping_class = Elasticsearch8Mapping


class Elasticsearch8AutocompleteQueryCompiler(
    PortalAutocompleteCompilerMixin, elasticsearch8.Elasticsearch8AutocompleteQueryCompiler
):
    mapping_class = Elasticsearch8Mapping


class Elasticsearch8Results(PortalResultsMixin, elasticsearch8.Elasticsearch8SearchResults):
    pass


def _elasticsearch_errors():
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (TransportError, ApiError)


class Elasticsearch8Backend(PortalBackendMixin, elasticsearch8.Elasticsearch8SearchBackend):
    mapping_class = Elasticsearch8Mapping
    query_compiler_class = Elasticsearch8QueryCompiler
    autocomplete_query_compiler_class = Elasticsearch8AutocompleteQueryCompiler
    results_class = Elasticsearch8Results
    engine_errors = _elasticsearch_errors()

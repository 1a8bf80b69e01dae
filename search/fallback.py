"""The database search used while the engine is down (search.service.fallback_backend).

Words match without regard to case or diacritics on SQLite and PostgreSQL alike
("dat dai" finds "Đất đai"), through core.lookups' ``folded_contains``.

Wagtail's fallback backend matches the queryset model's own fields with
``icontains``: for the Page queryset of the public search that is the title
alone. This one also matches the short text of every page type below it (a
document's number, trích yếu and signer, a page's listing summary) in the page
types' own tables. Bodies are left out: scanning them without an index would be
too slow on a large collection.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelsearch.backends.database.fallback import DatabaseSearchBackend, DatabaseSearchQueryCompiler

from .fields import is_long_text, text_fields


class FallbackQueryCompiler(DatabaseSearchQueryCompiler):
    """Each word must be in the title or in a short field of the page's type.
    The page types' fields are matched in one ``pk IN (…)`` subquery per type,
    not through a join of every type's table (which PostgreSQL judged costly
    enough to compile, slower than running it)."""

    def subclass_fields(self):
        """{page type: [its own short text fields]} below the queryset's model."""
        model = self.queryset.model
        fields = {}
        for indexed, field in text_fields(model):
            if indexed is model or is_long_text(indexed, field):
                continue
            try:
                model_field = indexed._meta.get_field(field.field_name)
            except FieldDoesNotExist:
                continue
            if model_field.model is indexed and field.field_name not in fields.get(indexed, []):
                fields.setdefault(indexed, []).append(field.field_name)
        return fields

    def build_single_term_filter(self, term):
        # A word in several of the query's rewritten forms is built once.
        built = self.__dict__.setdefault("_term_filters", {})
        if term not in built:
            built[term] = self._term_filter(term)
        return built[term]

    def _term_filter(self, term):
        # Case- and diacritic-insensitive on every database (core.lookups).
        term_query = models.Q()
        for field_name in self.fields_names:
            term_query |= models.Q(**{f"{field_name}__folded_contains": term})
        if self.fields:
            return term_query
        for subclass, names in self.subclass_fields().items():
            matches = models.Q()
            for name in names:
                matches |= models.Q(**{f"{name}__folded_contains": term})
            term_query |= models.Q(pk__in=subclass.objects.filter(matches).values("pk"))
        return term_query


class FallbackSearchBackend(DatabaseSearchBackend):
    query_compiler_class = FallbackQueryCompiler
    autocomplete_query_compiler_class = FallbackQueryCompiler


SearchBackend = FallbackSearchBackend

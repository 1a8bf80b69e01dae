"""Which indexed fields hold text, and which of them are bodies."""

from django.core.exceptions import FieldDoesNotExist
from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField, get_indexed_models
from wagtail.fields import RichTextField, StreamField


def is_long_text(model, field):
    """Whether a search field holds a body (rich text or blocks). Bodies are
    highlighted in Python, not by the engine, whose highlighter costs more than
    the query on bodies of several pages; the fallback does not scan them."""
    try:
        model_field = model._meta.get_field(field.field_name)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, (RichTextField, StreamField))


def text_fields(model):
    """(model, search field) for the searchable text of ``model`` and its subclasses."""
    for indexed in get_indexed_models():
        if issubclass(indexed, model):
            for field in indexed.get_search_fields():
                if isinstance(field, SearchField) and not isinstance(
                    field, (FilterField, AutocompleteField, RelatedFields)
                ):
                    yield indexed, field

"""Signal handlers of the search app."""

from modelcluster.fields import ParentalManyToManyField
from wagtail.search.index import insert_or_update_object

from .indexing import is_bulk_indexed


def has_deferred_relations(model):
    """True when saving ``model`` writes many-to-many relations after the row
    (modelcluster's ParentalManyToManyField), i.e. after Wagtail indexed it."""
    return any(isinstance(field, ParentalManyToManyField) for field in model._meta.get_fields())


def reindex_published_page(sender, instance, **kwargs):
    """Index a published page again once its many-to-many relations are saved,
    so facets such as a document's fields are right from the first publish.
    Pages of a model a bulk job is indexing (search.indexing) are left to it."""
    model = type(instance)
    if has_deferred_relations(model) and not is_bulk_indexed(model):
        insert_or_update_object(instance)

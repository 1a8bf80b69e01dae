"""Signal handlers of the search app."""

from modelcluster.fields import ParentalManyToManyField
from wagtail.search.index import insert_or_update_object


def has_deferred_relations(model):
    """True when saving ``model`` writes many-to-many relations after the row
    (modelcluster's ParentalManyToManyField), i.e. after Wagtail indexed it."""
    return any(isinstance(field, ParentalManyToManyField) for field in model._meta.get_fields())


def reindex_published_page(sender, instance, **kwargs):
    """Index a published page again once its many-to-many relations are saved,
    so facets such as a document's fields are right from the first publish."""
    if has_deferred_relations(type(instance)):
        insert_or_update_object(instance)

"""Signal handlers of the search app."""

from django.db.models.signals import post_save
from django.dispatch.dispatcher import _make_id
from modelcluster.fields import ParentalManyToManyField
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.index import insert_or_update_object


def has_deferred_relations(model):
    """True when saving ``model`` writes many-to-many relations after the row
    (modelcluster's ParentalManyToManyField), i.e. after Wagtail indexed it."""
    return any(isinstance(field, ParentalManyToManyField) for field in model._meta.get_fields())


def saves_are_indexed(model):
    """False while a bulk job (e.g. the legal documents importer) has turned off
    indexing on save for ``model`` to index its pages in bulk afterwards."""
    key = (_make_id(post_save_signal_handler), _make_id(model))
    return any(receiver[0] == key for receiver in post_save.receivers)


def reindex_published_page(sender, instance, **kwargs):
    """Index a published page again once its many-to-many relations are saved,
    so facets such as a document's fields are right from the first publish.
    Pages a bulk job flags with ``_bulk_indexed`` are indexed by that job."""
    model = type(instance)
    if getattr(instance, "_bulk_indexed", False):
        return
    if has_deferred_relations(model) and saves_are_indexed(model):
        insert_or_update_object(instance)

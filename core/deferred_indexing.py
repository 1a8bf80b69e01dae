"""Index what a long seeding job saved once, at its end, instead of on every save.

Creating and publishing a page saves it three times (``add_child``, the
revision, ``publish``) and each save updates the search index and Wagtail's
reference index. ``manage.py seed_demo`` creates hundreds of pages; inside
``deferred_indexing()`` the saves only note what changed, and leaving the block
indexes each object once (search: one bulk request per model and backend).
"""

import logging
from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends_with_name
from wagtail.signal_handlers import (
    connect_reference_index_signal_handlers,
    disconnect_reference_index_signal_handlers,
)

from .internals import connect_index_on_save, disconnect_index_on_save

logger = logging.getLogger(__name__)
DISPATCH_UID = "core-deferred-indexing"


@contextmanager
def deferred_indexing():
    """Turn per-save indexing off inside the block; index what was saved on a
    clean exit (after an error nothing is indexed: the caller's transaction
    rolled back, or ``update_index`` repairs)."""
    saved = defaultdict(set)

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved[sender].add(instance.pk)

    searched = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    disconnected = [model for model in searched if disconnect_index_on_save(model)]
    # Wagtail's disable_reference_index_auto_update() is not reentrant (code
    # inside the block may use it too); its handlers are disconnected instead.
    disconnect_reference_index_signal_handlers()
    post_save.connect(remember, weak=False, dispatch_uid=DISPATCH_UID)
    try:
        yield
    finally:
        post_save.disconnect(dispatch_uid=DISPATCH_UID)
        connect_reference_index_signal_handlers()
        for model in disconnected:
            connect_index_on_save(model)
    _update_references(saved)
    _update_search(saved, set(disconnected))


def _parent(instance):
    """The object whose references a child row (a ParentalKey) belongs to, as
    Wagtail's own reference-index task finds it."""
    while True:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None


def _update_references(saved):
    roots = {}
    for model, pks in saved.items():
        if model not in ReferenceIndex.tracked_models:
            continue
        for instance in model._default_manager.filter(pk__in=pks):
            root = _parent(instance)
            if root is not None and ReferenceIndex.is_indexed(root._meta.model):
                roots[(root._meta.model, root.pk)] = root
    with transaction.atomic():
        for root in roots.values():
            ReferenceIndex.create_or_update_for_object(root)


def _update_search(saved, searched):
    for model, pks in saved.items():
        if model not in searched:
            continue
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        if not objects:
            continue
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, objects)
            except Exception:
                logger.exception("Could not index %d %s in '%s'", len(objects), model.__name__, name)
                if not backend.catch_indexing_errors:
                    raise

"""Recording index changes that failed, and applying them later."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.search.index import get_indexed_instance

logger = logging.getLogger(__name__)


def record_failure(backend_name, objects, action, error):
    """Remember that ``objects`` must be re-indexed (never raises)."""
    from .models import IndexQueueEntry

    try:
        with transaction.atomic():
            for obj in objects:
                if obj is None or obj.pk is None:
                    continue
                content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
                IndexQueueEntry.objects.update_or_create(
                    backend_name=backend_name,
                    content_type=content_type,
                    object_id=str(obj.pk),
                    defaults={"action": action, "last_error": str(error)[:2000]},
                )
    except Exception:  # the queue must never break the save that triggered it
        logger.exception("Could not queue %s of %d objects for the search index", action, len(objects))


def process_queue(backend, backend_name="default", limit=None):
    """Apply queued changes to ``backend``; returns (applied, failed)."""
    from .models import IndexQueueEntry

    applied = failed = 0
    entries = IndexQueueEntry.objects.filter(backend_name=backend_name).select_related("content_type")
    if limit:
        entries = entries[:limit]
    for entry in list(entries):
        model = entry.content_type.model_class()
        try:
            obj = model._default_manager.filter(pk=entry.object_id).first() if model else None
            indexed = get_indexed_instance(obj) if obj is not None else None
            if indexed is not None:
                backend.add(indexed)
            elif model is not None:
                backend.delete(model(pk=model._meta.pk.to_python(entry.object_id)))
        except Exception as error:  # noqa: BLE001 - report and keep the entry
            failed += 1
            IndexQueueEntry.objects.filter(pk=entry.pk).update(
                attempts=entry.attempts + 1, last_error=str(error)[:2000]
            )
            logger.warning("Search queue entry %s failed: %s", entry, error)
        else:
            applied += 1
            IndexQueueEntry.objects.filter(pk=entry.pk, updated_at=entry.updated_at).delete()
    return applied, failed

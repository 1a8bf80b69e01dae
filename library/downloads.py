"""Download counts without a database write per download.

Each download adds one to a counter in the shared cache; at most once a minute
per publication (the first download after a quiet minute) the pending count is
moved into ``DownloadTally`` with a single ``UPDATE … count = count + n``.
Shown counts are the stored tally plus what is pending, so a reader sees
their own download at once. What is still pending is written by the next
download after the minute, or by ``manage.py flush_library_downloads`` (from
the scheduler, and before a cache restart).
"""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import DownloadTally

FLUSH_SECONDS = 60


def _pending_key(page_id):
    return f"library:downloads:pending:{page_id}"


def _flush_key(page_id):
    return f"library:downloads:flushed:{page_id}"


def count_download(page_id):
    """Record one download of ``page_id``; writes the batch when the minute is up."""
    key = _pending_key(page_id)
    try:
        cache.incr(key)
    except ValueError:
        if not cache.add(key, 1, timeout=None):
            cache.incr(key)
    if cache.add(_flush_key(page_id), 1, timeout=FLUSH_SECONDS):
        flush(page_id)


def flush(page_id):
    """Move the pending count of ``page_id`` into the database; returns how many."""
    key = _pending_key(page_id)
    pending = cache.get(key) or 0
    if not pending:
        return 0
    cache.decr(key, pending)
    with transaction.atomic():
        if not DownloadTally.objects.filter(page_id=page_id).update(count=F("count") + pending):
            try:
                with transaction.atomic():
                    DownloadTally.objects.create(page_id=page_id, count=pending)
            except IntegrityError:
                DownloadTally.objects.filter(page_id=page_id).update(count=F("count") + pending)
    return pending


def flush_all():
    """Write every publication's pending downloads; returns how many were written."""
    from .models import PublicationPage

    ids = list(PublicationPage.objects.values_list("pk", flat=True))
    pending = cache.get_many([_pending_key(pk) for pk in ids])
    return sum(flush(pk) for pk in ids if pending.get(_pending_key(pk)))


def download_counts(page_ids):
    """{page id: downloads} for ``page_ids``: one query and one cache read."""
    page_ids = list(page_ids)
    if not page_ids:
        return {}
    counts = dict(DownloadTally.objects.filter(page_id__in=page_ids).values_list("page_id", "count"))
    pending = cache.get_many([_pending_key(pk) for pk in page_ids])
    return {pk: counts.get(pk, 0) + (pending.get(_pending_key(pk)) or 0) for pk in page_ids}


def download_count(page_id):
    return download_counts([page_id]).get(page_id, 0)

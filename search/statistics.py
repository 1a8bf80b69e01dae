"""Search statistics (Wagtail's search promotions: Query, QueryDailyHits) counted
without writing on every search.

Counting a search used to update one row per query and day in the request:
concurrent searches for the same words waited on that row's lock. Each process
now adds its searches up in memory and writes them every
SEARCH_STATS_FLUSH_SECONDS (or once SEARCH_STATS_FLUSH_QUERIES different
queries are waiting), in one transaction: one UPDATE per query and day, not per
search. A process that ends writes what it holds (atexit); one that is killed
loses at most the last interval's counts, which statistics can bear.
"""

import atexit
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

_lock = threading.Lock()
_pending = Counter()  # (normalised query, date) -> searches not yet written
_last_flush = time.monotonic()


def count_search(query_string):
    """Count one search for ``query_string`` today; written in the next batch."""
    normalised = normalise_query_string(query_string)
    if not normalised:
        return
    with _lock:
        _pending[(normalised, timezone.localdate())] += 1
        due = (
            time.monotonic() - _last_flush >= settings.SEARCH_STATS_FLUSH_SECONDS
            or len(_pending) >= settings.SEARCH_STATS_FLUSH_QUERIES
        )
    if due:
        flush()


def pending():
    """Searches counted by this process and not yet written (for tests and the admin)."""
    with _lock:
        return dict(_pending)


def flush():
    """Write this process's pending counts in one transaction."""
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return
    try:
        write(batch)
    except Exception:
        with _lock:  # keep them for the next attempt (the database may be back then)
            _pending.update(batch)
        raise


def write(batch):
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    with transaction.atomic():
        strings = {query for query, _day in batch}
        Query.objects.bulk_create([Query(query_string=query) for query in strings], ignore_conflicts=True)
        queries = {query.query_string: query for query in Query.objects.filter(query_string__in=strings)}
        for (query, day), hits in sorted(batch.items()):
            rows = QueryDailyHits.objects.filter(query=queries[query], date=day)
            if not rows.update(hits=F("hits") + hits):
                QueryDailyHits.objects.create(query=queries[query], date=day, hits=hits)


def _flush_at_exit():
    try:
        flush()
    except Exception:  # noqa: BLE001, S110 - the process is ending; nothing else to do
        pass


atexit.register(_flush_at_exit)

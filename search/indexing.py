"""Indexing many objects at once: the API bulk jobs (importers) use.

::

    with bulk_indexing(DocumentPage) as indexer:
        for batch in batches:
            pages = write(batch)       # saves do not reach the search engine
            indexer.add(pages)         # one bulk request per backend

While the job runs, saving an object of the job's models does not index it
(modelsearch's per-save handler is turned off for those models) and the
``page_published`` re-index handler leaves them to the job
(``is_bulk_indexed``). ``add`` re-reads the objects from the database in the
caller's thread, builds each engine backend's bulk request there and sends it
from a worker thread while the caller writes the next batch; a backend without
that ability (the database backend) is simply written to at once. A request
that fails is queued in ``search.queue`` for ``process_search_queue``; the
engine never stops the job. Leaving the block waits for the last request, so
what the job wrote is searchable when it ends.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from wagtail.search.backends import get_search_backends

from core.internals import connect_index_on_save, disconnect_index_on_save

logger = logging.getLogger(__name__)

_lock = threading.Lock()
# model -> [number of running jobs, whether the first job disconnected indexing on save]
_active = {}


def is_bulk_indexed(instance_or_model):
    """True while a bulk job indexes this object's model itself (process-wide,
    like the per-save indexing it turns off)."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    return model in _active


def _start(models):
    with _lock:
        for model in models:
            entry = _active.get(model)
            if entry is None:
                _active[model] = [1, disconnect_index_on_save(model)]
            else:
                entry[0] += 1


def _stop(models):
    with _lock:
        for model in models:
            entry = _active[model]
            entry[0] -= 1
            if entry[0] == 0:
                del _active[model]
                if entry[1]:
                    connect_index_on_save(model)


class BulkIndexer:
    """Sends batches of objects to every auto-updated search backend (see the module docstring)."""

    def __init__(self, models, querysets=None):
        self.models = tuple(models)
        self.querysets = dict(querysets or {})
        self.executor = None
        self.pending = []

    def add(self, objects):
        """Index ``objects`` (instances of one of the job's models, or nothing).

        Waits for the previous batch first, so that at most one request is in
        flight. The objects are read again from the database, so call this
        once their transaction is committed (or from inside it).
        """
        self.wait()
        objects = list(objects)
        if not objects:
            return
        model = type(objects[0])
        if model not in self.models:
            raise ValueError(f"{model.__name__} is not indexed by this bulk job ({self.models})")
        queryset = self.querysets.get(model)
        if queryset is None:
            queryset = model.get_indexed_objects()
        fresh = list(queryset.filter(pk__in=[obj.pk for obj in objects]))
        for backend in get_search_backends(with_auto_update=True):
            prepare = getattr(backend, "prepare_bulk", None)
            try:
                if prepare is None:
                    backend.add_bulk(model, fresh)
                    continue
                send = prepare(model, fresh)
            except Exception:  # the search engine must not stop a job; update_index repairs
                logger.exception("Could not index %d %s", len(fresh), model._meta.verbose_name_plural)
                continue
            if self.executor is None:
                self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-index")
            self.pending.append((backend, fresh, self.executor.submit(send)))

    def wait(self):
        """Wait for the requests in flight; queue the objects of those that failed."""
        pending, self.pending = self.pending, []
        for backend, objects, future in pending:
            error = future.exception()
            if error is not None:
                logger.error("Could not index %d objects in bulk: %s", len(objects), error)
                backend.bulk_failed(objects, error)

    def close(self):
        try:
            self.wait()
        finally:
            if self.executor is not None:
                self.executor.shutdown()
                self.executor = None


class bulk_indexing:  # noqa: N801 - used as a context manager, like a function
    """``with bulk_indexing(Model, ..., querysets={Model: qs}) as indexer:``

    ``querysets`` says how to read each model's objects for the index (e.g. with
    the select_related/prefetch_related its search fields need); by default
    ``Model.get_indexed_objects()``.
    """

    def __init__(self, *models, querysets=None):
        if not models:
            raise TypeError("bulk_indexing needs at least one model")
        self.indexer = BulkIndexer(models, querysets)

    def __enter__(self):
        _start(self.indexer.models)
        return self.indexer

    def __exit__(self, *exc):
        try:
            self.indexer.close()
        finally:
            _stop(self.indexer.models)

"""The engine's indexes set themselves up: no manual ``update_index`` on a fresh install.

Writing a document to a missing index makes the engine create it with dynamic
mappings (no Vietnamese analysers, no keyword facets): admin search then
answers errors and public search quietly falls back to the database. So:

- on ``migrate`` (post_migrate of the search app) every index is checked: a
  missing one is created with the portal's settings and mappings, one whose
  mappings differ from what the models declare is rebuilt and re-filled;
- before the first write of a process to an index (``ensure_index``), a
  missing one is created the same way (one request per index per process);
- ``manage.py ensure_search_index`` runs the check on demand.

An unreachable engine is not an error here: the index queue (search.queue)
keeps the changes, and the check runs again on the next write or migrate.
"""

import logging

from modelsearch.index import get_indexed_models

logger = logging.getLogger(__name__)

OK, CREATED, REBUILT = "ok", "created", "rebuilt"
COMPARED_KEYS = ("type", "analyzer", "search_analyzer", "normalizer")

# Index names this process has seen existing (so a write checks only once).
_known = set()


def is_engine_backend(backend):
    return hasattr(backend, "es") and hasattr(backend, "get_index_for_model")


def models_by_index(backend):
    """{index name: (index, [models])} for every indexed model."""
    grouped = {}
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        grouped.setdefault(index.name, (index, []))[1].append(model)
    return grouped


def _differences(expected, actual, path=""):
    """Fields whose declared mapping the index lacks or holds differently."""
    found = []
    for name, field in expected.get("properties", {}).items():
        other = actual.get("properties", {}).get(name)
        where = f"{path}{name}"
        if other is None:
            found.append(where)
            continue
        if any(field.get(key) != other.get(key) for key in COMPARED_KEYS if key in field):
            found.append(where)
        found += _differences(field, other, where + ".")
    return found


def mapping_differences(backend, index, models):
    """What the index's mappings and analysers lack compared to the models'."""
    response = backend.es.indices.get_mapping(index=index.name)
    actual = next(iter(response.values()))["mappings"]
    differences = []
    for model in models:
        differences += _differences(backend.mapping_class(model).get_mapping(), actual)
    settings = next(iter(backend.es.indices.get_settings(index=index.name).values()))["settings"]
    analyzers = settings.get("index", {}).get("analysis", {}).get("analyzer", {})
    wanted = backend.settings["settings"]["analysis"]["analyzer"]
    differences += [f"analyzer {name}" for name in wanted if name not in analyzers]
    return sorted(set(differences))


def _create(index, models):
    index.put()
    for model in models:
        index.add_model(model)


def _refill(backend, models, batch=500):
    for model in models:
        objects = model.get_indexed_objects().order_by("pk")
        for start in range(0, objects.count(), batch):
            backend.add_bulk(model, list(objects[start : start + batch]))


def ensure_indexes(backend=None, rebuild_wrong=True):
    """Create missing indexes and rebuild those with wrong mappings; {name: action}."""
    from wagtail.search.backends import get_search_backend

    backend = backend or get_search_backend()
    if not is_engine_backend(backend):
        return {}
    actions = {}
    for name, (index, models) in models_by_index(backend).items():
        if not index.exists():
            _create(index, models)
            _refill(backend, models)
            actions[name] = CREATED
        elif rebuild_wrong and (differences := mapping_differences(backend, index, models)):
            logger.warning(
                "Search index %s has wrong mappings (%s): rebuilding it", name, ", ".join(differences)
            )
            index.delete()
            _create(index, models)
            _refill(backend, models)
            actions[name] = REBUILT
        else:
            actions[name] = OK
        _known.add(name)
    return actions


def ensure_index(backend, model):
    """Before writing ``model``'s documents: create its index if it is missing."""
    index = backend.get_index_for_model(model)
    if index.name in _known:
        return
    if not index.exists():
        _create(index, models_by_index(backend)[index.name][1])
        logger.warning("Search index %s was missing: created it with the portal's mappings", index.name)
    _known.add(index.name)


def forget_known_indexes():
    """Tests that delete indexes behind the process's back call this."""
    _known.clear()


def on_post_migrate(**kwargs):
    try:
        actions = ensure_indexes()
    except Exception as error:  # noqa: BLE001 - an unreachable engine must not stop migrate
        logger.warning("Search indexes not checked (engine unreachable?): %s", error)
        return
    for name, action in actions.items():
        if action != OK:
            logger.warning("Search index %s %s", name, action)

"""The newest live pages of one type, for a unit home or for the whole province.

The provincial portal shows what every unit publishes without anyone retyping
it. Results are cached under the content version (core.cache), which changes
whenever a page is published, unpublished, moved or deleted, so a burst of
visitors costs one query and a publication shows at once.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Q

from .cache import content_version
from .registries import page_owner

CACHE_SECONDS = 3600


def _path(root):
    """A root given as a page or as its materialised path."""
    return root if isinstance(root, str) else root.path


def under_roots(paths):
    """A Q of the pages strictly below any of ``paths`` (materialised paths): one
    condition per root, OR'ed, so that several subtrees cost one query."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path) & ~Q(path=path)
    return condition


def latest_live_pages(
    model, item, *, root=None, roots=None, limit=10, order_by=(), only=(), select_related=(), where=None
):
    """Plain dicts (``item(page)`` plus ``unit``) of the newest live public pages of ``model``.

    With ``root`` only that subtree; with ``roots`` (pages or their paths, for
    instance the root pages of a unit and of every unit below it) those
    subtrees together, in one query; with neither, every unit's site. ``item``
    turns a page into a dict of what the template shows; the unit's name is
    added. ``only`` and ``select_related`` keep the query to what ``item`` reads;
    ``where`` (field lookups, such as ``{"featured": True}``) narrows the pages.
    """
    paths = None
    if roots is not None:
        paths = sorted({_path(r) for r in roots})
        scope = "roots-" + hashlib.sha256(",".join(paths).encode()).hexdigest()[:16]
    else:
        scope = root.pk if root else "all"
    narrowed = ",".join(f"{name}={value}" for name, value in sorted((where or {}).items()))
    key = (
        f"core:latest:{model._meta.label_lower}:{scope}:{limit}:{','.join(order_by)}:{narrowed}:"
        f"{content_version()}"
    )
    items = cache.get(key)
    if items is None:
        pages = model.objects.live().public().filter(**(where or {}))
        if paths is not None:
            pages = pages.filter(under_roots(paths))
        elif root is not None:
            pages = pages.descendant_of(root)
        if select_related:
            pages = pages.select_related(*select_related)
        if only:
            pages = pages.only("id", "title", "path", "url_path", "locale_id", *only)
        pages = pages.order_by(*order_by, "-first_published_at", "-pk")[:limit]
        items = [{**item(page), "unit": (page_owner(page) or {}).get("name", "")} for page in pages]
        cache.set(key, items, CACHE_SECONDS)
    return items

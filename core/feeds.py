"""The newest live pages of one type, for a unit home or for the whole province.

The provincial portal shows what every unit publishes without anyone retyping
it. Results are cached under the content version (core.cache), which changes
whenever a page is published, unpublished, moved or deleted, so a burst of
visitors costs one query and a publication shows at once.
"""

from django.core.cache import cache

from .cache import content_version
from .registries import page_owner

CACHE_SECONDS = 3600


def latest_live_pages(model, item, *, root=None, limit=10, order_by=(), only=(), select_related=()):
    """Plain dicts (``item(page)`` plus ``unit``) of the newest live public pages of ``model``.

    With ``root`` only that subtree; without it, every unit's site. ``item``
    turns a page into a dict of what the template shows; the unit's name is
    added. ``only`` and ``select_related`` keep the query to what ``item`` reads.
    """
    key = (
        f"core:latest:{model._meta.label_lower}:{root.pk if root else 'all'}:{limit}:"
        f"{','.join(order_by)}:{content_version()}"
    )
    items = cache.get(key)
    if items is None:
        pages = model.objects.live().public()
        if root is not None:
            pages = pages.descendant_of(root)
        if select_related:
            pages = pages.select_related(*select_related)
        if only:
            pages = pages.only("id", "title", "path", "url_path", "locale_id", *only)
        pages = pages.order_by(*order_by, "-first_published_at", "-pk")[:limit]
        items = [{**item(page), "unit": (page_owner(page) or {}).get("name", "")} for page in pages]
        cache.set(key, items, CACHE_SECONDS)
    return items

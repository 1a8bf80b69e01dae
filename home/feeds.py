"""Latest published articles, for a unit home or for the whole province.

The provincial portal shows what every unit publishes without anyone retyping
it. Results are cached under a content version that changes whenever a page
is published, unpublished, moved or deleted (see signals.py), so a burst of
visitors costs one query, and a publication shows at once.
"""

from django.core.cache import cache

from multisite.cache_versions import CacheVersion
from multisite.lookup import unit_info_for_page

CONTENT_VERSION = CacheVersion("home:content-version")
content_version = CONTENT_VERSION.current
bump_content_version = CONTENT_VERSION.bump


def latest_articles(root=None, limit=10):
    """Dicts (title, url, date, summary, unit) of the newest live public articles.

    With ``root`` only that subtree; without it, every unit's site.
    """
    from home.models import ArticlePage

    key = f"home:latest:{root.pk if root else 'all'}:{limit}:{content_version()}"
    items = cache.get(key)
    if items is None:
        pages = ArticlePage.objects.live().public()
        if root is not None:
            pages = pages.descendant_of(root)
        pages = pages.only(
            "id", "title", "path", "url_path", "date", "listing_summary", "locale_id"
        ).order_by("-date", "-first_published_at", "-pk")[:limit]
        items = [
            {
                "title": page.title,
                "url": page.get_url(),
                "date": page.date,
                "summary": page.listing_summary,
                "unit": (unit_info_for_page(page) or {}).get("name", ""),
            }
            for page in pages
        ]
        cache.set(key, items, 3600)
    return items

"""Latest published legal documents of every unit, for the provincial portal's home.

Cached like home.feeds.latest_articles, under the content version that changes
whenever a page is published, unpublished, moved or deleted.
"""

from django.core.cache import cache

from home.feeds import content_version
from multisite.lookup import unit_info_for_page


def latest_legal_documents(root=None, limit=8):
    """Dicts (title, url, number, type, date, unit) of the newest live public documents."""
    from .models import LegalDocumentPage

    key = f"legal_docs:latest:{root.pk if root else 'all'}:{limit}:{content_version()}"
    items = cache.get(key)
    if items is None:
        pages = LegalDocumentPage.objects.live().public()
        if root is not None:
            pages = pages.descendant_of(root)
        pages = (
            pages.select_related("document_type")
            .only(
                "id",
                "title",
                "path",
                "url_path",
                "locale_id",
                "document_number",
                "issue_date",
                "document_type__name",
            )
            .order_by("-issue_date", "-first_published_at", "-pk")[:limit]
        )
        items = [
            {
                "title": page.title,
                "url": page.get_url(),
                "number": page.document_number,
                "type": page.document_type.name,
                "date": page.issue_date,
                "unit": (unit_info_for_page(page) or {}).get("name", ""),
            }
            for page in pages
        ]
        cache.set(key, items, 3600)
    return items

"""Latest published articles, for a unit home or for the whole province."""

from core.feeds import latest_live_pages


def _article_item(page):
    return {
        "title": page.title,
        "url": page.get_url(),
        "date": page.date,
        "summary": page.listing_summary,
        "image_id": page.image_id,
        "image_alt": page.image_alt,
    }


def latest_articles(root=None, limit=10, roots=None, featured=False):
    """Dicts (title, url, date, summary, unit, image_id, image_alt) of the newest
    live public articles, newest shown date first; ``featured``: only those
    staff marked as featured ("Tin nổi bật"). A list that shows the images reads
    them with ``home.images.attach_item_images`` (for what it shows only).

    With ``root`` only that subtree; with ``roots`` those subtrees (a unit and
    the units below it, see home.rollup); with neither, every unit's site.
    """
    from home.models import ArticlePage

    return latest_live_pages(
        ArticlePage,
        _article_item,
        root=root,
        roots=roots,
        limit=limit,
        order_by=("-date",),
        only=("date", "listing_summary", "image_id", "image_alt"),
        where={"featured": True} if featured else None,
    )

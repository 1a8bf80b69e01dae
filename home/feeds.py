"""Latest published articles, for a unit home or for the whole province."""

from core.feeds import latest_live_pages


def _article_item(page):
    return {"title": page.title, "url": page.get_url(), "date": page.date, "summary": page.listing_summary}


def latest_articles(root=None, limit=10, roots=None):
    """Dicts (title, url, date, summary, unit) of the newest live public articles.

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
        only=("date", "listing_summary"),
    )

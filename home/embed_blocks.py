"""The blocks home declares for embedding (news and the search box)."""

from django.utils.translation import gettext_lazy as _

from core import registries

EMBED_NEWS_SIZE = 6


def news_context(home, request):
    """The newest articles: every unit's on the portal, a unit's and its units' below."""
    from .feeds import latest_articles
    from .rollup import rolled_up_roots

    if home.is_portal:
        return {"items": latest_articles(limit=EMBED_NEWS_SIZE), "show_unit": True}
    roots = rolled_up_roots(home)
    return {"items": latest_articles(roots=roots, limit=EMBED_NEWS_SIZE), "show_unit": len(roots) > 1}


def search_context(home, request):
    return {}


def register_embed_blocks():
    registries.embed_blocks.register(
        registries.EmbedBlock("news", _("Tin tức – Sự kiện"), "home/embed/news.html", news_context, order=10)
    )
    registries.embed_blocks.register(
        registries.EmbedBlock("search", _("Tìm kiếm"), "home/embed/search.html", search_context, order=90)
    )

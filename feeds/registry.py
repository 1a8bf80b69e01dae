"""What the feeds-in app declares to the portal (core.registries)."""

from django.utils.translation import gettext_lazy as _

from core import registries


def feed_items_block(page, request):
    """Items of the home's unit's sources, grouped by source; None when it follows none."""
    from multisite.lookup import unit_info_for_page

    from .models import FeedItem, FeedSource

    info = unit_info_for_page(page)
    if info is None:
        return None
    sources = list(FeedSource.objects.filter(unit_id=info["id"], active=True).order_by("title", "pk"))
    if not sources:
        return None
    items = {}
    for item in FeedItem.objects.filter(source__in=sources).order_by("-published_at", "pk"):
        items.setdefault(item.source_id, []).append(item)
    return {"sources": [(source, items.get(source.pk, [])[: source.max_items]) for source in sources]}


def register():
    registries.unit_snippets.register("feeds.FeedSource")
    registries.home_blocks.register(
        registries.HomeBlock(
            "tin-tu-nguon-khac",
            _("Tin từ các nguồn khác"),
            "feeds/feed_items.html",
            feed_items_block,
            order=80,
            on_portal=True,
            on_units=True,
        )
    )

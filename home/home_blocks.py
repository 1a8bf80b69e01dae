"""The home pages' own block, the site's topics ("Chuyên đề"), and the portal's demo topic."""

from django.utils.translation import gettext_lazy as _

from core import registries
from home.images import attach_lead_images

TOPICS_SHOWN = 6


def topics_block(home, request):
    """The home's live topic pages, newest first, with their banners; None when
    it has none (the block is left out)."""
    from home.models import TopicPage

    topics = (
        TopicPage.objects.child_of(home)
        .live()
        .public()
        .only(
            "id", "title", "path", "url_path", "locale_id", "depth", "listing_summary", "banner", "banner_alt"
        )
        .order_by("-first_published_at", "-pk")[:TOPICS_SHOWN]
    )
    topics = attach_lead_images(list(topics), field="banner")
    return {"topics": topics} if topics else None


def seed_demo_topic(unit, index):
    from home.demo_images import seed_topic

    seed_topic(unit, index)


def register_home_blocks():
    registries.home_blocks.register(
        registries.HomeBlock(
            "chuyen-de", _("Chuyên đề"), "home/includes/topic_list.html", topics_block, order=5, on_units=True
        )
    )
    registries.demo_seeders.register(registries.DemoSeeder("home_topics", seed_demo_topic, order=5))

"""Root pages: the provincial portal's home and each unit's home."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.cache import fragment_seconds, fragment_version
from core.models import BasePage
from core.paging import page_number
from core.registries import home_blocks, section_page_models
from home.feeds import latest_articles
from home.images import attach_item_images
from home.rollup import rolled_up_roots, unit_groups_below

FEATURED_SIZE = 4
# How long a home's rendered content is kept (any change renews its key first).
FRAGMENT_SECONDS = 3600


class HomeBase(BasePage):
    """Abstract root page of a site: an introduction, the menu of sections and
    the blocks the feature apps declare (``core.registries.home_blocks``)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    # Pages a home holds besides its sections (topic pages, "chuyên đề").
    extra_subpage_types = ["home.TopicPage"]
    is_portal = False

    class Meta:
        abstract = True

    @classmethod
    def clean_subpage_models(cls):
        """The page types of the registered sections, read when first asked
        (every app has registered its sections by then)."""
        if cls._clean_subpage_models is None:
            cls.subpage_types = [*section_page_models(), *cls.extra_subpage_types]
        return super().clean_subpage_models()

    def get_context(self, request, *args, **kwargs):
        """The home's content is rendered in a fragment cache keyed on the page, the
        version tokens (any publication, feed, setting …), the day and the feed's
        page number: its parts are read only when that fragment is missing."""
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = SimpleLazyObject(lambda: list(self.get_children().live().in_menu()))
        context["home_blocks"] = SimpleLazyObject(lambda: self.declared_blocks(request))
        context["unit_groups"] = SimpleLazyObject(lambda: unit_groups_below(self))
        roots = SimpleLazyObject(lambda: rolled_up_roots(self))
        context["featured_articles"] = SimpleLazyObject(
            lambda: attach_item_images(latest_articles(roots=list(roots), limit=FEATURED_SIZE, featured=True))
        )
        context["rolled_up"] = SimpleLazyObject(lambda: len(roots) > 1)
        context["fragment_seconds"] = fragment_seconds(request, FRAGMENT_SECONDS)
        context["fragment_key"] = ":".join(
            [
                fragment_version(request),
                timezone.localdate().isoformat(),
                str(page_number(request.GET.get("trang"))),
            ]
        )
        return context

    def declared_blocks(self, request):
        """(block, its context) for every registered block shown on this kind of home."""
        shown = []
        for block in home_blocks:
            if (block.on_portal if self.is_portal else block.on_units) and (
                data := block.context(self, request)
            ) is not None:
                shown.append((block, data))
        return shown


class UnitHomePage(HomeBase):
    """The home page of a department's, district's or commune's PBGDPL site."""

    template = "home/unit_home_page.html"

    class Meta:
        verbose_name = _("trang chủ đơn vị")
        verbose_name_plural = _("trang chủ đơn vị")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = SimpleLazyObject(
            lambda: attach_item_images(latest_articles(roots=rolled_up_roots(self), limit=6))
        )
        return context


class PortalHomePage(HomeBase):
    """The provincial portal's home: its own content plus what every unit publishes."""

    max_count = 1
    template = "home/portal_home_page.html"
    is_portal = True
    feed_page_size = 10
    feed_size = 200

    class Meta:
        verbose_name = _("trang chủ cổng tỉnh")
        verbose_name_plural = _("trang chủ cổng tỉnh")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def feed_page():
            paginator = Paginator(latest_articles(limit=self.feed_size), self.feed_page_size)
            page = paginator.get_page(request.GET.get("trang"))
            page.object_list = attach_item_images(page.object_list)
            return page

        context["unit_articles"] = SimpleLazyObject(feed_page)
        return context

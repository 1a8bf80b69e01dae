"""Root pages: the provincial portal's home and each unit's home."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from home.feeds import latest_articles
from legal_docs.feeds import latest_legal_documents

from .base import BasePage

SECTION_SUBPAGES = ["home.SectionPage", "legal_docs.LegalDocumentIndexPage"]


class HomeBase(BasePage):
    """Abstract root page of a site: an introduction and the menu of sections."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_SUBPAGES

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().in_menu()
        return context


class UnitHomePage(HomeBase):
    """The home page of a department's, district's or commune's PBGDPL site."""

    template = "home/unit_home_page.html"

    class Meta:
        verbose_name = _("trang chủ đơn vị")
        verbose_name_plural = _("trang chủ đơn vị")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = latest_articles(root=self, limit=6)
        return context


class PortalHomePage(HomeBase):
    """The provincial portal's home: its own content plus what every unit publishes."""

    max_count = 1
    template = "home/portal_home_page.html"
    feed_page_size = 10
    feed_size = 200
    legal_feed_size = 8

    class Meta:
        verbose_name = _("trang chủ cổng tỉnh")
        verbose_name_plural = _("trang chủ cổng tỉnh")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(latest_articles(limit=self.feed_size), self.feed_page_size)
        context["unit_articles"] = paginator.get_page(request.GET.get("trang"))
        context["legal_documents"] = latest_legal_documents(limit=self.legal_feed_size)
        return context

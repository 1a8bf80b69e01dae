"""The "Liên kết" section: the unit's links to other websites."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.models import BasePage
from multisite.lookup import unit_info_for_page
from multisite.models import UnitLink


class LinksPage(BasePage):
    """Lists the unit's links (the "Liên kết" snippets its staff keep), the
    national ones first for a new unit (multisite.links.NATIONAL_LINKS)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = []
    template = "home/links_page.html"

    class Meta:
        verbose_name = _("chuyên mục liên kết")
        verbose_name_plural = _("chuyên mục liên kết")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        info = unit_info_for_page(self)
        context["links"] = UnitLink.objects.filter(unit_id=info["id"]) if info else UnitLink.objects.none()
        return context

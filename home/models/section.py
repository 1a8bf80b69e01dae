"""Section index pages (chuyên mục): the mandatory sections and their sub-sections."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.models import BasePage
from core.registries import section_child_types
from home import rollup
from home.images import attach_lead_images
from home.ordering import by_shown_date


class SectionPage(BasePage):
    """Lists its child pages, newest shown date first, with pagination."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage", "home.SectionPage"]
    subpage_types = ["home.ArticlePage", "home.SectionPage"]
    template = "home/section_page.html"
    page_size = 20

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    @classmethod
    def clean_subpage_models(cls):
        """Articles, sub-sections and the page types features add
        (``core.registries.section_child_types``), read when first asked."""
        if cls._clean_subpage_models is None:
            cls.subpage_types = ["home.ArticlePage", "home.SectionPage", *section_child_types]
        return super().clean_subpage_models()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subsections"] = [p for p in self.get_children().live().type(SectionPage)]
        context["offers_province_view"] = rollup.offers_province_view(self)
        listing = None
        if context["offers_province_view"] and request.GET.get(rollup.SCOPE_PARAM) == rollup.SCOPE_PROVINCE:
            listing = rollup.province_listing(self, request, SectionPage, self.page_size)
        if listing is not None:
            context["children"], context["unit_facet"], context["selected_unit"] = listing
            context["province_view"] = True
        else:
            children = by_shown_date(self.get_children().live().public().not_type(SectionPage)).specific()
            context["province_view"] = False
            context["children"] = Paginator(children, self.page_size).get_page(request.GET.get("trang"))
        attach_lead_images(context["children"])
        return context

"""Topic pages ("chuyên đề"): a theme a unit follows over time, such as the
province's investment policy and industrial zones, gathering pages editors pick."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.models import BasePage
from home.forms import DescribedImagesForm
from home.images import attach_lead_images
from home.ordering import by_shown_date
from home.rollup import rolled_up_roots


class TopicPage(BasePage):
    """A topic of a unit's home (or the portal's): an introduction, a banner,
    a body and the pages its editors picked, newest shown date first."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    banner_alt = models.CharField(
        _("mô tả ảnh bìa"),
        max_length=255,
        blank=True,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("listing_summary"),
        FieldPanel("intro"),
        FieldPanel("banner"),
        FieldPanel("banner_alt"),
        FieldPanel("body"),
        InlinePanel("items", label=_("Bài viết trong chuyên đề"), heading=_("Bài viết trong chuyên đề")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = []
    template = "home/topic_page.html"
    base_form_class = DescribedImagesForm
    described_images = [("banner", "banner_alt")]

    class Meta:
        verbose_name = _("chuyên đề")
        verbose_name_plural = _("chuyên đề")

    def picked_pages(self):
        """The live, public pages picked for this topic, newest shown date first,
        lead images read with the list. Only pages of this unit, of the units
        below it and of the province's shared sections are shown (what the
        page chooser offers the unit's staff)."""
        from multisite.lookup import shared_root_paths

        ids = self.items.values_list("page_id", flat=True)
        within = Q(pk__in=[])
        for path in [*rolled_up_roots(self), *shared_root_paths()]:
            within |= Q(path__startswith=path)
        pages = by_shown_date(Page.objects.live().public().filter(within, pk__in=ids)).specific()
        return attach_lead_images(list(pages))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["picked_pages"] = self.picked_pages()
        return context


class TopicItem(Orderable):
    """A page an editor picked for a topic."""

    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("bài viết trong chuyên đề")
        verbose_name_plural = _("bài viết trong chuyên đề")

"""News and articles: the everyday content of every section."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.models import BasePage


class ArticlePage(BasePage):
    """A news item or article with a StreamField body."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("mô tả ảnh đại diện"),
        max_length=255,
        blank=True,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("listing_summary"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.SectionPage"]
    subpage_types = []
    template = "home/article_page.html"

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

"""News and articles: the everyday content of every section."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import ArticleBodyBlock
from core.models import BasePage
from home.forms import DescribedImagesForm


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
    featured = models.BooleanField(
        _("tin nổi bật"),
        default=False,
        help_text=_("Hiển thị ở khối «Tin nổi bật» đầu trang chủ của đơn vị (và của cổng tỉnh)."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("featured"),
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
    base_form_class = DescribedImagesForm
    described_images = [("image", "image_alt")]

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        indexes = [
            # Only a handful of articles are featured: the homes' block reads them by this index.
            models.Index(fields=["featured"], condition=Q(featured=True), name="home_article_featured")
        ]

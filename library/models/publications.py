"""PDF publications (leaflets, handbooks, books) and the legal bookcase that shelves them."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import BasePage

from ..sections import BOOKCASE_KEY, MATERIAL_SECTION_KEYS, NATIONAL_BOOKCASE_URL
from .items import LibraryItem, extension


class Category(models.TextChoices):
    """Shelves of the bookcase (values are the URL filter, Vietnamese slugs)."""

    BOOK = "sach", _("Sách pháp luật")
    HANDBOOK = "cam-nang", _("Cẩm nang, sổ tay")
    LEAFLET = "to-gap", _("Tờ gấp, tờ rơi")
    QUESTIONS = "hoi-dap", _("Sách hỏi – đáp")
    OUTLINE = "de-cuong", _("Đề cương, tài liệu giới thiệu văn bản")
    COMIC = "truyen-tranh", _("Truyện tranh pháp luật")


class PublicationPage(RoutablePageMixin, LibraryItem):
    """A PDF publication: read in the browser page by page, downloaded (counted),
    its pages' images and text made when it is published."""

    category = models.CharField(_("loại ấn phẩm"), max_length=20, choices=Category.choices)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp PDF"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Để trống sẽ dùng ảnh trang đầu của tệp PDF."),
    )
    author = models.CharField(_("tác giả, đơn vị biên soạn"), max_length=255, blank=True)
    publisher = models.CharField(_("nhà xuất bản"), max_length=255, blank=True)
    year = models.PositiveIntegerField(_("năm xuất bản"), null=True, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("category"),
        FieldPanel("listing_summary"),
        FieldPanel("pdf"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("publisher"), FieldPanel("year")],
            heading=_("Thông tin xuất bản"),
        ),
        FieldPanel("text_alternative"),
        FieldPanel("language"),
    ]
    search_fields = LibraryItem.search_fields + [
        index.SearchField("author"),
        index.SearchField("pdf_text"),
        index.FilterField("category"),
    ]
    parent_page_types = ["home.SectionPage", "library.BookcasePage"]
    section_keys = MATERIAL_SECTION_KEYS | {BOOKCASE_KEY}
    template = "library/publication_page.html"
    reader_template = "library/publication_reader.html"
    reader_page_size = 10

    class Meta:
        verbose_name = _("sách, tài liệu PDF")
        verbose_name_plural = _("sách, tài liệu PDF")

    def clean(self):
        super().clean()
        if self.pdf and extension(self.pdf) != "pdf":
            raise ValidationError({"pdf": _("Ấn phẩm phải là tệp PDF (.pdf).")})

    @property
    def rendering(self):
        """The PDF's page images and text (library.rendering), or None before publication."""
        from .files import PdfRendering

        if not self.pdf_id:
            return None
        if not hasattr(self, "_rendering"):
            self._rendering = PdfRendering.objects.filter(document_id=self.pdf_id).first()
        return self._rendering

    @property
    def reader_url(self):
        return self.url + self.reverse_subpage("reader")

    @property
    def download_url(self):
        return self.url + self.reverse_subpage("download")

    def pdf_text(self):
        """The PDF's own text, indexed so that search finds words inside the book."""
        rendering = self.rendering
        return rendering.text if rendering else ""

    def get_context(self, request, *args, **kwargs):
        from ..downloads import download_count

        context = super().get_context(request, *args, **kwargs)
        rendering = self.rendering
        context["rendering"] = rendering
        context["preview_pages"] = list(rendering.pages.all()[:4]) if rendering else []
        context["downloads"] = download_count(self.pk)
        return context

    @path("doc/")
    def reader(self, request):
        """The publication read in the browser: its pages' images, a screenful at a time."""
        rendering = self.rendering
        pages = rendering.pages.all() if rendering else []
        context = self.get_context(request)
        context["reader_pages"] = Paginator(pages, self.reader_page_size).get_page(request.GET.get("trang"))
        return TemplateResponse(request, self.reader_template, context)

    @path("tai-ve/")
    def download(self, request):
        """Count a download (batched, library.downloads) and hand over the file."""
        from ..downloads import count_download

        if not self.pdf:
            return redirect(self.url)
        count_download(self.pk)
        return redirect(self.pdf.url)


class BookcasePage(BasePage):
    """The legal bookcase (tủ sách pháp luật): publications by shelf, with the
    whole province's on the portal and a link to the national e-bookcase."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    national_bookcase_url = models.URLField(
        _("địa chỉ Tủ sách pháp luật điện tử quốc gia"), default=NATIONAL_BOOKCASE_URL, blank=True
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("national_bookcase_url")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = ["library.PublicationPage"]
    template = "library/bookcase_page.html"
    page_size = 24
    CATEGORY_PARAM = "loai"

    class Meta:
        verbose_name = _("tủ sách pháp luật")
        verbose_name_plural = _("tủ sách pháp luật")

    def get_context(self, request, *args, **kwargs):
        from ..listing import bookcase_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(bookcase_listing(self, request))
        return context

"""Legal document pages: the section index, one page per document, and the
introduction material that explains a document to the public.

A document page carries the metadata users of vbpl.vn expect (number, type,
issuing body, signer, dates, effect status, fields), its summary and full text,
attached files and typed relations to other documents, which are shown on both
sides (the target lists the inverse relation).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from core.cache import fragment_seconds, fragment_version
from core.models import BasePage
from core.text import normal_key
from multisite.lookup import unit_info_for_page

from .taxonomy import DocumentLevel, EffectStatus

# How long a rendered part of a document page is kept (any publication renews its key).
FRAGMENT_SECONDS = 3600

ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx")


class RelationType(models.TextChoices):
    """How a document relates to another one (read "this document … the target"),
    as vbpl.vn draws them on a document's diagram (lược đồ)."""

    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    GUIDES = "guides", _("Hướng dẫn")
    REPEALS = "repeals", _("Bãi bỏ")
    BASED_ON = "based_on", _("Căn cứ")
    CORRECTS = "corrects", _("Đính chính")
    DETAILS = "details", _("Quy định chi tiết")
    SUSPENDS = "suspends", _("Đình chỉ")
    PARTLY_EXPIRES = "partly_expires", _("Hết hiệu lực một phần")
    CONSOLIDATES = "consolidates", _("Hợp nhất")
    REFERENCES = "references", _("Dẫn chiếu")


# Headings on the document's own page: "this document amends: …".
OUTGOING_RELATION_LABELS = {
    RelationType.AMENDS: _("Sửa đổi, bổ sung văn bản"),
    RelationType.REPLACES: _("Thay thế văn bản"),
    RelationType.GUIDES: _("Hướng dẫn văn bản"),
    RelationType.REPEALS: _("Bãi bỏ văn bản"),
    RelationType.BASED_ON: _("Căn cứ vào văn bản"),
    RelationType.CORRECTS: _("Đính chính văn bản"),
    RelationType.DETAILS: _("Quy định chi tiết văn bản"),
    RelationType.SUSPENDS: _("Đình chỉ văn bản"),
    RelationType.PARTLY_EXPIRES: _("Làm hết hiệu lực một phần văn bản"),
    RelationType.CONSOLIDATES: _("Hợp nhất văn bản"),
    RelationType.REFERENCES: _("Dẫn chiếu văn bản"),
}

# The same relation read from the target's side.
INVERSE_RELATION_LABELS = {
    RelationType.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    RelationType.REPLACES: _("Bị thay thế bởi"),
    RelationType.GUIDES: _("Được hướng dẫn bởi"),
    RelationType.REPEALS: _("Bị bãi bỏ bởi"),
    RelationType.BASED_ON: _("Là căn cứ của"),
    RelationType.CORRECTS: _("Được đính chính bởi"),
    RelationType.DETAILS: _("Được quy định chi tiết bởi"),
    RelationType.SUSPENDS: _("Bị đình chỉ bởi"),
    RelationType.PARTLY_EXPIRES: _("Bị hết hiệu lực một phần bởi"),
    RelationType.CONSOLIDATES: _("Được hợp nhất bởi"),
    RelationType.REFERENCES: _("Được dẫn chiếu bởi"),
}


class LegalDocumentIndexPage(BasePage):
    """A unit's "Văn bản pháp luật mới" section: lists its documents with filters."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage", "home.UnitHomePage"]
    subpage_types = ["legal_docs.LegalDocumentPage", "legal_docs.IntroductionMaterialPage"]
    template = "legal_docs/legal_document_index_page.html"
    page_size = 20

    class Meta:
        verbose_name = _("chuyên mục văn bản pháp luật")
        verbose_name_plural = _("chuyên mục văn bản pháp luật")

    def get_context(self, request, *args, **kwargs):
        from legal_docs.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class LegalDocumentPage(BasePage):
    """One legal document (văn bản pháp luật) with its metadata, full text and files."""

    document_number = models.CharField(
        _("số, ký hiệu"), max_length=100, help_text=_("Ví dụ: 43/2025/NĐ-CP, 1575/QĐ-UBND.")
    )
    document_type = models.ForeignKey(
        "legal_docs.DocumentType",
        verbose_name=_("loại văn bản"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuing_body = models.ForeignKey(
        "legal_docs.IssuingBody",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    level = models.CharField(
        _("cấp ban hành"),
        max_length=20,
        choices=DocumentLevel.choices,
        default=DocumentLevel.CENTRAL,
        help_text=_(
            "Văn bản trung ương và cấp tỉnh nằm một lần trong kho dùng chung của tỉnh; "
            "các đơn vị niêm yết văn bản đó thay vì tạo bản sao."
        ),
    )
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức danh người ký"), max_length=255, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expiry_date = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    effect_status = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=20,
        choices=EffectStatus.choices,
        default=EffectStatus.IN_FORCE,
    )
    fields = ParentalManyToManyField(
        "core.LegalField", verbose_name=_("lĩnh vực"), blank=True, related_name="documents"
    )
    summary = models.TextField(_("trích yếu"))
    body = RichTextField(_("toàn văn"), blank=True, features=RICH_TEXT_FEATURES)
    source_url = models.URLField(_("nguồn"), max_length=500, blank=True)

    # Kept in step by save(): the owning unit and the issue year, for filters and facets.
    unit = models.ForeignKey(
        "multisite.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issue_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True, editable=False)
    # The number as compared (core.text.normal_key): one document per number and issuing body.
    number_key = models.CharField(max_length=100, blank=True, editable=False, db_index=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("document_type")]),
                FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
                FieldRowPanel(
                    [FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]
                ),
                FieldPanel("effect_status"),
                FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Thuộc tính văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Tệp đính kèm")),
        FieldPanel("source_url"),
        InlinePanel("relations", label=_("Văn bản liên quan")),
        FieldPanel("listing_summary"),
    ]
    # The title is already searched with a boost by Page.search_fields.
    search_fields = BasePage.search_fields + [
        index.SearchField("document_number", boost=5),
        index.AutocompleteField("document_number"),
        index.FilterField("document_number"),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("signer"),
        index.RelatedFields("document_type", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("issuing_body", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields(
            "fields", [index.SearchField("name"), index.FilterField("id"), index.FilterField("slug")]
        ),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
        index.FilterField("effect_status"),
        index.FilterField("level"),
        index.FilterField("issue_date"),
        index.FilterField("issue_year"),
        index.FilterField("effective_date"),
        index.FilterField("unit"),
    ]
    parent_page_types = ["legal_docs.LegalDocumentIndexPage"]
    subpage_types = []
    template = "legal_docs/legal_document_page.html"

    class Meta:
        verbose_name = _("văn bản pháp luật")
        verbose_name_plural = _("văn bản pháp luật")

    # Search ranking: at equal text relevance a document in force comes
    # before an expired one (read by the search app through search_rank()).
    EFFECT_STATUS_RANK = {
        EffectStatus.IN_FORCE: 1.3,
        EffectStatus.PARTLY_EXPIRED: 1.15,
        EffectStatus.PARTLY_SUSPENDED: 1.1,
        EffectStatus.NOT_YET: 1.05,
        EffectStatus.SUSPENDED: 0.9,
        EffectStatus.EXPIRED: 0.8,
    }

    def search_rank(self):
        """Ranking weight of this document in search (1.0 is neutral)."""
        return self.EFFECT_STATUS_RANK.get(self.effect_status, 1.0)

    def search_identifier(self):
        """What citizens type to find exactly this document: its number."""
        return self.document_number

    def clean(self):
        super().clean()
        self.validate_document()
        self.validate_single_copy()

    def validate_single_copy(self):
        """Refuse a second copy of a document already kept elsewhere (same number
        and issuing body): units list the existing one instead."""
        from legal_docs.repository import find_existing_document

        if not (self.document_number and self.issuing_body_id):
            return
        existing = find_existing_document(self.document_number, self.issuing_body_id, exclude_pk=self.pk)
        if existing is not None:
            raise ValidationError(
                {
                    "document_number": _(
                        "Văn bản số “%(number)s” của cơ quan này đã có tại “%(where)s”. "
                        "Hãy niêm yết văn bản đó (Văn bản niêm yết) thay vì tạo bản sao."
                    )
                    % {
                        "number": self.document_number,
                        "where": (unit_info_for_page(existing) or {}).get("name", ""),
                    }
                }
            )

    def validate_document(self):
        """The document's own rules (its dates in order), by field. ``clean()``
        runs them for the admin; the importer runs them for every line without
        the page's tree checks, which need the page to be in the tree."""
        errors = {}
        if self.effective_date and self.issue_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        if self.expiry_date and self.effective_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = _("Ngày hết hiệu lực không thể trước ngày có hiệu lực.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.issue_year = self.issue_date.year if self.issue_date else None
        self.number_key = normal_key(self.document_number)[:100]
        if self.path:
            self.unit_id = (unit_info_for_page(self) or {}).get("id")
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """The parts below the title are read by the template only when its fragment
        cache (keyed on the version tokens, renewed by any publication) misses."""
        context = super().get_context(request, *args, **kwargs)
        context["fragment_version"] = fragment_version(request)
        context["fragment_seconds"] = fragment_seconds(request, FRAGMENT_SECONDS)
        context["outgoing_relations"] = self.outgoing_relations
        context["incoming_relations"] = self.incoming_relations_display
        context["introduction_materials"] = self.live_introduction_materials
        context["listed_by"] = self.listed_by
        context["attachment_list"] = self.attachment_list
        return context

    def live_introduction_materials(self):
        """Live introduction materials of this document, newest first, with their unit's name."""
        materials = list(
            IntroductionMaterialPage.objects.live().public().filter(document=self).order_by("-date", "-pk")
        )
        for material in materials:
            material.unit_name = (unit_info_for_page(material) or {}).get("name", "")
        return materials

    def attachment_list(self):
        return [a for a in self.attachments.select_related("document") if a.document_id]

    def listed_by(self):
        """Names of the units that list this document in their sections."""
        from legal_docs.repository import listing_units

        return listing_units([self.pk]).get(self.pk, [])

    def outgoing_relations(self):
        """(label, [target pages]) for what this document does to others, live targets only."""
        relations = self.relations.select_related("target").filter(target__live=True)
        return _group_relations(relations, "target", lambda r: OUTGOING_RELATION_LABELS[r.relation_type])

    def incoming_relations_display(self):
        """(inverse label, [source pages]) for live documents that point at this one."""
        relations = (
            LegalDocumentRelation.objects.filter(target=self, page__live=True)
            .select_related("page")
            .order_by("relation_type", "-page__issue_date", "page_id")
        )
        return _group_relations(relations, "page", lambda r: INVERSE_RELATION_LABELS[r.relation_type])


def _group_relations(relations, side, label_for):
    groups = {}
    for relation in relations:
        groups.setdefault(str(label_for(relation)), []).append(getattr(relation, side))
    return list(groups.items())


class LegalDocumentAttachment(Orderable):
    """A file of the document (PDF, DOC, DOCX) from the unit's document library."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def clean(self):
        super().clean()
        if self.document_id:
            self.validate_extension(self.document.file_extension)

    @staticmethod
    def validate_extension(extension):
        """Refuse a file that is not a PDF, DOC or DOCX (``extension`` without the
        dot); the admin checks a chosen document, the importer a file to attach."""
        if extension.lower() not in ATTACHMENT_EXTENSIONS:
            raise ValidationError(
                {"document": _("Chỉ đính kèm tệp PDF, DOC hoặc DOCX.")},
            )


class LegalDocumentRelation(Orderable):
    """A typed link from a document (``page``) to another document (``target``)."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(_("quan hệ"), max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [FieldPanel("relation_type"), PageChooserPanel("target", "legal_docs.LegalDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")

    def clean(self):
        super().clean()
        if self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})


class MaterialType(models.TextChoices):
    INTRODUCTION = "introduction", _("Tài liệu giới thiệu")
    OUTLINE = "outline", _("Đề cương giới thiệu")


class IntroductionMaterialPage(BasePage):
    """Tài liệu / đề cương giới thiệu: explains one document to the public, listed on it."""

    material_type = models.CharField(
        _("loại tài liệu"), max_length=20, choices=MaterialType.choices, default=MaterialType.INTRODUCTION
    )
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    document = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("văn bản được giới thiệu"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="introduction_materials",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("material_type"),
        FieldPanel("date"),
        PageChooserPanel("document", "legal_docs.LegalDocumentPage"),
        FieldPanel("listing_summary"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("material_type"),
        index.FilterField("date"),
        index.FilterField("document"),
    ]
    parent_page_types = ["legal_docs.LegalDocumentIndexPage"]
    subpage_types = []
    template = "legal_docs/introduction_material_page.html"

    class Meta:
        verbose_name = _("tài liệu giới thiệu văn bản")
        verbose_name_plural = _("tài liệu giới thiệu văn bản")

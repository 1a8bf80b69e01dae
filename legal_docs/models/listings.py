"""What a unit lists of the province's shared repository.

A document exists once; a unit's "Văn bản pháp luật mới" section shows its own
documents plus those it lists here, one by one (``DocumentListing``) or by a
rule such as "every central document in these fields" (``DocumentListingRule``).
Nothing is copied: the listing is a query over where the documents live.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from multisite.models import UnitOwned

from .taxonomy import DocumentLevel


class DocumentListing(UnitOwned):
    """One repository document a unit lists in its legal-document section."""

    document = models.ForeignKey(
        "legal_docs.LegalDocumentPage",
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="listings",
    )
    note = models.CharField(
        _("ghi chú"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: lý do niêm yết, kế hoạch triển khai của đơn vị."),
    )
    created_at = models.DateTimeField(_("ngày niêm yết"), default=timezone.now, editable=False)

    panels = [
        FieldPanel("unit"),
        PageChooserPanel("document", "legal_docs.LegalDocumentPage"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("văn bản niêm yết")
        verbose_name_plural = _("văn bản niêm yết")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "document"], name="unique_document_listing"),
        ]

    def __str__(self):
        return str(self.document) if self.document_id else str(_("văn bản niêm yết"))

    def clean(self):
        super().clean()
        if not (self.unit_id and self.document_id):
            return
        if self.document.unit_id == self.unit_id:
            raise ValidationError({"document": _("Văn bản này thuộc chính đơn vị, không cần niêm yết.")})
        duplicate = DocumentListing.objects.filter(unit_id=self.unit_id, document_id=self.document_id)
        if duplicate.exclude(pk=self.pk).exists():
            raise ValidationError({"document": _("Đơn vị đã niêm yết văn bản này.")})


class ListingRuleForm(WagtailAdminModelForm):
    """A rule with no criterion would list the whole repository: refused."""

    def clean(self):
        data = super().clean()
        if not (data.get("level") or data.get("fields") or data.get("document_types")):
            raise ValidationError(
                _("Hãy chọn ít nhất một điều kiện: cấp ban hành, lĩnh vực hoặc loại văn bản.")
            )
        return data


class DocumentListingRule(UnitOwned):
    """Lists every repository document that matches: a level, legal fields,
    document types (each optional, at least one given)."""

    title = models.CharField(_("tên quy tắc"), max_length=255)
    level = models.CharField(_("cấp ban hành"), max_length=20, choices=DocumentLevel.choices, blank=True)
    fields = models.ManyToManyField(
        "core.LegalField", verbose_name=_("lĩnh vực"), blank=True, related_name="+"
    )
    document_types = models.ManyToManyField(
        "legal_docs.DocumentType", verbose_name=_("loại văn bản"), blank=True, related_name="+"
    )

    base_form_class = ListingRuleForm
    panels = [
        FieldPanel("unit"),
        FieldPanel("title"),
        FieldPanel("level"),
        FieldPanel("fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("document_types", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("quy tắc niêm yết văn bản")
        verbose_name_plural = _("quy tắc niêm yết văn bản")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

"""Managed lists that several apps choose from.

They are edited by system administrators only and chosen by every unit, so that
"Đất đai" means the same thing in every unit's documents, filters, registers
and figures. ``LegalField`` lived in the legal documents app until the register
of legal reporters needed it too; its table kept its name when it moved here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyBase(index.Indexed, models.Model):
    """A named, ordered entry of a shared list, with a stable slug for URLs and imports."""

    name = models.CharField(_("tên"), max_length=255, unique=True)
    slug = models.SlugField(_("mã"), max_length=100, unique=True, allow_unicode=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class LegalField(TaxonomyBase):
    """Lĩnh vực: subject field of legal documents and expertise of legal reporters."""

    class Meta(TaxonomyBase.Meta):
        db_table = "legal_docs_legalfield"
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

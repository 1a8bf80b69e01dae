"""Managed lists shared by all units: document types, issuing bodies, fields.

They are edited by system administrators only and chosen by every unit, so that
"Nghị định" or "Đất đai" means the same thing in every unit's documents, filters
and figures (the register of legal reporters uses the same field list).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class EffectStatus(models.TextChoices):
    """Tình trạng hiệu lực: a closed list, as on vbpl.vn."""

    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_EXPIRED = "partly_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")
    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    SUSPENDED = "suspended", _("Ngưng hiệu lực")
    PARTLY_SUSPENDED = "partly_suspended", _("Ngưng hiệu lực một phần")


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


class DocumentType(TaxonomyBase):
    """Loại văn bản (Luật, Nghị định, …); ``abbreviation`` is the short form used in numbers."""

    abbreviation = models.CharField(
        _("viết tắt"), max_length=20, blank=True, help_text=_("Ví dụ: NĐ, TT, QĐ.")
    )

    panels = TaxonomyBase.panels + [FieldPanel("abbreviation")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")


class IssuingBody(TaxonomyBase):
    """Cơ quan ban hành; new ones may be created by imports."""

    abbreviation = models.CharField(_("viết tắt"), max_length=30, blank=True)

    panels = TaxonomyBase.panels + [FieldPanel("abbreviation")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")


class LegalField(TaxonomyBase):
    """Lĩnh vực: subject field of documents and expertise of legal reporters."""

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

"""Managed lists shared by all units: document types and issuing bodies.

They are edited by system administrators only and chosen by every unit, so that
"Nghị định" means the same thing in every unit's documents and filters. The
list of fields (lĩnh vực), which the register of reporters uses too, is
``core.models.LegalField``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.models import TaxonomyBase


class EffectStatus(models.TextChoices):
    """Tình trạng hiệu lực: a closed list, as on vbpl.vn."""

    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_EXPIRED = "partly_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")
    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    SUSPENDED = "suspended", _("Ngưng hiệu lực")
    PARTLY_SUSPENDED = "partly_suspended", _("Ngưng hiệu lực một phần")


class DocumentLevel(models.TextChoices):
    """Cấp ban hành: who issued a document, which decides who owns it. Central
    and provincial documents belong to the province's shared repository (kept
    by the Department of Justice); a district's or commune's own to that unit."""

    CENTRAL = "central", _("Trung ương")
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


# Levels whose documents live once, in the province's repository.
REPOSITORY_LEVELS = (DocumentLevel.CENTRAL, DocumentLevel.PROVINCIAL)


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
    level = models.CharField(
        _("cấp ban hành"),
        max_length=20,
        choices=DocumentLevel.choices,
        blank=True,
        help_text=_("Cấp của văn bản do cơ quan này ban hành, khi nhập văn bản không ghi cấp."),
    )

    panels = TaxonomyBase.panels + [FieldPanel("abbreviation"), FieldPanel("level")]

    class Meta(TaxonomyBase.Meta):
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

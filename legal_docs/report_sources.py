"""Documents and introduction materials that statistics reports are pre-filled
with (core.registries.report_indicator_sources): pages published on the unit's
own site in the period."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registries

from .models import IntroductionMaterialPage, LegalDocumentPage


def _bounds(start, end):
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end, datetime.time.max, tzinfo=zone),
    )


def published(model):
    def count(unit, start, end):
        root = unit.root_page
        if root is None:
            return 0
        return (
            model.objects.live()
            .filter(path__startswith=root.path, first_published_at__range=_bounds(start, end))
            .count()
        )

    return count


def register():
    registries.report_indicator_sources.register(
        registries.IndicatorSource(
            "legal_docs.documents", _("Số văn bản pháp luật được đăng tải"), published(LegalDocumentPage), 20
        )
    )
    registries.report_indicator_sources.register(
        registries.IndicatorSource(
            "legal_docs.materials",
            _("Số tài liệu, đề cương giới thiệu văn bản được đăng tải"),
            published(IntroductionMaterialPage),
            21,
        )
    )

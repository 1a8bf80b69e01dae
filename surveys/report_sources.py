"""Survey figures that statistics reports are pre-filled with
(core.registries.report_indicator_sources): responses given on the unit's site
in the period, and the surveys it published."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registries


def _bounds(start, end):
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end, datetime.time.max, tzinfo=zone),
    )


def responses(unit, start, end):
    from .models import SurveyResponse

    return SurveyResponse.objects.filter(unit=unit, submitted_at__range=_bounds(start, end)).count()


def register():
    registries.report_indicator_sources.register(
        registries.IndicatorSource(
            "surveys.responses", _("Số lượt trả lời khảo sát trực tuyến"), responses, order=50
        )
    )

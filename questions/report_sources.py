"""Questions that statistics reports are pre-filled with
(core.registries.report_indicator_sources): received by the unit and answered
by it in the period."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registries

from .models import Question


def _bounds(start, end):
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end, datetime.time.max, tzinfo=zone),
    )


def received(unit, start, end):
    return Question.objects.filter(unit=unit, created_at__range=_bounds(start, end)).count()


def answered(unit, start, end):
    return Question.objects.filter(unit=unit, answered_at__range=_bounds(start, end)).count()


def register():
    registries.report_indicator_sources.register(
        registries.IndicatorSource("questions.received", _("Số câu hỏi pháp luật tiếp nhận"), received, 40)
    )
    registries.report_indicator_sources.register(
        registries.IndicatorSource("questions.answered", _("Số câu hỏi pháp luật đã trả lời"), answered, 41)
    )

"""Contest figures that statistics reports are pre-filled with
(core.registries.report_indicator_sources): attempts submitted in the unit's
contests in the period, and the people who took them."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registries


def _submitted(unit, start, end):
    from .models import Attempt

    zone = timezone.get_current_timezone()
    return Attempt.objects.filter(
        unit=unit,
        submitted_at__range=(
            datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            datetime.datetime.combine(end, datetime.time.max, tzinfo=zone),
        ),
    )


def attempts(unit, start, end):
    return _submitted(unit, start, end).count()


def contestants(unit, start, end):
    return _submitted(unit, start, end).values("person_key").distinct().count()


def register():
    registries.report_indicator_sources.register(
        registries.IndicatorSource(
            "contests.attempts", _("Số lượt dự thi tìm hiểu pháp luật"), attempts, order=60
        )
    )
    registries.report_indicator_sources.register(
        registries.IndicatorSource(
            "contests.contestants", _("Số người dự thi tìm hiểu pháp luật"), contestants, order=61
        )
    )

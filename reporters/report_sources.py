"""Figures of the register that statistics reports are pre-filled with
(core.registries.report_indicator_sources): one unit's own data."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core import registries

from .models import Activity, ActivityForm, Person, PersonKind, PersonStatus


def people(kind):
    def count(unit, start, end):
        """Recognised by the period's end and not withdrawn."""
        return Person.objects.filter(
            unit=unit,
            kind=kind,
            status__in=(PersonStatus.ACTIVE, PersonStatus.SUSPENDED),
            decision_date__lte=end,
        ).count()

    return count


def activities(form=None):
    def count(unit, start, end):
        queryset = Activity.objects.filter(unit=unit, date__range=(start, end))
        return (queryset.filter(form=form) if form else queryset).count()

    return count


def audience(unit, start, end):
    return Activity.objects.filter(unit=unit, date__range=(start, end)).aggregate(n=Sum("audience"))["n"] or 0


def register():
    sources = [
        registries.IndicatorSource(
            "reporters.reporters", _("Số báo cáo viên pháp luật"), people(PersonKind.REPORTER), 10
        ),
        registries.IndicatorSource(
            "reporters.propagandists",
            _("Số tuyên truyền viên pháp luật"),
            people(PersonKind.PROPAGANDIST),
            11,
        ),
        registries.IndicatorSource(
            "reporters.activities", _("Số hoạt động phổ biến pháp luật"), activities(), 12
        ),
        registries.IndicatorSource("reporters.audience", _("Số lượt người tham dự hoạt động"), audience, 13),
    ]
    sources += [
        registries.IndicatorSource(
            f"reporters.activities.{form.value}",
            _("Số hoạt động: %(form)s") % {"form": form.label},
            activities(form.value),
            14,
        )
        for form in ActivityForm
    ]
    for source in sources:
        registries.report_indicator_sources.register(source)

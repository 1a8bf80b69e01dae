"""Council activities that statistics reports are pre-filled with
(core.registries.report_indicator_sources): the unit's own published pages."""

from django.utils.translation import gettext_lazy as _

from core import registries

from .models import ActivityKind, CouncilActivityPage


def council_activities(kind=None):
    def count(unit, start, end):
        root = unit.root_page
        if root is None:
            return 0
        pages = CouncilActivityPage.objects.live().filter(
            path__startswith=root.path, date__range=(start, end)
        )
        return (pages.filter(kind=kind) if kind else pages).count()

    return count


def register():
    registries.report_indicator_sources.register(
        registries.IndicatorSource(
            "council.activities", _("Số hoạt động của Hội đồng phối hợp"), council_activities(), 30
        )
    )
    for kind in ActivityKind:
        registries.report_indicator_sources.register(
            registries.IndicatorSource(
                f"council.activities.{kind.value}",
                _("Hội đồng phối hợp: %(kind)s") % {"kind": kind.label},
                council_activities(kind.value),
                31,
            )
        )

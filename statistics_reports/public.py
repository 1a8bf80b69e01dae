"""The figures a published period shows on the public "Số liệu thống kê" page:
the indicators marked public, summed over the accepted reports of the unit and
the units below it."""

from multisite.lookup import unit_subtree_ids

from . import services
from .models import ReportingPeriod, ReportStatus


def published_figures_context(unit_info):
    if unit_info is None:
        return None
    unit_ids = unit_subtree_ids(unit_info["id"])
    period = (
        ReportingPeriod.objects.filter(
            published=True, reports__unit_id__in=unit_ids, reports__status=ReportStatus.ACCEPTED
        )
        .select_related("form")
        .order_by("-end", "-pk")
        .first()
    )
    if period is None:
        return None
    indicators = [i for i in period.requested_indicators() if i.public and i.is_numeric]
    if not indicators:
        return None
    rollup = services.rollup(period, unit_ids, statuses=(ReportStatus.ACCEPTED,))
    return {
        "period": period,
        "figures": [
            {"indicator": indicator, "value": services.figure(indicator, rollup.get(indicator.pk))}
            for indicator in indicators
        ],
    }

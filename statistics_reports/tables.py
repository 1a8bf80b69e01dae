"""The figures of a period for one unit and the units below it: the tables,
completeness, trends and charts of the dashboard and the Excel export.

A handful of queries whatever the number of units: the unit tree (one small
query), the period's reports, the values, and one aggregate for the trend."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from multisite.models import Unit

from .models import COUNTED_STATUSES, IndicatorKind, IndicatorValue, ReportingPeriod, UnitReport, is_late

TREND_PERIODS = 8


@dataclass
class Branch:
    """A column of the dashboard: the root unit itself, or one child with everything below it."""

    unit_id: int
    name: str
    own: bool = False
    unit_ids: list = field(default_factory=list)
    expected: int = 0
    counted: int = 0
    figures: dict = field(default_factory=dict)  # indicator id -> figure


def unit_tree():
    """{unit id: (parent id, name, kind)} of every unit: one query."""
    return {
        pk: (parent, name, kind)
        for pk, parent, name, kind in Unit.objects.values_list("pk", "parent_id", "name", "kind")
    }


def children_map(tree):
    children = defaultdict(list)
    for pk, (parent, _name, _kind) in tree.items():
        children[parent].append(pk)
    return children


def walk(children, root_id):
    """``root_id`` and every unit below it."""
    ids, stack = [], [root_id]
    while stack:
        pk = stack.pop()
        ids.append(pk)
        stack.extend(children.get(pk, ()))
    return ids


def combine(indicator, numbers):
    """A sum, or the mean for a percentage; None when nothing was reported."""
    numbers = [n for n in numbers if isinstance(n, Decimal | int)]
    if not numbers:
        return None
    if indicator.kind == IndicatorKind.PERCENTAGE:
        return (sum(numbers) / len(numbers)).quantize(Decimal("0.01"))
    return sum(numbers)


def period_table(period, root_id, allowed_ids=None):
    """Everything the dashboard and the export show for ``period`` under ``root_id``."""
    tree = unit_tree()
    children = children_map(tree)
    ids = walk(children, root_id)
    if allowed_ids is not None:
        ids = [pk for pk in ids if pk in allowed_ids]
    indicators = period.requested_indicators()
    reports = {
        unit_id: (status, submitted_at)
        for unit_id, status, submitted_at in UnitReport.objects.filter(
            period=period, unit_id__in=ids
        ).values_list("unit_id", "status", "submitted_at")
    }
    values = defaultdict(dict)
    for unit_id, indicator_id, number, text in (
        IndicatorValue.objects.filter(
            report__period=period, report__unit_id__in=ids, report__status__in=COUNTED_STATUSES
        )
        .order_by()
        .values_list("report__unit_id", "indicator_id", "number", "text")
    ):
        values[unit_id][indicator_id] = number if number is not None else (text or None)

    branches = [Branch(root_id, tree[root_id][1], own=True, unit_ids=[root_id])]
    for child in sorted(children.get(root_id, ()), key=lambda pk: tree[pk][1]):
        branch_ids = walk(children, child)
        if allowed_ids is not None:
            branch_ids = [pk for pk in branch_ids if pk in allowed_ids]
        branches.append(Branch(child, tree[child][1], unit_ids=branch_ids))
    for branch in branches:
        branch.expected = sum(1 for pk in branch.unit_ids if pk in reports)
        branch.counted = sum(1 for pk in branch.unit_ids if reports.get(pk, ("",))[0] in COUNTED_STATUSES)
        branch.has_children = bool(children.get(branch.unit_id)) and not branch.own
        for indicator in indicators:
            if indicator.is_numeric:
                branch.figures[indicator.pk] = combine(
                    indicator, [values[pk].get(indicator.pk) for pk in branch.unit_ids]
                )
            elif branch.own:
                branch.figures[indicator.pk] = values[root_id].get(indicator.pk, "")
    totals = {
        indicator.pk: combine(indicator, [values[pk].get(indicator.pk) for pk in ids])
        for indicator in indicators
        if indicator.is_numeric
    }
    deadline = period.deadline
    status_rows = sorted(
        (
            {
                "unit_id": pk,
                "name": tree[pk][1],
                "kind": tree[pk][2],
                "status": status,
                "submitted_at": submitted_at,
                "late": is_late(status, submitted_at, deadline),
            }
            for pk, (status, submitted_at) in reports.items()
        ),
        key=lambda row: row["name"],
    )
    return {
        "indicators": indicators,
        "branches": branches,
        "totals": totals,
        "unit_ids": ids,
        "values": values,
        "tree": tree,
        "status_rows": status_rows,
        "expected": len(reports),
        "counted": sum(1 for status, _s in reports.values() if status in COUNTED_STATUSES),
        "missing": [row for row in status_rows if row["status"] not in COUNTED_STATUSES],
        "late": [row for row in status_rows if row["late"]],
    }


def trend(period, indicator, unit_ids):
    """The indicator's figure over the last periods of the same form code and kind
    (oldest first): one aggregate query."""
    periods = list(
        ReportingPeriod.objects.filter(
            form__code=period.form.code, kind=period.kind, end__lte=period.end
        ).order_by("-end", "-pk")[:TREND_PERIODS]
    )[::-1]
    rows = (
        IndicatorValue.objects.filter(
            report__period__in=periods,
            report__unit_id__in=unit_ids,
            report__status__in=COUNTED_STATUSES,
            indicator__code=indicator.code,
            number__isnull=False,
        )
        .order_by()
        .values_list("report__period_id")
        .annotate(total=Sum("number"), n=Count("pk"))
    )
    by_period = {pk: (total, n) for pk, total, n in rows}
    points = []
    for each in periods:
        total, n = by_period.get(each.pk, (None, 0))
        value = None
        if total is not None:
            value = (
                (total / n).quantize(Decimal("0.01")) if indicator.kind == IndicatorKind.PERCENTAGE else total
            )
        points.append({"period": each, "value": value})
    return points


def change(current, previous):
    """(difference, percentage or None) between two figures; None if either is missing."""
    if current is None or previous is None:
        return None
    difference = current - previous
    percent = (difference * 100 / previous).quantize(Decimal("0.1")) if previous else None
    return {"difference": difference, "percent": percent}


# Charts (inline SVG, drawn here, no script) ------------------------------------------

BAR_HEIGHT = 22
LABEL_WIDTH = 220
CHART_WIDTH = 640


def bar_chart(rows):
    """Horizontal bars for [(label, value)]: sizes for the SVG template."""
    numbers = [value for _label, value in rows if value is not None]
    top = max(numbers, default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 80
    bars = []
    for index, (label, value) in enumerate(rows):
        width = float(value / top) * span if value else 0
        bars.append(
            {
                "label": label,
                "value": value,
                "y": index * (BAR_HEIGHT + 6),
                "width": round(max(width, 0), 1),
                "text_x": LABEL_WIDTH + round(max(width, 0), 1) + 6,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(rows) * (BAR_HEIGHT + 6) + 4,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def column_chart(points):
    """Vertical columns for the trend: [{"period", "value"}] oldest first."""
    height, bottom = 180, 30
    numbers = [p["value"] for p in points if p["value"] is not None]
    top = max(numbers, default=0) or 1
    step = CHART_WIDTH / max(len(points), 1)
    columns = []
    for index, point in enumerate(points):
        value = point["value"]
        h = float(value / top) * (height - 20) if value else 0
        columns.append(
            {
                "label": point["period"].title,
                "value": value,
                "x": round(index * step + step * 0.2, 1),
                "width": round(step * 0.6, 1),
                "y": round(height - h, 1),
                "height": round(h, 1),
                "center": round(index * step + step / 2, 1),
            }
        )
    return {"columns": columns, "width": CHART_WIDTH, "height": height + bottom, "base": height}


def status_label(status):
    from .models import ReportStatus

    return ReportStatus(status).label if status else _("Chưa có báo cáo")

"""The figures of a period for one unit and the units below it: the tables,
completeness, trends and charts of the dashboard and the Excel export.

A handful of queries whatever the number of units: the unit tree (one small
query), the period's reports, the values, and one aggregate for the trend."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from core.cache import CacheVersion
from multisite.lookup import UNITS_VERSION
from multisite.models import Unit

from .models import COUNTED_STATUSES, IndicatorKind, IndicatorValue, ReportingPeriod, UnitReport, is_late

TREND_PERIODS = 8
CACHE_SECONDS = 3600


def period_version(period_id):
    """Changes whenever a report of the period changes (services bump it): the
    dashboard's tables are cached under it."""
    return CacheVersion(f"statistics_reports:period:{period_id}")


def cached(name, period_ids, root_id, compute):
    versions = ":".join(period_version(pk).current() for pk in period_ids)
    key = f"statistics_reports:{name}:{'-'.join(map(str, period_ids))}:{root_id}:{versions}:{UNITS_VERSION.current()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


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


def _counted_values(period, unit_ids):
    return IndicatorValue.objects.filter(
        report__period=period, report__unit_id__in=unit_ids, report__status__in=COUNTED_STATUSES
    ).order_by()


def _aggregate(period, unit_ids, group):
    """{group value: {indicator id: (sum, count)}} of the counted numbers: one query."""
    result = defaultdict(dict)
    rows = (
        _counted_values(period, unit_ids)
        .filter(number__isnull=False)
        .values_list(group, "indicator_id")
        .annotate(total=Sum("number"), n=Count("pk"))
    )
    for key, indicator_id, total, n in rows:
        result[key][indicator_id] = (total, n)
    return result


def _add(into, part):
    for indicator_id, (total, n) in part.items():
        before = into.get(indicator_id, (0, 0))
        into[indicator_id] = (before[0] + total, before[1] + n)


def _figure(indicator, pair):
    """The figure of a (sum, count) pair: the sum, or the mean for a percentage."""
    if not pair or not pair[1]:
        return None
    total, n = pair
    if indicator.kind == IndicatorKind.PERCENTAGE:
        return (Decimal(total) / n).quantize(Decimal("0.01"))
    return total


def unit_values(period, unit_ids):
    """{unit id: {indicator id: number or text}} of the counted reports (the export's columns)."""
    values = defaultdict(dict)
    for unit_id, indicator_id, number, text in _counted_values(period, unit_ids).values_list(
        "report__unit_id", "indicator_id", "number", "text"
    ):
        values[unit_id][indicator_id] = number if number is not None else (text or None)
    return values


def cached_period_table(period, root_id):
    return cached("table", [period.pk], root_id, lambda: period_table(period, root_id))


def period_table(period, root_id):
    """Everything the dashboard shows for ``period`` under ``root_id``.

    A column per child of the root sums everything below it without reading
    each unit's values: the values are summed per parent unit in the database
    (one aggregate), and a branch adds up the groups of the units it holds.
    """
    tree = unit_tree()
    children = children_map(tree)
    ids = walk(children, root_id)
    indicators = period.requested_indicators()
    reports = {
        unit_id: (status, submitted_at)
        for unit_id, status, submitted_at in UnitReport.objects.filter(
            period=period, unit_id__in=ids
        ).values_list("unit_id", "status", "submitted_at")
    }
    direct = [root_id] + list(children.get(root_id, ()))
    own = _aggregate(period, direct, "report__unit_id")
    by_parent = _aggregate(period, ids, "report__unit__parent_id")
    root_texts = unit_values(period, [root_id]).get(root_id, {})

    branches = [Branch(root_id, tree[root_id][1], own=True, unit_ids=[root_id])]
    sums = {root_id: dict(own.get(root_id, {}))}
    for child in sorted(children.get(root_id, ()), key=lambda pk: tree[pk][1]):
        branch_ids = walk(children, child)
        branches.append(Branch(child, tree[child][1], unit_ids=branch_ids))
        pairs = dict(own.get(child, {}))
        for unit_id in branch_ids:
            _add(pairs, by_parent.get(unit_id, {}))
        sums[child] = pairs
    below = {}
    for unit_id, pairs in sums.items():
        if unit_id != root_id:
            _add(below, pairs)
    total = dict(below)
    _add(total, sums[root_id])
    for branch in branches:
        branch.expected = sum(1 for pk in branch.unit_ids if pk in reports)
        branch.counted = sum(1 for pk in branch.unit_ids if reports.get(pk, ("",))[0] in COUNTED_STATUSES)
        branch.has_children = bool(children.get(branch.unit_id)) and not branch.own
        for indicator in indicators:
            if indicator.is_numeric:
                branch.figures[indicator.pk] = _figure(indicator, sums[branch.unit_id].get(indicator.pk))
            elif branch.own:
                branch.figures[indicator.pk] = root_texts.get(indicator.pk, "")
    totals = {
        indicator.pk: _figure(indicator, total.get(indicator.pk))
        for indicator in indicators
        if indicator.is_numeric
    }
    children_totals = {
        indicator.pk: _figure(indicator, below.get(indicator.pk))
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
        "children_totals": children_totals,
        "unit_ids": ids,
        "status_rows": status_rows,
        "expected": len(reports),
        "counted": sum(1 for status, _s in reports.values() if status in COUNTED_STATUSES),
        "missing": [row for row in status_rows if row["status"] not in COUNTED_STATUSES],
        "late": [row for row in status_rows if row["late"]],
    }


def period_totals(period, root_id):
    """{indicator code: figure} of ``period`` under ``root_id`` (for the trend against it), cached."""
    return cached("totals", [period.pk], root_id, lambda: _period_totals(period, root_id))


def _period_totals(period, root_id):
    ids = walk(children_map(unit_tree()), root_id)
    pairs = {}
    for part in _aggregate(period, ids, "report__period_id").values():
        _add(pairs, part)
    return {
        indicator.code: _figure(indicator, pairs.get(indicator.pk))
        for indicator in period.requested_indicators()
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
    by_period = cached(
        f"trend-{indicator.code}",
        [p.pk for p in periods],
        unit_ids[0],
        lambda: {pk: (t, n) for pk, t, n in rows},
    )
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

"""Figures of the questions per unit and month, for the statistics reports.

``monthly_figures(unit_ids, since)`` returns one row per unit and month:
questions received, answered, overdue (answered after their deadline, or still
open past it) and the average days from asking to answering. Four grouped
queries whatever the number of units and months.
"""

import datetime

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from multisite.models import Unit

from .models import OPEN_STATUSES, Question, QuestionStatus


def monthly_figures(unit_ids=None, since=None, today=None):
    """[{"unit_id", "unit", "month": date, "received", "answered", "overdue", "average_days"}],
    by unit name then month; ``unit_ids`` None means every unit."""
    today = today or timezone.localdate()
    questions = Question.objects.all()
    if unit_ids is not None:
        questions = questions.filter(unit_id__in=list(unit_ids))
    if since is not None:
        questions = questions.filter(created_at__date__gte=since)
    rows = {}

    def row(unit_id, month):
        key = (unit_id, month.date() if isinstance(month, datetime.datetime) else month)
        return rows.setdefault(
            key,
            {
                "unit_id": unit_id,
                "month": key[1],
                "received": 0,
                "answered": 0,
                "overdue": 0,
                "average_days": None,
            },
        )

    for item in (
        questions.annotate(month=TruncMonth("created_at"))
        .values("unit_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(item["unit_id"], item["month"])["received"] = item["n"]
    answered = questions.filter(status=QuestionStatus.ANSWERED, answered_at__isnull=False)
    for item in (
        answered.annotate(
            month=TruncMonth("answered_at"),
            took=ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField()),
        )
        .values("unit_id", "month")
        .annotate(n=Count("pk"), average=Avg("took"))
        .order_by()
    ):
        target = row(item["unit_id"], item["month"])
        target["answered"] = item["n"]
        average = item["average"]
        target["average_days"] = round(average.total_seconds() / 86400, 1) if average is not None else None
    late = questions.filter(
        Q(status__in=OPEN_STATUSES, deadline__lt=today)
        | Q(answered_at__isnull=False, answered_at__date__gt=F("deadline"))
    )
    for item in (
        late.annotate(month=TruncMonth("created_at"))
        .values("unit_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(item["unit_id"], item["month"])["overdue"] = item["n"]
    names = dict(Unit.objects.filter(pk__in={unit_id for unit_id, _m in rows}).values_list("pk", "name"))
    for value in rows.values():
        value["unit"] = names.get(value["unit_id"], "")
    return sorted(rows.values(), key=lambda r: (r["unit"], r["month"]))


def totals(unit_ids=None, since=None, today=None):
    """The same figures summed over months: {"received", "answered", "overdue", "average_days"}."""
    rows = monthly_figures(unit_ids, since, today)
    answered = sum(r["answered"] for r in rows)
    weighted = sum(r["average_days"] * r["answered"] for r in rows if r["average_days"] is not None)
    return {
        "received": sum(r["received"] for r in rows),
        "answered": answered,
        "overdue": sum(r["overdue"] for r in rows),
        "average_days": round(weighted / answered, 1) if answered else None,
    }

"""Figures of the register: people by kind and field, activities and audience over time.

``figures_for(unit)`` covers the unit and every unit below it (the provincial
portal therefore covers the whole province). A handful of aggregate queries
compute them; the result is cached under a register version that changes
whenever a person, an activity or a unit changes (see signals.py).
"""

import datetime

from django.core.cache import cache
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from core.cache import CacheVersion
from core.models import LegalField
from multisite.lookup import unit_subtree_ids

from .models import Activity, Person, PersonKind, PersonStatus

CACHE_SECONDS = 3600
REGISTER_VERSION = CacheVersion("reporters:register-version")
register_version = REGISTER_VERSION.current
bump_register_version = REGISTER_VERSION.bump


def figures_for(unit):
    """The register's figures for ``unit`` and the units below it, as plain data.

    Returns a dict::

        {"unit": {"id", "code", "name"}, "unit_count": int,
         "people": {"active": int, "by_kind": [{"kind", "label", "count"}],
                    "by_field": [{"field", "slug", "reporter", "propagandist", "total"}]},
         "activities": {"count": int, "audience": int,
                        "by_year": [{"year", "count", "audience"}],
                        "by_month": [{"month": date, "count", "audience"}]}}

    Lists are newest first (years, months) or largest first (fields).
    """
    key = f"reporters:figures:{unit.pk}:{register_version()}"
    figures = cache.get(key)
    if figures is None:
        figures = _compute(unit)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def _compute(unit):
    unit_ids = unit_subtree_ids(unit.pk)
    active = Person.objects.filter(unit_id__in=unit_ids, status=PersonStatus.ACTIVE)

    kind_counts = dict(active.order_by().values_list("kind").annotate(n=Count("pk")))
    by_kind = [
        {"kind": kind.value, "label": str(kind.label), "count": kind_counts.get(kind.value, 0)}
        for kind in PersonKind
    ]

    field_rows = (
        Person.fields.through.objects.filter(person__unit_id__in=unit_ids, person__status=PersonStatus.ACTIVE)
        .order_by()
        .values_list("legalfield_id", "person__kind")
        .annotate(n=Count("pk"))
    )
    per_field = {}
    for field_id, kind, count in field_rows:
        per_field.setdefault(field_id, {})[kind] = count
    # Ties keep the shared list's own order (LegalField.sort_order, then name).
    labels = {
        pk: (name, slug, position)
        for position, (pk, name, slug) in enumerate(
            LegalField.objects.filter(pk__in=per_field).values_list("pk", "name", "slug")
        )
    }
    by_field = [
        row
        for _key, row in sorted(
            (
                (
                    (-sum(counts.values()), labels[field_id][2]),
                    {
                        "field": labels[field_id][0],
                        "slug": labels[field_id][1],
                        "reporter": counts.get(PersonKind.REPORTER, 0),
                        "propagandist": counts.get(PersonKind.PROPAGANDIST, 0),
                        "total": sum(counts.values()),
                    },
                )
                for field_id, counts in per_field.items()
            ),
            key=lambda pair: pair[0],
        )
    ]

    month_rows = (
        Activity.objects.filter(unit_id__in=unit_ids)
        .order_by()
        .annotate(month=TruncMonth("date"))
        .values_list("month")
        .annotate(n=Count("pk"), audience=Sum("audience"))
    )
    by_month = sorted(
        (
            {"month": _as_date(month), "count": count, "audience": audience or 0}
            for month, count, audience in month_rows
        ),
        key=lambda row: row["month"],
        reverse=True,
    )
    years = {}
    for row in by_month:
        year = years.setdefault(row["month"].year, {"year": row["month"].year, "count": 0, "audience": 0})
        year["count"] += row["count"]
        year["audience"] += row["audience"]
    by_year = sorted(years.values(), key=lambda row: row["year"], reverse=True)

    return {
        "unit": {"id": unit.pk, "code": unit.code, "name": unit.name},
        "unit_count": len(unit_ids),
        "people": {"active": sum(kind_counts.values()), "by_kind": by_kind, "by_field": by_field},
        "activities": {
            "count": sum(row["count"] for row in by_year),
            "audience": sum(row["audience"] for row in by_year),
            "by_year": by_year,
            "by_month": by_month,
        },
    }


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value

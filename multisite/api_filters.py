"""Filters of the open API (core.registries.ApiFilter) that several collections share."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from core.registries import ApiFilter

from .lookup import unit_root_paths
from .models import Unit


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(_("“%(value)s” không phải ngày hợp lệ (YYYY-MM-DD)") % {"value": value}) from error


def date_range(field, label):
    """``<field>_from`` and ``<field>_to`` (YYYY-MM-DD, inclusive)."""
    return (
        ApiFilter(
            f"{field}_from",
            _("%(label)s từ ngày (YYYY-MM-DD)") % {"label": label},
            lambda qs, value: qs.filter(**{f"{field}__gte": parse_date(value)}),
            "date",
        ),
        ApiFilter(
            f"{field}_to",
            _("%(label)s đến ngày (YYYY-MM-DD)") % {"label": label},
            lambda qs, value: qs.filter(**{f"{field}__lte": parse_date(value)}),
            "date",
        ),
    )


def unit_by_code(code):
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ValueError(_("không có đơn vị mã “%(code)s”") % {"code": code})
    return unit


def pages_of_unit(queryset, code):
    """Pages on the unit's site, and with ``?unit=`` of a district, its communes' too."""
    unit = unit_by_code(code)
    condition = Q(pk__in=[])
    for path in unit_root_paths(unit.pk):
        condition |= Q(path__startswith=path)
    return queryset.filter(condition)


UNIT_PAGES = ApiFilter("unit", _("Mã đơn vị: nội dung của đơn vị và các đơn vị trực thuộc"), pages_of_unit)

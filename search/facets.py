"""The facets search offers, declared once for every page type.

A facet reads a conventional attribute from the (specific) page: any page type
that has ``document_type``, ``issuing_body``, ``fields``, ``effect_status``,
``issue_date``/``date`` gets the matching facet without the search code naming
it. Values are stored as display labels, so the same string is indexed, counted,
shown and used as the filter value in URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from multisite.lookup import ROOT_PATH_LENGTH
from multisite.models import Unit


def _label(value):
    """A display label for an attribute value: model instance, choice or plain value."""
    if value is None or value == "":
        return None
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def attribute(name):
    def get(obj):
        if not hasattr(obj, name):
            return []
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if callable(display) else getattr(obj, name)
        label = _label(value)
        return [label] if label else []

    return get


def many(name):
    def get(obj):
        manager = getattr(obj, name, None)
        if manager is None or not hasattr(manager, "all") or obj.pk is None:
            return []
        return [str(item) for item in manager.all()]

    return get


DATE_ATTRIBUTES = ("issue_date", "date", "first_published_at")


def year(obj):
    for name in DATE_ATTRIBUTES:
        value = getattr(obj, name, None)
        if value:
            return [str(value.year)]
    return []


def content_type(obj):
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return []
    name = str(meta.verbose_name)
    return [name[:1].upper() + name[1:]]


def unit(obj):
    """The owning unit's name, read from the database.

    Not through multisite.lookup's cache: pages are indexed while a unit is being
    provisioned, before its site exists, and caching that state would hide the
    unit from every lookup until the cache expires.
    """
    path = getattr(obj, "path", None)
    if not path:
        return []
    prefix = path[:ROOT_PATH_LENGTH]
    name = _unit_names.get(prefix)
    if name is None:
        name = Unit.objects.filter(site__root_page__path=prefix).values_list("name", flat=True).first()
        if name is None:
            return []
        _unit_names[prefix] = name
    return [name]


# Unit names by root path, for bulk indexing; cleared when a unit or site changes.
_unit_names = {}


def forget_unit_names(**kwargs):
    _unit_names.clear()


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: Callable
    order: str = "count"  # "count" (most first) or "key_desc" (years: newest first)


FACETS = [
    Facet("content_type", _("Loại nội dung"), content_type),
    Facet("document_type", _("Loại văn bản"), attribute("document_type")),
    Facet("issuing_body", _("Cơ quan ban hành"), attribute("issuing_body")),
    Facet("field", _("Lĩnh vực"), many("fields")),
    Facet("year", _("Năm"), year, order="key_desc"),
    Facet("effect_status", _("Tình trạng hiệu lực"), attribute("effect_status")),
    Facet("unit", _("Đơn vị"), unit),
]
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}

# Ranking weight by effect status (value of an ``effect_status`` attribute):
# at equal text relevance a document in force comes before an expired one.
EFFECT_STATUS_WEIGHTS = {
    "in_force": 1.3,
    "partly_expired": 1.15,
    "partly_suspended": 1.1,
    "not_yet": 1.05,
    "suspended": 0.9,
    "expired": 0.8,
}

SUMMARY_ATTRIBUTES = ("summary", "listing_summary", "search_description")


def summary_text(obj):
    """The page's short description, whichever attribute its type uses."""
    for name in SUMMARY_ATTRIBUTES:
        value = getattr(obj, name, None)
        if value:
            return str(value)
    return ""


def rank_weight(obj):
    status = getattr(obj, "effect_status", None)
    status = getattr(status, "value", status)
    if isinstance(status, models.Model):
        status = getattr(status, "slug", str(status))
    return EFFECT_STATUS_WEIGHTS.get(status, 1.0)


def document_number(obj):
    return str(getattr(obj, "document_number", "") or "")


def facet_values(obj):
    """``{facet key: [labels]}`` for one object."""
    return {facet.key: facet.values(obj) for facet in FACETS}

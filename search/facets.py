"""The facets search offers and what content declares to rank and identify itself.

Facets are declared in ``core.registries.search_facets``: search declares the
ones every page has (content type, year, unit), feature apps add their own with
the helpers below (``attribute``, ``many``). Values are stored as display
labels, so the same string is indexed, counted, shown and used as the filter
value in URLs. A page type may also define ``search_rank()`` (a ranking weight,
1.0 neutral) and ``search_identifier()`` (a code citizens type to find exactly
that page, such as a document number).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.registries import SearchFacet, search_facets
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


# The facets of every page; feature apps register theirs between these.
OWN_FACETS = (
    SearchFacet("content_type", _("Loại nội dung"), content_type, order=10),
    SearchFacet("year", _("Năm"), year, order=50, sort="key_desc"),
    SearchFacet("unit", _("Đơn vị"), unit, order=70),
)


SUMMARY_ATTRIBUTES = ("summary", "listing_summary", "search_description")


def summary_text(obj):
    """The page's short description, whichever attribute its type uses."""
    for name in SUMMARY_ATTRIBUTES:
        value = getattr(obj, name, None)
        if value:
            return str(value)
    return ""


def rank_weight(obj):
    """The page's ranking weight, if its type declares one (``search_rank()``)."""
    rank = getattr(obj, "search_rank", None)
    return float(rank()) if callable(rank) else 1.0


def document_number(obj):
    """The code that identifies the page exactly, if its type declares one (``search_identifier()``)."""
    identifier = getattr(obj, "search_identifier", None)
    return str((identifier() if callable(identifier) else "") or "")


def facet_values(obj):
    """``{facet key: [labels]}`` for one object."""
    return {facet.key: facet.values(obj) for facet in search_facets}

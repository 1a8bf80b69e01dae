"""Rolled up the tree (issue 12, part 5): a unit's pages together with those of
every unit below it, queried where they live — nothing is copied.

Every unit's root page sits directly under the tree root, so a district's
communes are not tree descendants of the district's root page; the unit tree
(``multisite.lookup``) says which root pages belong together.
"""

from multisite.lookup import unit_info_for_page, unit_root_paths, units_below
from multisite.models import UnitKind


def rolled_up_roots(page):
    """The root pages' paths of ``page``'s unit and of every unit below it
    (just ``page``'s own root when it belongs to no unit)."""
    info = unit_info_for_page(page)
    if info is None:
        return [page.path]
    return unit_root_paths(info["id"]) or [page.path]


def unit_groups_below(page):
    """The units below ``page``'s unit, grouped by kind (departments, districts,
    communes): a list of {"kind", "label", "units"}, empty for a unit with none."""
    info = unit_info_for_page(page)
    if info is None:
        return []
    units = units_below(info["id"])
    groups = []
    for kind in (UnitKind.DEPARTMENT, UnitKind.DISTRICT, UnitKind.COMMUNE):
        members = [unit for unit in units if unit["kind"] == kind]
        if members:
            groups.append({"kind": str(kind), "label": kind.label, "units": members})
    return groups


# The whole province's view of a section ----------------------------------------

SCOPE_PARAM = "pham-vi"
SCOPE_PROVINCE = "ca-tinh"
UNIT_PARAM = "don-vi"


def offers_province_view(page):
    """Whether ``page`` is on the provincial portal (whose sections have a
    "whole province" view); no query."""
    info = unit_info_for_page(page)
    return info is not None and info["kind"] == UnitKind.PROVINCE


def same_key_sections(page):
    """(unit id, path, depth) of every unit's section with the same key as
    ``page`` (multisite.models.UnitSection), in one query; empty when ``page``
    is no unit's mandatory section."""
    from multisite.models import UnitSection

    return list(
        UnitSection.objects.filter(key__in=UnitSection.objects.filter(page_id=page.pk).values("key"))
        .order_by()
        .values_list("unit_id", "page__path", "page__depth")
    )


def province_listing(page, request, exclude_model):
    """The children of every unit's section with ``page``'s key, newest first, and
    the unit facet: (queryset, facet, selected unit code), or None when ``page``
    is no unit's mandatory section. Four queries however many units there are:
    the sections, the grouped counts, then the paginator's count and page."""
    from django.db.models import Count, Q
    from django.db.models.functions import Substr
    from wagtail.models import Page

    from multisite.lookup import ROOT_PATH_LENGTH, unit_info_for_path

    sections = same_key_sections(page)
    if not sections:
        return None

    def children_of(rows):
        condition = Q(pk__in=[])
        for _unit_id, path, depth in rows:
            condition |= Q(path__startswith=path, depth=depth + 1)
        return Page.objects.live().public().filter(condition).not_type(exclude_model)

    counts = (
        children_of(sections)
        .annotate(unit_path=Substr("path", 1, ROOT_PATH_LENGTH))
        .order_by()
        .values("unit_path")
        .annotate(count=Count("pk"))
    )
    selected = request.GET.get(UNIT_PARAM, "")
    facet = []
    for row in counts:
        info = unit_info_for_path(row["unit_path"])
        if info is not None:
            facet.append({**info, "count": row["count"], "selected": info["code"] == selected})
    facet.sort(key=lambda unit: (-unit["count"], unit["name"]))

    chosen = next((unit for unit in facet if unit["selected"]), None)
    rows = [row for row in sections if chosen is None or row[0] == chosen["id"]]
    pages = children_of(rows).specific().order_by("-first_published_at", "-pk")
    return pages, facet, chosen["code"] if chosen else ""

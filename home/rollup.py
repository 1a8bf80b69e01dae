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


def _children_of(rows, exclude_model):
    """Live public children of the sections ``rows`` ((unit id, path, depth)),
    minus sub-sections: one ``IN`` over a path prefix per section depth (a hash
    lookup per page) rather than one ``LIKE`` per section, which a province of
    hundreds of units would turn into hundreds of pattern matches per row."""
    from django.db.models import Q
    from django.db.models.functions import Substr
    from wagtail.models import Page

    by_depth = {}
    for _unit_id, path, depth in rows:
        by_depth.setdefault(depth, []).append(path)
    pages = Page.objects.live().public().not_type(exclude_model)
    condition = Q(pk__in=[])
    for depth, paths in sorted(by_depth.items()):
        prefix = f"prefix_{depth}"
        pages = pages.alias(**{prefix: Substr("path", 1, len(paths[0]))})
        condition |= Q(depth=depth + 1, **{f"{prefix}__in": paths})
    return pages.filter(condition)


def province_listing(page, request, exclude_model, page_size=20):
    """The children of every unit's section with ``page``'s key, newest shown
    date first (home.ordering), and
    the unit facet: (paginator page, facet, selected unit code), or None when
    ``page`` is no unit's mandatory section. The facet, the count and the ids of
    the requested page are cached under the content version (any publication
    anywhere renews them); the pages themselves are then read by id."""
    from django.core.cache import cache
    from django.db.models import Count
    from django.db.models.functions import Substr
    from wagtail.models import Page

    from core.cache import content_version
    from core.paging import in_order, last_page, page_number, window_page
    from home.ordering import by_shown_date
    from multisite.lookup import ROOT_PATH_LENGTH, unit_info_for_path

    selected = request.GET.get(UNIT_PARAM, "")
    number = page_number(request.GET.get("trang"))
    key = f"home:province-listing:{page.pk}:{selected[:64]}:{number}:{page_size}:{content_version()}"
    cached = cache.get(key)
    if cached is None:
        sections = same_key_sections(page)
        if not sections:
            return None
        counts = (
            _children_of(sections, exclude_model)
            .annotate(unit_path=Substr("path", 1, ROOT_PATH_LENGTH))
            .order_by()
            .values("unit_path")
            .annotate(count=Count("pk"))
        )
        facet = []
        for row in counts:
            info = unit_info_for_path(row["unit_path"])
            if info is not None:
                facet.append({**info, "count": row["count"], "selected": info["code"] == selected})
        facet.sort(key=lambda unit: (-unit["count"], unit["name"]))
        chosen = next((unit for unit in facet if unit["selected"]), None)
        rows = [row for row in sections if chosen is None or row[0] == chosen["id"]]
        total = sum(unit["count"] for unit in facet if chosen is None or unit is chosen)
        number = min(number, last_page(total, page_size))
        ids = list(
            by_shown_date(_children_of(rows, exclude_model)).values_list("pk", flat=True)[
                (number - 1) * page_size : number * page_size
            ]
        )
        cached = (facet, chosen["code"] if chosen else "", total, number, ids)
        cache.set(key, cached, 600)
    facet, chosen_code, total, number, ids = cached
    children = window_page(in_order(Page.objects.specific(), ids), total, number, page_size)
    return children, facet, chosen_code

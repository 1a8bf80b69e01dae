"""What the bookcase lists: a unit's publications (wherever on its site they
are), or on the portal the whole province's, by shelf and by unit."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import Substr

from home import rollup
from multisite.lookup import ROOT_PATH_LENGTH, unit_info_for_path

from .downloads import download_counts
from .models import Category, PublicationPage


def publications(page, province):
    """The live public publications the bookcase ``page`` shelves."""
    pages = PublicationPage.objects.live().public()
    if not province:
        pages = pages.descendant_of(page.get_parent())
    return pages


def unit_facet(pages, selected):
    facet = []
    counts = (
        pages.annotate(unit_path=Substr("path", 1, ROOT_PATH_LENGTH))
        .order_by()
        .values("unit_path")
        .annotate(count=Count("pk"))
    )
    for row in counts:
        info = unit_info_for_path(row["unit_path"])
        if info is not None:
            facet.append(
                {
                    **info,
                    "path": row["unit_path"],
                    "count": row["count"],
                    "selected": info["code"] == selected,
                }
            )
    facet.sort(key=lambda unit: (-unit["count"], unit["name"]))
    return facet


def bookcase_listing(page, request):
    """The bookcase's context: shelves (with counts), the unit facet on the
    province view, and a page of publications with their covers and download
    counts, in a fixed number of queries."""
    province = (
        rollup.offers_province_view(page) and request.GET.get(rollup.SCOPE_PARAM) == rollup.SCOPE_PROVINCE
    )
    pages = publications(page, province)
    units, chosen_unit = [], None
    if province:
        selected = request.GET.get(rollup.UNIT_PARAM, "")[:64]
        units = unit_facet(pages, selected)
        chosen_unit = next((unit for unit in units if unit["selected"]), None)
        if chosen_unit is not None:
            pages = pages.filter(path__startswith=chosen_unit["path"])
    category = request.GET.get(page.CATEGORY_PARAM, "")
    if category not in Category.values:
        category = ""
    counts = dict(pages.order_by().values_list("category").annotate(count=Count("pk")))
    shelves = [
        {"value": value, "label": label, "count": counts.get(value, 0), "selected": value == category}
        for value, label in Category.choices
    ]
    if category:
        pages = pages.filter(category=category)
    pages = pages.select_related("cover", "pdf__pdf_rendering").order_by("-date", "-pk")
    items = Paginator(pages, page.page_size).get_page(request.GET.get("trang"))
    downloads = download_counts([item.pk for item in items])
    for item in items:
        item.downloads = downloads.get(item.pk, 0)
    return {
        "items": items,
        "shelves": shelves,
        "selected_category": category,
        "province_view": province,
        "offers_province_view": rollup.offers_province_view(page),
        "unit_facet": units,
        "selected_unit": chosen_unit["code"] if chosen_unit else "",
        "total": sum(counts.values()),
    }

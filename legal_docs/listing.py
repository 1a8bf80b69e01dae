"""The filtered, counted and paginated listing of a legal-document section.

Filters live in the URL as plain GET parameters (``loai``, ``coquan``,
``linhvuc``, ``nam``, ``hieuluc``, ``sapxep``, ``trang``), so a filtered list
works without JavaScript, can be shared and survives the back button. The
count shown beside each value is computed by the database with one grouped
query per filter, applying every other active filter (the usual faceted
behaviour), so the number of queries does not grow with the number of
documents.
"""

import hashlib

import django_filters
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.cache import content_version
from core.paging import LazyList, in_order, last_page, page_number, window_page

from .models import (
    DocumentType,
    EffectStatus,
    IntroductionMaterialPage,
    IssuingBody,
    LegalDocumentPage,
    LegalField,
)
from .repository import LISTINGS_VERSION, section_documents

SORTS = {
    "ngay": ("-issue_date", "-pk"),
    "ten": ("title", "pk"),
}
DEFAULT_SORT = "ngay"
SORT_LABELS = {"ngay": _("Ngày ban hành (mới nhất)"), "ten": _("Tên văn bản (A–Z)")}


class LegalDocumentFilterSet(django_filters.FilterSet):
    """Validates the GET parameters; an invalid value is ignored, never an error page."""

    loai = django_filters.ModelChoiceFilter(
        field_name="document_type", to_field_name="slug", queryset=DocumentType.objects.all()
    )
    coquan = django_filters.ModelChoiceFilter(
        field_name="issuing_body", to_field_name="slug", queryset=IssuingBody.objects.all()
    )
    linhvuc = django_filters.ModelChoiceFilter(
        field_name="fields", to_field_name="slug", queryset=LegalField.objects.all()
    )
    nam = django_filters.NumberFilter(field_name="issue_year")
    hieuluc = django_filters.ChoiceFilter(field_name="effect_status", choices=EffectStatus.choices)

    class Meta:
        model = LegalDocumentPage
        fields = []


# Per filter: the values() columns that identify and label a value, and its order.
FACETS = (
    ("loai", _("Loại văn bản"), ("document_type__slug", "document_type__name"), "document_type__sort_order"),
    (
        "coquan",
        _("Cơ quan ban hành"),
        ("issuing_body__slug", "issuing_body__name"),
        "issuing_body__sort_order",
    ),
    ("linhvuc", _("Lĩnh vực"), ("fields__slug", "fields__name"), "fields__sort_order"),
    ("nam", _("Năm ban hành"), ("issue_year",), "-issue_year"),
    ("hieuluc", _("Tình trạng hiệu lực"), ("effect_status",), "effect_status"),
)


def _active_filters(filterset):
    filterset.is_valid()
    data = getattr(filterset.form, "cleaned_data", {})
    return {name: value for name, value in data.items() if value not in (None, "")}


def _apply(filterset, queryset, active, skip=None):
    for name, value in active.items():
        if name != skip:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


def _label_without_match(columns, selected, status_labels):
    """The name of a chosen value that no document matches ("Luật (0)", not "luat (0)")."""
    if len(columns) < 2:
        return str(status_labels.get(selected, selected))
    relation, key = columns[0].split("__")
    label_field = columns[1].split("__")[1]
    model = LegalDocumentPage._meta.get_field(relation).related_model
    name = model.objects.filter(**{key: selected}).values_list(label_field, flat=True).first()
    return str(name or selected)


def _facet(name, label, columns, order, queryset, selected):
    """One grouped query: [{value, label, count, selected}] for one filter."""
    rows = (
        queryset.order_by()
        .values(*columns)
        .annotate(count=Count("pk", distinct=True))
        .order_by(order, *columns)
    )
    choices = []
    status_labels = dict(EffectStatus.choices)
    for row in rows:
        value = row[columns[0]]
        if value is None:
            continue
        if name == "hieuluc":
            text = status_labels.get(value, value)
        else:
            text = row[columns[-1]]
        choices.append(
            {
                "value": str(value),
                "label": str(text),
                "count": row["count"],
                "selected": str(value) == selected,
            }
        )
    if selected and not any(choice["selected"] for choice in choices):
        label = _label_without_match(columns, selected, status_labels)
        choices.append({"value": selected, "label": label, "count": 0, "selected": True})
    return {"name": name, "label": label, "choices": choices}


def _selected_value(name, value):
    if value is None:
        return ""
    if hasattr(value, "slug"):
        return value.slug
    if isinstance(value, float):
        return str(int(value))
    return str(value)


def listing_context(index_page, request):
    """Context for the section's template: facets with counts, the sorted page of
    documents. The facets, the count and the page's ids are cached under the
    content and listings versions (a publication or a listing change renews
    them); the page's documents are then read by id in one query."""
    base = section_documents(index_page)
    filterset = LegalDocumentFilterSet(request.GET or None, queryset=base)
    active = _active_filters(filterset)
    selected = {name: _selected_value(name, value) for name, value in active.items()}
    sort = request.GET.get("sapxep")
    if sort not in SORTS:
        sort = DEFAULT_SORT
    number = page_number(request.GET.get("trang"))
    size = index_page.page_size
    filters_key = "&".join(f"{name}={value}" for name, value in sorted(selected.items()))
    key = ":".join(
        [
            "legal_docs:listing",
            str(index_page.pk),
            hashlib.sha256(filters_key.encode()).hexdigest()[:16],
            sort,
            str(number),
            content_version(),
            LISTINGS_VERSION.current(),
        ]
    )
    cached = cache.get(key)
    if cached is None:
        facets = [
            _facet(
                name,
                label,
                columns,
                order,
                _apply(filterset, base, active, skip=name),
                selected.get(name, ""),
            )
            for name, label, columns, order in FACETS
        ]
        for facet in facets:
            facet["label"] = str(facet["label"])
        matching = _apply(filterset, base, active).order_by(*SORTS[sort])
        total = matching.count()
        number = min(number, last_page(total, size))
        ids = list(matching.values_list("pk", flat=True)[(number - 1) * size : number * size])
        cached = (facets, total, number, ids)
        cache.set(key, cached, 600)
    facets, total, number, ids = cached
    documents = LegalDocumentPage.objects.select_related("document_type", "issuing_body").only(
        "id",
        "title",
        "path",
        "url_path",
        "depth",
        "locale_id",
        "document_number",
        "document_type__name",
        "issuing_body__name",
        "issue_date",
        "effective_date",
        "effect_status",
        "summary",
    )

    def page_documents():
        found = in_order(documents, ids)
        for document in found:
            document.is_listed = not document.path.startswith(index_page.path)
        return found

    page_obj = window_page(LazyList(page_documents), total, number, size)
    return {
        # The rendered filters and list are cached under the same key as their data.
        "listing_key": key,
        "fragment_seconds": 600,
        "facets": facets,
        "documents": page_obj,
        "active_filters": selected,
        "sort": sort,
        "sorts": [
            {"value": value, "label": label, "selected": value == sort}
            for value, label in SORT_LABELS.items()
        ],
        "introduction_materials": IntroductionMaterialPage.objects.child_of(index_page)
        .live()
        .public()
        .order_by("-date", "-pk")[:5],
    }

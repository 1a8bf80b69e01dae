"""Legal documents and introduction materials as collections of the open API."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.rich_text import expand_db_html

from core import registries
from multisite.api_filters import UNIT_PAGES, date_range, unit_by_code
from multisite.lookup import unit_info_for_page

from .models import (
    DocumentLevel,
    EffectStatus,
    IntroductionMaterialPage,
    LegalDocumentPage,
    LegalDocumentRelation,
)


def _iso(value):
    return value.isoformat() if value else None


def documents(request):
    return (
        LegalDocumentPage.objects.live()
        .public()
        .select_related("document_type", "issuing_body")
        .prefetch_related(
            "fields",
            Prefetch(
                "relations",
                LegalDocumentRelation.objects.filter(target__live=True).select_related("target"),
            ),
            Prefetch(
                "incoming_relations",
                LegalDocumentRelation.objects.filter(page__live=True).select_related("page"),
            ),
        )
    )


def prepare_documents(pages, request):
    """The units that list each document, for the whole page of results at once."""
    from multisite.models import Unit

    from .repository import listing_unit_ids

    listers = listing_unit_ids(page.pk for page in pages)
    codes = dict(
        Unit.objects.filter(pk__in={u for ids in listers.values() for u in ids}).values_list("pk", "code")
    )
    for page in pages:
        page.api_listed_by = sorted(codes[u] for u in listers.get(page.pk, []) if u in codes)


def serialize_document(page, request):
    relations = [
        {
            "type": relation.relation_type,
            "direction": "outgoing",
            "number": relation.target.document_number,
            "title": relation.target.title,
            "url": relation.target.get_full_url(request),
        }
        for relation in page.relations.all()
    ] + [
        {
            "type": relation.relation_type,
            "direction": "incoming",
            "number": relation.page.document_number,
            "title": relation.page.title,
            "url": relation.page.get_full_url(request),
        }
        for relation in page.incoming_relations.all()
    ]
    return {
        "id": page.pk,
        "url": page.get_full_url(request),
        "number": page.document_number,
        "title": page.title,
        "type": page.document_type.name,
        "issuing_body": page.issuing_body.name,
        "level": page.level,
        "signer": page.signer,
        "signer_title": page.signer_title,
        "issue_date": page.issue_date.isoformat(),
        "effective_date": _iso(page.effective_date),
        "expiry_date": _iso(page.expiry_date),
        "effect_status": page.effect_status,
        "fields": [field.name for field in page.fields.all()],
        "summary": page.summary,
        "source_url": page.source_url,
        "unit": (unit_info_for_page(page) or {}).get("code"),
        "listed_by": getattr(page, "api_listed_by", []),
        "relations": relations,
        "last_published_at": _iso(page.last_published_at),
    }


def full_document(page, request):
    """The full text, for a detail answer and a sync (``include=body``)."""
    return {"body_html": expand_db_html(page.body)}


def _shown_by_unit(queryset, code):
    """Documents the unit's section shows: its own and those it lists."""
    from .repository import section_documents, unit_section

    section = unit_section(unit_by_code(code))
    if section is None:
        return queryset.none()
    return queryset.filter(pk__in=section_documents(section).values("pk"))


def _choice(field, choices, label):
    def apply(queryset, value):
        if value not in choices:
            raise ValueError(
                _("%(label)s phải là một trong: %(values)s") % {"label": label, "values": ", ".join(choices)}
            )
        return queryset.filter(**{field: value})

    return apply


def _year(queryset, value):
    if not value.isdigit() or not 1900 <= int(value) <= 2100:
        raise ValueError(_("year phải là năm, ví dụ 2024"))
    return queryset.filter(issue_year=int(value))


ApiFilter = registries.ApiFilter
DOCUMENT_FILTERS = (
    ApiFilter(
        "unit", gettext_lazy("Mã đơn vị: văn bản của đơn vị và văn bản đơn vị niêm yết"), _shown_by_unit
    ),
    ApiFilter("field", gettext_lazy("Lĩnh vực (slug)"), lambda qs, v: qs.filter(fields__slug=v)),
    ApiFilter("type", gettext_lazy("Loại văn bản (slug)"), lambda qs, v: qs.filter(document_type__slug=v)),
    ApiFilter(
        "issuing_body", gettext_lazy("Cơ quan ban hành (slug)"), lambda qs, v: qs.filter(issuing_body__slug=v)
    ),
    ApiFilter("level", gettext_lazy("Cấp ban hành"), _choice("level", DocumentLevel.values, "level")),
    ApiFilter(
        "status", gettext_lazy("Tình trạng hiệu lực"), _choice("effect_status", EffectStatus.values, "status")
    ),
    ApiFilter("year", gettext_lazy("Năm ban hành"), _year, "integer"),
    *date_range("issue_date", gettext_lazy("Ngày ban hành")),
)


def materials(request):
    return IntroductionMaterialPage.objects.live().public().select_related("document")


def serialize_material(page, request):
    document = page.document if page.document_id and page.document.live else None
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_full_url(request),
        "unit": (unit_info_for_page(page) or {}).get("code"),
        "material_type": page.material_type,
        "date": page.date.isoformat(),
        "summary": page.listing_summary,
        "document": {
            "id": document.pk,
            "number": document.document_number,
            "url": document.get_full_url(request),
        }
        if document
        else None,
        "last_published_at": _iso(page.last_published_at),
    }


def register():
    registries.api_resources.register(
        registries.ApiResource(
            "legal-documents",
            gettext_lazy("Văn bản pháp luật"),
            "legal_document",
            documents,
            serialize_document,
            filters=DOCUMENT_FILTERS,
            ordering=("-issue_date", "-pk"),
            modified="last_published_at",
            order=20,
            prepare=prepare_documents,
            full=full_document,
        )
    )
    registries.api_resources.register(
        registries.ApiResource(
            "introduction-materials",
            gettext_lazy("Tài liệu giới thiệu văn bản"),
            "introduction_material",
            materials,
            serialize_material,
            filters=(UNIT_PAGES, *date_range("date", gettext_lazy("Ngày đăng"))),
            ordering=("-date", "-pk"),
            modified="last_published_at",
            order=30,
        )
    )

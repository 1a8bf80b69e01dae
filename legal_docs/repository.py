"""The province's shared legal-document repository and what each unit lists of it.

A document lives once: central and provincial documents in the province's
"Văn bản pháp luật mới" section (the repository, kept by the Department of
Justice), a district's or commune's own documents in that unit's section.
A unit's section shows its own documents and those it lists (one by one or by
rules); the site search of a unit finds them too, and every hit names the units
that list it. Nothing here copies a page: these are queries, cached under the
content version and the listings version.
"""

from django.core.cache import cache
from django.db.models import Q

from core.cache import CacheVersion, content_version
from core.text import normal_key
from multisite.lookup import unit_info_for_page, unit_names
from multisite.models import UnitKind, UnitSection

from .models import (
    REPOSITORY_LEVELS,
    DocumentLevel,
    DocumentListing,
    DocumentListingRule,
    LegalDocumentIndexPage,
    LegalDocumentPage,
)

SECTION_KEY = "legal_documents"
CACHE_SECONDS = 3600

# Changes whenever a listing or a listing rule is saved or deleted (signals.py).
LISTINGS_VERSION = CacheVersion("legal_docs:listings-version")

# The level of a unit's own documents when neither the line nor the issuing body says.
LEVEL_OF_UNIT_KIND = {
    UnitKind.PROVINCE: DocumentLevel.PROVINCIAL,
    UnitKind.DEPARTMENT: DocumentLevel.PROVINCIAL,
    UnitKind.DISTRICT: DocumentLevel.DISTRICT,
    UnitKind.COMMUNE: DocumentLevel.COMMUNE,
}


def _versioned(name, *parts):
    return ":".join(["legal_docs", name, content_version(), LISTINGS_VERSION.current(), *map(str, parts)])


def repository_section():
    """The repository: the province's legal-document section (None before it exists)."""
    section = (
        UnitSection.objects.filter(unit__kind=UnitKind.PROVINCE, key=SECTION_KEY)
        .select_related("page")
        .first()
    )
    page = section.page.specific if section else None
    return page if isinstance(page, LegalDocumentIndexPage) else None


def repository_path():
    """The repository's tree path ("" before it exists), cached: listers of every
    search result and document page ask for it."""
    key = _versioned("repository-path")
    path = cache.get(key)
    if path is None:
        repository = repository_section()
        path = repository.path if repository is not None else ""
        cache.set(key, path, CACHE_SECONDS)
    return path


def unit_section(unit):
    """The unit's own legal-document section (``unit``: a Unit or its id), or None."""
    section = UnitSection.objects.filter(unit=unit, key=SECTION_KEY).select_related("page").first()
    page = section.page.specific if section else None
    return page if isinstance(page, LegalDocumentIndexPage) else None


def belongs_in_repository(level):
    return level in REPOSITORY_LEVELS


def find_existing_document(number, issuing_body_id, exclude_pk=None):
    """The one document with this number (as compared) and issuing body, or None."""
    documents = LegalDocumentPage.objects.filter(
        number_key=normal_key(number)[:100], issuing_body_id=issuing_body_id
    )
    if exclude_pk:
        documents = documents.exclude(pk=exclude_pk)
    return documents.order_by("pk").first()


def _rules():
    """Every listing rule as (unit id, level, field ids, type ids), cached."""
    key = _versioned("rules")
    rules = cache.get(key)
    if rules is None:
        rules = []
        prefetched = DocumentListingRule.objects.prefetch_related("fields", "document_types").order_by("pk")
        for rule in prefetched:
            rules.append(
                (
                    rule.unit_id,
                    rule.level,
                    frozenset(field.pk for field in rule.fields.all()),
                    frozenset(kind.pk for kind in rule.document_types.all()),
                )
            )
        cache.set(key, rules, CACHE_SECONDS)
    return rules


def _rule_query(level, field_ids, type_ids):
    query = Q()
    if level:
        query &= Q(level=level)
    if field_ids:
        through = LegalDocumentPage.fields.through.objects.filter(legalfield_id__in=field_ids)
        query &= Q(pk__in=through.values("legaldocumentpage_id"))
    if type_ids:
        query &= Q(document_type_id__in=type_ids)
    return query


def listed_filter(unit_id):
    """A Q over LegalDocumentPage: documents the unit lists (not its own)."""
    query = Q(pk__in=DocumentListing.objects.filter(unit_id=unit_id).values("document_id"))
    repository = repository_section()
    for rule_unit, level, field_ids, type_ids in _rules():
        if rule_unit != unit_id or repository is None or not (level or field_ids or type_ids):
            continue
        query |= Q(path__startswith=repository.path) & _rule_query(level, field_ids, type_ids)
    return query


def section_documents(index_page):
    """Live, public documents a section shows: its own and those its unit lists."""
    own = Q(path__startswith=index_page.path, depth=index_page.depth + 1)
    info = unit_info_for_page(index_page)
    query = own | listed_filter(info["id"]) if info else own
    return LegalDocumentPage.objects.live().public().filter(query)


def listed_document_ids(unit_id):
    """Ids of the live documents a unit lists (for its site search), cached."""
    key = _versioned("listed-ids", unit_id)
    ids = cache.get(key)
    if ids is None:
        ids = list(
            LegalDocumentPage.objects.live()
            .public()
            .filter(listed_filter(unit_id))
            .exclude(unit_id=unit_id)
            .values_list("pk", flat=True)
        )
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def listing_unit_ids(document_ids):
    """{document id: [unit ids that list it]} for a few documents, in three queries."""
    document_ids = list(document_ids)
    if not document_ids:
        return {}
    listers = {pk: [] for pk in document_ids}
    for unit_id, document_id in DocumentListing.objects.filter(document_id__in=document_ids).values_list(
        "unit_id", "document_id"
    ):
        listers[document_id].append(unit_id)
    rules = [rule for rule in _rules() if rule[1] or rule[2] or rule[3]]
    if rules:
        repository = repository_path()
        facts = {
            pk: (level, type_id, path)
            for pk, level, type_id, path in LegalDocumentPage.objects.filter(pk__in=document_ids).values_list(
                "pk", "level", "document_type_id", "path"
            )
        }
        fields = {pk: set() for pk in document_ids}
        for pk, field_id in LegalDocumentPage.fields.through.objects.filter(
            legaldocumentpage_id__in=document_ids
        ).values_list("legaldocumentpage_id", "legalfield_id"):
            fields[pk].add(field_id)
        for pk, (level, type_id, path) in facts.items():
            if not repository or not path.startswith(repository):
                continue
            for unit_id, rule_level, field_ids, type_ids in rules:
                if (
                    (not rule_level or rule_level == level)
                    and (not field_ids or field_ids & fields[pk])
                    and (not type_ids or type_id in type_ids)
                    and unit_id not in listers[pk]
                ):
                    listers[pk].append(unit_id)
    return listers


def listing_units(document_ids):
    """{document id: [unit names, sorted]} — the units that list each document."""
    listers = listing_unit_ids(document_ids)
    names = unit_names({unit_id for ids in listers.values() for unit_id in ids})
    return {pk: sorted((names[u] for u in ids if u in names), key=normal_key) for pk, ids in listers.items()}

"""Exporting a unit's documents as records of the import format."""

from ..models import LegalDocumentPage, RelationType

RELATION_TYPES = RelationType.values


def _iso(value):
    return value.isoformat() if value else None


def page_to_record(page):
    """The JSON record of a document page (the import's format)."""
    fields = sorted(page.fields.all(), key=lambda f: (f.sort_order, f.name))
    record = {
        "document_number": page.document_number,
        "title": page.title,
        "document_type": page.document_type.name,
        "issuing_body": page.issuing_body.name,
        "level": page.level,
        "signer": page.signer,
        "signer_title": page.signer_title,
        "issue_date": _iso(page.issue_date),
        "effective_date": _iso(page.effective_date),
        "expiry_date": _iso(page.expiry_date),
        "effect_status": page.effect_status,
        "fields": [f.name for f in fields],
        "summary": page.summary,
        "body_html": page.body,
        "attachments": [_file_path(a.document) for a in page.attachments.all()],
        "source_url": page.source_url,
        "relations": [
            {
                "type": r.relation_type,
                "document_number": r.target.document_number,
                "issuing_body": r.target.issuing_body.name,
            }
            for r in page.relations.all()
        ],
    }
    return record


def _file_path(document):
    try:
        return document.file.path
    except NotImplementedError:  # remote storage: its URL is the best we can give
        return document.file.url


def export_records(unit):
    """Records of every document of ``unit``, each after the documents it refers to."""
    pages = list(
        LegalDocumentPage.objects.filter(unit=unit)
        .select_related("document_type", "issuing_body")
        .prefetch_related(
            "fields",
            "attachments__document",
            "relations__target__issuing_body",
        )
        .order_by("issue_date", "pk")
    )
    by_id = {page.pk: page for page in pages}
    ordered, seen = [], set()

    def visit(page, trail=()):
        if page.pk in seen or page.pk in trail:
            return
        for relation in page.relations.all():
            target = by_id.get(relation.target_id)
            if target is not None:
                visit(target, trail + (page.pk,))
        seen.add(page.pk)
        ordered.append(page)

    for page in pages:
        visit(page)
    for page in ordered:
        yield page_to_record(page)

"""Latest published legal documents of every unit (the provincial portal's home) or of a
unit and the units below it (a district's home)."""

from core.feeds import latest_live_pages


def _document_item(page):
    return {
        "title": page.title,
        "url": page.get_url(),
        "number": page.document_number,
        "type": page.document_type.name,
        "date": page.issue_date,
    }


def latest_legal_documents(root=None, limit=8, roots=None):
    """Dicts (title, url, number, type, date, unit) of the newest live public documents."""
    from .models import LegalDocumentPage

    return latest_live_pages(
        LegalDocumentPage,
        _document_item,
        root=root,
        roots=roots,
        limit=limit,
        order_by=("-issue_date",),
        only=("document_number", "issue_date", "document_type__name"),
        select_related=("document_type",),
    )

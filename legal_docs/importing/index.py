"""Handing imported pages to the search engine, through search.indexing's bulk API."""

from search.indexing import bulk_indexing

from ..models import LegalDocumentPage


def index_queryset():
    """Document pages as the index reads them: with what their search fields follow."""
    return LegalDocumentPage.objects.select_related(
        "document_type", "issuing_body", "locale", "owner", "content_type"
    ).prefetch_related("fields")


def indexing_job():
    """The bulk-indexing job of one import: saves of document pages are not
    indexed one by one; ``job.add(pages)`` indexes a committed batch."""
    return bulk_indexing(LegalDocumentPage, querysets={LegalDocumentPage: index_queryset()})

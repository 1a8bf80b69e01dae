"""Helpers for the search tests: legal documents with real Vietnamese text."""

import datetime

import pytest
from wagtail.search.backends import get_search_backend

from tests.conftest import search_engine_is_external
from tests.factories import section

needs_engine = pytest.mark.skipif(
    not search_engine_is_external(),
    reason="needs the external search engine (SEARCH_BACKEND=opensearch|elasticsearch); "
    "the database backend does not implement this matching rule",
)


def refresh():
    get_search_backend().refresh_indexes()


def legal_document(
    unit,
    number,
    title,
    summary="",
    body="",
    document_type="nghi-dinh",
    issuing_body="chinh-phu",
    effect_status="in_force",
    fields=(),
    issue_date=datetime.date(2020, 1, 15),
    publish=True,
):
    """A LegalDocumentPage in the unit's legal section, published through a revision."""
    from legal_docs.models import DocumentType, IssuingBody, LegalDocumentPage, LegalField

    parent = section(unit, "legal_documents")
    page = LegalDocumentPage(
        title=title,
        document_number=number,
        document_type=DocumentType.objects.get(slug=document_type),
        issuing_body=IssuingBody.objects.get(slug=issuing_body),
        issue_date=issue_date,
        effect_status=effect_status,
        summary=summary or title,
        body=body,
        live=False,
    )
    parent.add_child(instance=page)
    page.fields.set(LegalField.objects.filter(slug__in=fields))
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def api(client, unit, q, **params):
    response = client.get("/api/search/", {"q": q, **params}, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


@pytest.fixture
def make_document():
    return legal_document

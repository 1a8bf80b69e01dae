"""Helpers for the search tests: legal documents with real Vietnamese text."""

import datetime

import pytest
from wagtail.search.backends import get_search_backend

from tests import factories
from tests.conftest import search_engine_is_external

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
    """A LegalDocumentPage with the search tests' defaults (the summary repeats the title)."""
    return factories.legal_document(
        unit,
        number=number,
        title=title,
        summary=summary or title,
        body=body,
        document_type=document_type,
        issuing_body=issuing_body,
        effect_status=effect_status,
        fields=fields,
        issue_date=issue_date,
        publish=publish,
    )


def api(client, unit, q, **params):
    response = client.get("/api/search/", {"q": q, **params}, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [result["title"] for result in data["results"]]


@pytest.fixture
def make_document():
    return legal_document


@pytest.fixture(autouse=True)
def no_pending_search_statistics():
    """Searches counted in memory by earlier tests are not written into this one's."""
    from search import statistics

    statistics._pending.clear()
    yield
    statistics._pending.clear()

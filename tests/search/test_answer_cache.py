"""The search API's answer cache (issue 16): the same search asked again is answered
without the engine or the database, is still counted, and a publication shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import statistics
from tests.factories import article

from .conftest import api, legal_document, refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers_cached(settings):
    statistics.flush()
    settings.SEARCH_ANSWER_SECONDS = 300
    settings.SEARCH_STATS_FLUSH_SECONDS = 3600
    settings.SEARCH_STATS_FLUSH_QUERIES = 1000
    yield
    statistics._pending.clear()


@pytest.fixture
def documents(unit_a):
    found = [
        legal_document(unit_a, f"{n}/2025/QĐ-UBND", f"Quyết định số {n} về bồi thường khi thu hồi đất")
        for n in range(1, 4)
    ]
    refresh()
    return found


def searches_pending(query):
    return sum(count for (normalised, _day), count in statistics.pending().items() if normalised == query)


def test_the_same_search_again_reads_no_table_and_is_still_counted(client, unit_a, documents, answers_cached):
    first = api(client, unit_a, "thu hồi đất")
    with CaptureQueriesContext(connection) as queries:
        again = api(client, unit_a, "thu hồi đất")
    assert again == first and first["count"] == 3
    page_reads = [q["sql"] for q in queries if "wagtailcore_page" in q["sql"] or "legal_docs" in q["sql"]]
    assert page_reads == [], page_reads
    assert searches_pending("thu hồi đất") == 2


def test_a_publication_is_in_the_next_answer(client, unit_a, documents, answers_cached):
    assert api(client, unit_a, "thu hồi đất")["count"] == 3
    legal_document(unit_a, "9/2025/QĐ-UBND", "Quyết định số 9 về giá đất khi thu hồi đất")
    refresh()
    data = api(client, unit_a, "thu hồi đất")
    assert data["count"] == 4 and "9/2025/QĐ-UBND" in [r["document_number"] for r in data["results"]]

    documents[0].unpublish()
    refresh()
    numbers = [r["document_number"] for r in api(client, unit_a, "thu hồi đất")["results"]]
    assert "1/2025/QĐ-UBND" not in numbers


def test_answers_differ_by_site_page_and_filter(client, unit_a, unit_b, documents, answers_cached):
    assert api(client, unit_a, "thu hồi đất")["count"] == 3
    assert api(client, unit_b, "thu hồi đất")["count"] == 0
    assert api(client, unit_a, "thu hồi đất", page=2)["results"] == []
    assert api(client, unit_a, "thu hồi đất", document_type="Thông tư")["count"] == 0
    assert api(client, unit_a, "thu hồi đất", document_type="Nghị định")["count"] == 3


def test_autocomplete_follows_a_new_title_at_once(client, unit_a, documents, answers_cached):
    def suggested(q):
        response = client.get("/api/search/autocomplete/", {"q": q}, HTTP_HOST=unit_a.site.hostname)
        return [item["title"] for item in response.json()["results"]]

    assert suggested("bồi thường") != []
    page = article(unit_a, title="Bồi thường hỗ trợ tái định cư cho người dân")
    refresh()
    assert page.title in suggested("bồi thường")

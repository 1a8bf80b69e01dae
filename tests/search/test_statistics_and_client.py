"""The search API near the engine (issue 16): one engine client per process, the
query statistics written in batches, a bounded number of SQL queries per search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search import statistics
from search.service import search_backend
from tests.factories import article

from .conftest import api, legal_document, refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def batched(settings):
    statistics.flush()
    settings.SEARCH_STATS_FLUSH_SECONDS = 3600
    settings.SEARCH_STATS_FLUSH_QUERIES = 3
    yield
    statistics._pending.clear()


@pytest.fixture
def library(unit_a):
    documents = [
        legal_document(unit_a, f"{n}/2024/QĐ-UBND", f"Quyết định số {n} về tuyên truyền pháp luật đất đai")
        for n in range(1, 6)
    ]
    refresh()
    return documents


def hits(query):
    return sum(QueryDailyHits.objects.filter(query__query_string=query).values_list("hits", flat=True))


def test_searches_are_counted_in_one_batch_not_one_write_each(client, unit_a, library, batched):
    for _ in range(3):
        api(client, unit_a, "đất đai")
    assert hits("đất đai") == 0  # nothing written yet: the searches wait in memory
    assert statistics.pending() and sum(statistics.pending().values()) == 3
    statistics.flush()
    assert hits("đất đai") == 3 and Query.objects.filter(query_string="đất đai").count() == 1
    api(client, unit_a, "đất đai")
    statistics.flush()
    assert hits("đất đai") == 4 and QueryDailyHits.objects.filter(query__query_string="đất đai").count() == 1


def test_enough_different_queries_write_the_batch_at_once(client, unit_a, library, batched):
    for words in ("đất đai", "tuyên truyền", "quyết định"):
        api(client, unit_a, words)
    assert statistics.pending() == {}
    assert [hits(words) for words in ("đất đai", "tuyên truyền", "quyết định")] == [1, 1, 1]


def test_a_failed_write_keeps_the_counts_for_the_next(unit_a, batched, monkeypatch):
    statistics.count_search("hòa giải")

    def broken(batch):
        raise RuntimeError("cơ sở dữ liệu tạm ngừng")

    monkeypatch.setattr(statistics, "write", broken)
    with pytest.raises(RuntimeError):
        statistics.flush()
    monkeypatch.undo()
    statistics.flush()
    assert hits("hòa giải") == 1


def test_one_engine_client_per_process(client, unit_a, library):
    backend = search_backend()
    api(client, unit_a, "đất đai")
    api(client, unit_a, "tuyên truyền")
    assert search_backend() is backend
    assert search_backend().__dict__.get("es", None) is backend.__dict__.get("es", None)


def test_an_editors_pick_shows_at_once_and_its_page_title_follows_the_page(client, unit_a, library):
    api(client, unit_a, "đất đai")  # cached: no pick yet
    pick = library[1]
    promotion = SearchPromotion.objects.create(query=Query.get("đất đai"), page=pick, sort_order=0)
    assert api(client, unit_a, "đất đai")["promotions"][0]["title"] == pick.title
    pick.title = "Quyết định đã đổi tên"
    pick.save_revision().publish()
    assert api(client, unit_a, "đất đai")["promotions"][0]["title"] == "Quyết định đã đổi tên"
    promotion.delete()
    assert api(client, unit_a, "đất đai")["promotions"] == []


def search_queries(client, unit):
    api(client, unit, "đất đai")  # warm the unit map and the site caches
    with CaptureQueriesContext(connection) as queries:
        data = api(client, unit, "đất đai")
    return len(queries), data["count"]


def test_a_search_costs_a_bounded_number_of_queries_whatever_the_hits(client, unit_a, library, batched):
    article(unit_a, title="Tin tuyên truyền pháp luật đất đai")
    refresh()
    before, count = search_queries(client, unit_a)
    assert count == 6
    for n in range(5):
        article(unit_a, title=f"Tin tuyên truyền pháp luật đất đai số {n}")
        legal_document(unit_a, f"{n + 10}/2024/QĐ-UBND", f"Quyết định số {n + 10} về pháp luật đất đai")
    refresh()
    after, count = search_queries(client, unit_a)
    assert count == 16
    # The facets' vocabularies are read once per page type, not once per result.
    assert after == before <= 9


def test_search_results_may_be_kept_by_the_browser_only(client, unit_a, library):
    response = client.get("/api/search/", {"q": "đất đai"}, HTTP_HOST=unit_a.site.hostname)
    assert "private" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    suggestions = client.get("/api/search/autocomplete/", {"q": "đất"}, HTTP_HOST=unit_a.site.hostname)
    assert "public" in suggestions["Cache-Control"]

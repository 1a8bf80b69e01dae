"""With the engine unreachable or slow, search answers from the database with a
notice, and index changes are queued and applied once the engine is back."""

import socket
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.models import IndexQueueEntry
from tests.factories import article

from .conftest import api, needs_engine, refresh, titles

pytestmark = pytest.mark.django_db

NOTICE = "Hệ thống tìm kiếm nâng cao đang tạm gián đoạn"


def engine_at(url, timeout=2):
    return {
        "default": {
            "BACKEND": "search.backends.OpenSearchBackend",
            "URLS": [url],
            "INDEX_PREFIX": "pbgdpl_unreachable_",
            "TIMEOUT": timeout,
        }
    }


# A closed local port: connections are refused at once.
UNREACHABLE = engine_at("http://127.0.0.1:9")


@pytest.fixture(autouse=True)
def forget_engine_state():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers (a hung engine)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


def test_search_answers_from_the_database_when_the_engine_is_unreachable(client, unit_a):
    article(unit_a, title="Hội nghị triển khai hòa giải ở cơ sở")
    host = unit_a.site.hostname
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        response = client.get("/search/", {"q": "hòa giải"}, HTTP_HOST=host)
        assert response.status_code == 200
        assert NOTICE in response.content.decode()
        assert [r["page"].title for r in response.context["results"]] == [
            "Hội nghị triển khai hòa giải ở cơ sở"
        ]
        data = api(client, unit_a, "hòa giải")
        assert data["degraded"] is True and NOTICE in data["notice"]
        assert titles(data) == ["Hội nghị triển khai hòa giải ở cơ sở"]
        suggestions = client.get("/api/search/autocomplete/", {"q": "Hội nghị"}, HTTP_HOST=host)
        assert suggestions.status_code == 200
        assert [r["title"] for r in suggestions.json()["results"]] == ["Hội nghị triển khai hòa giải ở cơ sở"]


def test_without_the_engine_a_document_is_found_by_its_number_and_summary(client, unit_a):
    from .conftest import legal_document

    document = legal_document(
        unit_a,
        "43/2014/NĐ-CP",
        "Nghị định số 43 của Chính phủ",
        summary="Quy định chi tiết thi hành một số điều của Luật Đất đai",
    )
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        for query in ("43/2014/NĐ-CP", "thi hành Luật Đất đai"):
            data = api(client, unit_a, query)
            assert data["degraded"] is True
            assert titles(data) == [document.title], query
        assert titles(api(client, unit_a, "Luật Đất đai năm 1993")) == []


def test_a_hung_engine_is_given_up_after_the_timeout(client, unit_a, silent_port):
    article(unit_a, title="Tập huấn kỹ năng hòa giải")
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_at(f"http://127.0.0.1:{silent_port}", timeout=1)):
        started = time.monotonic()
        data = api(client, unit_a, "hòa giải")
        assert time.monotonic() - started < 5
        assert data["degraded"] is True
        assert titles(data) == ["Tập huấn kỹ năng hòa giải"]
        # The engine is now known to be down: the next request does not wait again.
        started = time.monotonic()
        assert api(client, unit_a, "hòa giải")["degraded"] is True
        assert time.monotonic() - started < 0.9


def test_publishing_while_the_engine_is_down_queues_the_change(client, unit_a):
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        page = article(unit_a, title="Tin đăng khi máy tìm kiếm gián đoạn")
    assert page.live
    entry = IndexQueueEntry.objects.get(object_id=str(page.pk))
    assert entry.action == "add"
    assert "127.0.0.1" in entry.last_error or entry.last_error


def test_queue_command_keeps_entries_while_the_engine_is_still_down(unit_a):
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        page = article(unit_a, title="Tin chờ cập nhật chỉ mục")
        with pytest.raises(Exception, match="chưa sẵn sàng"):
            call_command("process_search_queue")
    entry = IndexQueueEntry.objects.get(object_id=str(page.pk))
    assert entry.attempts == 1


@needs_engine
def test_queued_changes_are_applied_when_the_engine_is_back(client, unit_a):
    kept = article(unit_a, title="Thông báo lịch tiếp công dân tháng mười hai")
    removed = article(unit_a, title="Thông báo lịch tiếp công dân bị hủy")
    refresh()
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        added = article(unit_a, title="Thông báo lịch tiếp công dân tháng một")
        Page.objects.get(pk=removed.pk).delete()
    assert IndexQueueEntry.objects.count() == 2  # one add, one delete

    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    refresh()
    assert added.title not in titles(api(client, unit_a, "tiếp công dân"))  # lost without the queue
    assert backend.es.exists(index=index.name, id=str(removed.pk))

    call_command("process_search_queue")
    refresh()
    found = titles(api(client, unit_a, "tiếp công dân"))
    assert added.title in found and kept.title in found
    assert not backend.es.exists(index=index.name, id=str(removed.pk))
    assert IndexQueueEntry.objects.count() == 0


def test_an_import_while_the_engine_is_down_queues_every_document(unit_a):
    from legal_docs.importing import import_records
    from tests.legal_docs.conftest import record

    records = [(n, record(f"{n}/2025/QĐ-UBND", title=f"Quyết định số {n} về giá đất")) for n in range(1, 6)]
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        results = list(import_records(iter(records), unit_a, batch_size=2))
    assert [r.status for r in results] == ["created"] * 5
    queued = set(IndexQueueEntry.objects.values_list("object_id", flat=True))
    assert queued == {str(r.page_id) for r in results}

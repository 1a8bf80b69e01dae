"""Whole pages for anonymous visitors (issue 16): served from the shared cache,
renewed by what changes them, never for staff, forms or personal answers."""

import http.server
import threading

import pytest
from django.test import Client

from core.pagecache import HIT_HEADER
from multisite.models import UnitLink
from tests.factories import article, section, staff_user
from tests.questions.helpers import QA_PATH, ask


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_PROXY_SECONDS = 60


def get(client, unit, path="/", **params):
    return client.get(path, params, HTTP_HOST=unit.site.hostname)


def test_a_page_is_served_from_the_cache_until_its_content_changes(client, unit_a):
    news = section(unit_a)
    first = get(client, unit_a, news.url)
    assert first.status_code == 200 and first[HIT_HEADER] == "miss"
    second = get(client, unit_a, news.url)
    assert second[HIT_HEADER] == "hit" and second.content == first.content
    assert "public" in second["Cache-Control"] and "s-maxage=60" in second["Cache-Control"]

    article(unit_a, title="Tin mới đăng sau khi trang đã lưu")
    third = get(client, unit_a, news.url)
    assert third[HIT_HEADER] == "miss"
    assert "Tin mới đăng sau khi trang đã lưu" in third.content.decode()


def test_unpublishing_moving_and_deleting_renew_the_page(client, unit_a):
    page = article(unit_a, title="Tin sẽ bị gỡ xuống")
    news = section(unit_a)
    assert "Tin sẽ bị gỡ xuống" in get(client, unit_a, news.url).content.decode()
    page.unpublish()
    assert "Tin sẽ bị gỡ xuống" not in get(client, unit_a, news.url).content.decode()

    other = article(unit_a, title="Tin sẽ bị xóa")
    assert "Tin sẽ bị xóa" in get(client, unit_a, news.url).content.decode()
    other.delete()
    assert "Tin sẽ bị xóa" not in get(client, unit_a, news.url).content.decode()


def test_the_portal_home_shows_a_units_news_published_after_it_was_cached(client, province, unit_a):
    get(client, province)
    assert get(client, province)[HIT_HEADER] == "hit"
    article(unit_a, title="Xã An Phú tuyên truyền Luật Đất đai")
    response = get(client, province)
    assert "Xã An Phú tuyên truyền Luật Đất đai" in response.content.decode()


def test_an_external_feed_fetched_after_caching_shows_at_once(
    client, unit_a, django_capture_on_commit_callbacks
):
    from feeds.fetching import fetch
    from feeds.models import FeedSource
    from tests.feeds.test_feeds_in import RSS, FeedServer

    server = FeedServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        server.routes["/rss"] = (200, RSS.encode(), {"Content-Type": "application/rss+xml"})
        source = FeedSource.objects.create(unit=unit_a, title="Báo Pháp luật", url=server.url("/rss"))
        assert "Hướng dẫn mới về cấp sổ đỏ" not in get(client, unit_a).content.decode()
        assert get(client, unit_a)[HIT_HEADER] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            assert fetch(source) == "updated"
        assert "Hướng dẫn mới về cấp sổ đỏ" in get(client, unit_a).content.decode()
    finally:
        server.shutdown()
        server.server_close()


def test_a_snippet_change_renews_the_pages_showing_it(client, unit_a):
    link = UnitLink.objects.create(
        unit=unit_a, title="Cổng Dịch vụ công quốc gia", url="https://dvc.example.vn"
    )
    assert "Cổng Dịch vụ công quốc gia" in get(client, unit_a, "/lien-ket/").content.decode()
    assert get(client, unit_a, "/lien-ket/")[HIT_HEADER] == "hit"
    link.title = "Cổng Dịch vụ công tỉnh"
    link.save()
    html = get(client, unit_a, "/lien-ket/").content.decode()
    assert "Cổng Dịch vụ công tỉnh" in html and "Cổng Dịch vụ công quốc gia" not in html


def test_a_matching_etag_or_date_gets_a_304_without_a_body(client, unit_a):
    first = get(client, unit_a)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/", HTTP_HOST=unit_a.site.hostname, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    since = client.get("/", HTTP_HOST=unit_a.site.hostname, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304
    article(unit_a, title="Tin làm trang chủ thay đổi")
    changed = client.get("/", HTTP_HOST=unit_a.site.hostname, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_staff_are_never_served_from_nor_stored_in_the_cache(client, unit_a):
    news = section(unit_a)
    get(client, unit_a, news.url)  # cached for visitors
    editor = staff_user(unit_a, "editor", "bien-tap-bo-nho-dem")
    staff = Client()
    staff.force_login(editor)
    response = get(staff, unit_a, news.url)
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]
    # A draft preview is under /admin/: never stored either.
    draft = article(unit_a, title="Bản nháp chưa đăng", publish=False)
    preview = staff.get(f"/admin/pages/{draft.pk}/edit/preview/", HTTP_HOST=unit_a.site.hostname)
    assert HIT_HEADER not in preview
    assert "Bản nháp chưa đăng" not in get(client, unit_a, news.url).content.decode()


def test_a_page_with_a_form_that_posts_is_never_cached(client, unit_a):
    first = get(client, unit_a, QA_PATH)
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert HIT_HEADER not in first and "private" in first["Cache-Control"]
    second = get(client, unit_a, QA_PATH)
    assert HIT_HEADER not in second
    assert "csrftoken" in first.cookies


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client, unit_a):
    get(client, unit_a)
    client.cookies["sessionid"] = "phien-bat-ky"
    assert HIT_HEADER not in get(client, unit_a)


def test_a_lookup_by_tracking_code_is_personal_and_never_cached(client, unit_a):
    question = ask(unit_a)
    status = f"{QA_PATH}tra-cuu/"
    params = {"ma": question.tracking_code, "lien_he": "dan@example.vn"}
    first = get(client, unit_a, status, **params)
    assert first.status_code == 200 and question.tracking_code in first.content.decode()
    second = get(client, unit_a, status, **params)
    assert HIT_HEADER not in second and "private" in second["Cache-Control"]


def test_the_admin_api_and_search_are_not_page_cached(client, unit_a):
    for path in ("/search/", "/api/v1/", "/admin/login/"):
        response = get(client, unit_a, path)
        assert HIT_HEADER not in response, path


def test_off_when_the_setting_is_zero(client, unit_a, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(client, unit_a)
    assert HIT_HEADER not in get(client, unit_a)


def test_the_query_string_is_part_of_the_key(client, unit_a):
    news = section(unit_a)
    get(client, unit_a, news.url, trang="1")
    assert get(client, unit_a, news.url, trang="2")[HIT_HEADER] == "miss"
    assert get(client, unit_a, news.url, trang="1")[HIT_HEADER] == "hit"


@pytest.mark.parametrize("path", ["/", "/tin-tuc-su-kien/"])
def test_a_hit_costs_no_query_but_the_cache(client, unit_a, path, django_assert_max_num_queries, settings):
    get(client, unit_a, path)
    # The local-memory cache of the tests: no query at all; the database cache of
    # production adds two (the version tokens and the page).
    with django_assert_max_num_queries(0):
        assert get(client, unit_a, path)[HIT_HEADER] == "hit"


class PurgeRecorder(http.server.ThreadingHTTPServer):
    """A reverse proxy's purge endpoint: records (Host, path) of every PURGE."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.purged = []


class PurgeHandler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the http.server API
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_publishing_purges_the_page_and_its_ancestors_from_the_proxy(settings, unit_a):
    proxy = PurgeRecorder()
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{proxy.server_address[1]}",
        }
    }
    try:
        page = article(unit_a, title="Tin cần xóa khỏi bộ đệm proxy")
        own = unit_a.site.hostname
        purged = {path for host, path in proxy.purged if host.split(":")[0] == own}
        # Elsewhere only the homes of the units above, which roll it up (home/signals.py).
        assert {path for host, path in proxy.purged if host.split(":")[0] != own} == {"/"}
        assert page.get_url_parts()[2] in purged  # Wagtail's own purge of the page
        # Its section and the unit's home, which list it.
        assert section(unit_a).get_url_parts()[2] in purged and "/" in purged
    finally:
        proxy.shutdown()
        proxy.server_close()

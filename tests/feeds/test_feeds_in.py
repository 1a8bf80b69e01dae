"""Feeds in (issue 14, part 6): sources fetched from a local HTTP server standing
in for the other websites (a third party we cannot reach)."""

import http.server
import io
import threading

import pytest
from django.core.management import call_command
from django.urls import reverse

from feeds.fetching import fetch
from feeds.models import FeedItem, FeedSource

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Báo Pháp luật</title><link>https://baophapluat.example.vn/</link>
<item><title>Hướng dẫn mới về cấp &lt;b&gt;sổ đỏ&lt;/b&gt;</title><link>https://baophapluat.example.vn/so-do</link>
<guid>so-do</guid><description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;p onclick="x()"&gt;Thủ tục &lt;a href="javascript:x()"&gt;cấp&lt;/a&gt; giấy chứng nhận.&lt;/p&gt;</description>
<pubDate>Mon, 30 Nov 2026 08:00:00 +0700</pubDate></item>
<item><title>Một tin không có đường dẫn hợp lệ</title><link>javascript:alert(1)</link></item>
</channel></rss>"""
JSON_FEED = """{"version": "https://jsonfeed.org/version/1.1", "title": "Sở Tư pháp",
"items": [{"id": "1", "url": "https://stp.example.vn/tin-1", "title": "Ngày Pháp luật 2026",
"content_text": "Hưởng ứng Ngày Pháp luật.", "date_published": "2026-11-09T08:00:00+07:00"}]}"""


class FeedServer(http.server.ThreadingHTTPServer):
    """Serves ``self.routes[path] = (status, body, headers)``; counts conditional GETs."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FeedHandler)
        self.routes = {}
        self.conditional = 0

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        status, body, headers = self.server.routes.get(self.path, (404, b"", {}))
        etag = headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:
            self.server.conditional += 1
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    server = FeedServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def source(unit, server, path, title="Báo Pháp luật"):
    return FeedSource.objects.create(unit=unit, title=title, url=server.url(path))


def test_an_rss_source_is_fetched_sanitised_and_shown_on_the_unit_home(client, unit_a, server):
    server.routes["/rss"] = (200, RSS.encode(), {"Content-Type": "application/rss+xml", "ETag": '"v1"'})
    feed = source(unit_a, server, "/rss")
    assert fetch(feed) == "updated"
    (item,) = FeedItem.objects.filter(source=feed)
    assert item.title == "Hướng dẫn mới về cấp sổ đỏ"
    assert item.summary == "Thủ tục cấp giấy chứng nhận." and "<" not in item.summary
    html = client.get("/", HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Tin từ các nguồn khác" in html and "Hướng dẫn mới về cấp sổ đỏ" in html
    assert "javascript:" not in html and "alert(1)" not in html
    assert fetch(feed) == "unchanged" and server.conditional == 1


def test_a_json_feed_is_read_too(unit_a, server):
    server.routes["/feed.json"] = (200, JSON_FEED.encode(), {"Content-Type": "application/feed+json"})
    feed = source(unit_a, server, "/feed.json", "Sở Tư pháp")
    assert fetch(feed) == "updated"
    assert FeedItem.objects.get(source=feed).link == "https://stp.example.vn/tin-1"


@pytest.mark.parametrize(
    "route, reason",
    [
        ((200, b"<html><body>Trang chu</body></html>", {}), "không có mục hợp lệ"),
        ((200, b'{"items": "khong"}', {}), "không phải JSON Feed"),
        ((500, b"", {}), "mã 500"),
        ((200, b"<rss>" + b"x" * 4096, {}), "lớn quá"),
    ],
)
def test_a_failing_source_keeps_its_last_good_items_and_is_flagged(settings, unit_a, server, route, reason):
    settings.FEEDS_MAX_BYTES = 4096
    server.routes["/rss"] = (200, RSS.encode(), {})
    feed = source(unit_a, server, "/rss")
    fetch(feed)
    server.routes["/rss"] = route
    assert fetch(feed) == "failed"
    feed.refresh_from_db()
    assert reason in feed.last_error and feed.failing
    assert FeedItem.objects.filter(source=feed).count() == 1


def test_an_unreachable_source_is_flagged_and_reported_by_the_command(unit_a):
    FeedSource.objects.create(unit=unit_a, title="Nguồn tắt", url="http://127.0.0.1:9/rss")
    out, err = io.StringIO(), io.StringIO()
    call_command("fetch_feeds", stdout=out, stderr=err)
    assert "lỗi 1" in out.getvalue() and "không kết nối được" in err.getvalue()


def test_sources_are_isolated_between_units_in_the_admin(client, unit_b, editor_a, server):
    other = source(unit_b, server, "/rss", "Nguồn riêng của xã B")
    client.force_login(editor_a)
    listing = client.get(reverse("wagtailsnippets_feeds_feedsource:list")).content.decode()
    assert "Nguồn riêng của xã B" not in listing
    response = client.get(reverse("wagtailsnippets_feeds_feedsource:edit", args=[other.pk]))
    assert response.status_code in (302, 403, 404)

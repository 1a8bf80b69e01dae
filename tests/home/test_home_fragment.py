"""A home's content in a fragment cache keyed on the version tokens (issue 16): a page
cache miss (a new query string, a visitor with a session) renders it without reading the
articles, blocks and units again, and any publication shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import article

pytestmark = pytest.mark.django_db


def get(client, unit, query=""):
    response = client.get("/" + query, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def test_a_home_missed_by_the_page_cache_reuses_its_rendered_content(client, province, unit_a):
    for number in range(3):
        article(unit_a, title=f"Tin số {number} của xã")
    first = get(client, province, "?utm_source=zalo")
    with CaptureQueriesContext(connection) as queries:
        again = get(client, province, "?utm_source=facebook")
    assert "Tin số 2 của xã" in again
    assert again.split("<main", 1)[1] == first.split("<main", 1)[1]
    reads = [q["sql"] for q in queries.captured_queries if "home_articlepage" in q["sql"]]
    assert reads == [], reads


def test_the_cached_home_shows_a_publication_and_an_unpublication_at_once(client, province, unit_a):
    get(client, unit_a)
    get(client, province)
    news = article(unit_a, title="Xã tổ chức Ngày Pháp luật năm nay")
    assert news.title in get(client, unit_a)
    assert news.title in get(client, province)
    news.unpublish()
    assert news.title not in get(client, unit_a)
    assert news.title not in get(client, province)


def test_the_portal_feed_pages_are_cached_apart(client, province, unit_a):
    for number in range(12):
        article(unit_a, title=f"Tin phân trang {number:02d}")
    first_page = get(client, province)
    second_page = get(client, province, "?trang=2")
    assert "Tin phân trang 11" in first_page and "Tin phân trang 11" not in second_page
    assert "Tin phân trang 00" in second_page


def test_a_preview_of_a_home_shows_the_draft_intro(client, unit_a):
    home = unit_a.site.root_page.specific
    get(client, unit_a)  # the live content is cached
    home.intro = "<p>Lời giới thiệu mới trong bản nháp</p>"
    assert "Lời giới thiệu mới trong bản nháp" in home.make_preview_request().content.decode()
    assert "Lời giới thiệu mới trong bản nháp" not in get(client, unit_a)

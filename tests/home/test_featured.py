"""Lists ordered by the date they show, the featured block ("Tin nổi bật") of
the homes and its caching (issue 15, images)."""

import datetime
import re
import threading

import pytest
from django.utils import timezone

from tests.core.test_pagecache import PurgeRecorder
from tests.factories import article, section
from tests.home.images import lead_image

pytestmark = pytest.mark.django_db

ALT = "Cán bộ tư pháp xã hướng dẫn người dân tra cứu văn bản pháp luật"


def get(client, url, unit):
    response = client.get(url, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response


def html_of(client, url, unit):
    return get(client, url, unit).content.decode()


def featured_block(html):
    found = re.search(r'<section class="featured".*?</section>', html, re.S)
    return found.group(0) if found else ""


def back_dated_pair(unit):
    """A newer-dated article published first, then a back-dated one published later."""
    newer = article(unit, title="Tin ngày hai mươi", date=datetime.date(2026, 11, 20))
    older = article(unit, title="Tin đăng bù ngày mồng một", date=datetime.date(2026, 11, 1))
    type(older).objects.filter(pk=older.pk).update(
        first_published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    return newer, older


def test_section_list_follows_the_shown_date_not_the_publication(client, unit_a):
    newer, older = back_dated_pair(unit_a)
    html = html_of(client, section(unit_a).url, unit_a)
    assert html.index(newer.title) < html.index(older.title)
    assert "20/11/2026" in html and "01/11/2026" in html


def test_province_view_follows_the_shown_date(client, province, unit_a, unit_b):
    newer = article(unit_b, title="Tin xã Bình Hòa ngày hai mươi", date=datetime.date(2026, 11, 20))
    older = article(unit_a, title="Tin xã An Phú đăng bù", date=datetime.date(2026, 11, 1))
    type(older).objects.filter(pk=older.pk).update(
        first_published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    html = html_of(client, section(province).url + "?pham-vi=ca-tinh", province)
    assert html.index(newer.title) < html.index(older.title)


def test_homes_feeds_follow_the_shown_date(client, province, unit_a):
    newer, older = back_dated_pair(unit_a)
    for unit in (unit_a, province):
        html = html_of(client, "/", unit)
        assert html.index(newer.title) < html.index(older.title)


def test_featured_article_tops_its_unit_home_and_the_portal(client, province, unit_a, unit_b):
    featured = article(
        unit_a,
        title="Xã An Phú ra mắt tủ sách pháp luật",
        featured=True,
        image=lead_image(unit_a.collection),
        image_alt=ALT,
    )
    article(unit_a, title="Tin thường của xã An Phú")
    unit_html = html_of(client, "/", unit_a)
    block = featured_block(unit_html)
    assert "Tin nổi bật" in block and featured.title in block and ALT in block and "<picture>" in block
    assert "Tin thường của xã An Phú" not in block
    assert unit_html.index("Tin nổi bật") < unit_html.index("Tin mới")  # at the top of the home
    portal_block = featured_block(html_of(client, "/", province))
    assert featured.title in portal_block
    assert '<span class="item-unit">Xã An Phú</span>' in portal_block  # rolled up, naming the unit
    assert featured.title not in featured_block(html_of(client, "/", unit_b))  # another unit's home


def test_a_home_without_featured_articles_has_no_block(client, unit_b):
    article(unit_b, title="Tin thường")
    assert featured_block(html_of(client, "/", unit_b)) == ""


def test_unpublished_featured_article_leaves_the_cached_homes(client, settings, province, unit_a):
    settings.PAGE_CACHE_SECONDS = 600
    featured = article(unit_a, title="Tin nổi bật sắp gỡ", featured=True)
    for unit in (unit_a, province):
        get(client, "/", unit)
        response = get(client, "/", unit)
        assert response["X-Page-Cache"] == "hit"
        assert featured.title in featured_block(response.content.decode())
    featured.unpublish()
    for unit in (unit_a, province):
        response = get(client, "/", unit)
        assert response["X-Page-Cache"] == "miss"
        assert featured.title not in response.content.decode()


def test_publishing_an_article_purges_the_homes_above_its_unit_from_the_proxy(settings, province, unit_a):
    proxy = PurgeRecorder()
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{proxy.server_address[1]}",
        }
    }
    try:
        article(unit_a, title="Tin nổi bật của xã", featured=True)
        purged = {(host.split(":")[0], path) for host, path in proxy.purged}
        assert (province.site.hostname, "/") in purged  # the portal's home, which rolls it up
        assert (unit_a.site.hostname, "/") in purged
    finally:
        proxy.shutdown()
        proxy.server_close()

"""Feeds out, robots.txt, sharing metadata and the "Liên kết" section (issue 14, parts 5 and 7)."""

from pathlib import Path

import feedparser
from django.contrib.staticfiles import finders

from legal_docs.models import DocumentListing
from multisite.links import NATIONAL_LINKS
from multisite.models import UnitLink
from tests import factories


def get(client, unit, path):
    response = client.get(path, HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200, (path, response.status_code)
    return response


def test_robots_txt_names_the_sites_own_sitemap(client, province, unit_a):
    text = get(client, unit_a, "/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert f"Sitemap: {unit_a.site.root_url}/sitemap.xml" in text
    assert (
        f"Sitemap: {province.site.root_url}/sitemap.xml"
        in get(client, province, "/robots.txt").content.decode()
    )


def test_the_site_feed_lists_the_units_newest_pages_and_parses(client, unit_a, unit_b):
    factories.article(unit_a, title="Hội nghị tuyên truyền Luật Đất đai")
    factories.article(unit_b, title="Tin của xã Bình Hòa")
    response = get(client, unit_a, "/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert "Hội nghị tuyên truyền Luật Đất đai" in titles and "Tin của xã Bình Hòa" not in titles
    assert feed.feed.title == unit_a.name and feed.feed.language == "vi"
    assert all(entry.link.startswith(unit_a.site.root_url) for entry in feed.entries)


def test_a_section_feed_lists_only_that_section(client, unit_a):
    factories.article(unit_a, title="Tin trong mục tin tức")
    factories.article(unit_a, title="Văn bản chỉ đạo mới", section_key="directives")
    feed = feedparser.parse(get(client, unit_a, "/rss/chi-dao-dieu-hanh/").content)
    assert [entry.title for entry in feed.entries] == ["Văn bản chỉ đạo mới"]
    assert client.get("/rss/khong-co-muc-nay/", HTTP_HOST=unit_a.site.hostname).status_code == 404


def test_a_legal_field_feed_follows_the_sites_documents(client, province, unit_a):
    law = factories.legal_document(
        province, "31/2024/QH15", "Luật Đất đai", fields=["dat-dai"], level="central"
    )
    factories.legal_document(province, "28/2013/NĐ-CP", "Nghị định khác", level="central")
    on_portal = feedparser.parse(get(client, province, "/rss/linh-vuc/dat-dai/").content)
    assert [entry.title for entry in on_portal.entries] == ["Luật Đất đai"]
    assert feedparser.parse(get(client, unit_a, "/rss/linh-vuc/dat-dai/").content).entries == []
    DocumentListing.objects.create(unit=unit_a, document=law)
    listed = feedparser.parse(get(client, unit_a, "/rss/linh-vuc/dat-dai/").content)
    assert [entry.title for entry in listed.entries] == ["Luật Đất đai"]
    assert client.get("/rss/linh-vuc/khong-co/", HTTP_HOST=unit_a.site.hostname).status_code == 404


def test_pages_carry_sharing_metadata_and_share_links_without_scripts(client, unit_a):
    page = factories.article(
        unit_a, title="Ngày Pháp luật Việt Nam", listing_summary="Hưởng ứng Ngày Pháp luật."
    )
    html = get(client, unit_a, page.url).content.decode()
    assert f'<meta property="og:url" content="{page.full_url}">' in html
    assert '<meta property="og:title" content="Ngày Pháp luật Việt Nam">' in html
    assert '<meta property="og:description" content="Hưởng ứng Ngày Pháp luật.">' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html
    # Zalo through the phone's share sheet or a copied link: the portal's own script only.
    assert "Zalo và ứng dụng khác…" in html and "Sao chép liên kết" in html
    assert f'data-share-url="{page.full_url}"' in html
    assert '<script src="/static/js/share.js" defer></script>' in html
    assert "navigator.share" in Path(finders.find("js/share.js")).read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in html
    assert '<script src="http' not in html


def test_the_links_section_shows_the_units_links_starting_with_the_national_ones(client, unit_a, unit_b):
    UnitLink.objects.create(
        unit=unit_a, title="Trang của huyện", url="https://huyen.example.vn", sort_order=9
    )
    UnitLink.objects.create(unit=unit_b, title="Trang của xã Bình Hòa", url="https://xa-b.example.vn")
    html = get(client, unit_a, "/lien-ket/").content.decode()
    for title, url in NATIONAL_LINKS:
        assert title in html and url in html
    assert "Trang của huyện" in html and "Trang của xã Bình Hòa" not in html

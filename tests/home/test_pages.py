"""Public pages: each unit's host reaches its own site; the portal aggregates units."""

import pytest
from django.apps import apps
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from core.registries import section_child_types
from home.models import ArticlePage, PortalHomePage, SectionPage, UnitHomePage
from legal_docs.models import LegalDocumentIndexPage
from tests.factories import article, section

pytestmark = pytest.mark.django_db


def test_each_host_reaches_its_unit_root(client, province, unit_a, unit_b):
    for unit in (province, unit_a, unit_b):
        response = client.get("/", HTTP_HOST=unit.site.hostname)
        assert response.status_code == 200
        assert response.context["page"].pk == unit.site.root_page_id
        assert f"<h1>{unit.name}</h1>" in response.content.decode()


def test_section_urls_are_per_host(client, unit_a, unit_b):
    own = article(unit_a, title="Tin của xã An Phú")
    response = client.get("/tin-tuc-su-kien/", HTTP_HOST=unit_a.site.hostname)
    assert own.title in response.content.decode()
    response = client.get("/tin-tuc-su-kien/", HTTP_HOST=unit_b.site.hostname)
    assert own.title not in response.content.decode()


def test_portal_home_shows_units_published_items_not_drafts(client, province, unit_a, unit_b):
    article(unit_a, title="Xã An Phú tuyên truyền Luật Đất đai")
    article(unit_b, title="Bản nháp chưa duyệt của xã Bình Hòa", publish=False)
    html = client.get("/", HTTP_HOST=province.site.hostname).content.decode()
    assert "Xã An Phú tuyên truyền Luật Đất đai" in html
    assert "Xã An Phú</span>" in html
    assert "Bản nháp chưa duyệt" not in html


def test_portal_home_updates_when_a_unit_publishes(client, province, unit_a):
    client.get("/", HTTP_HOST=province.site.hostname)
    article(unit_a, title="Tin mới đăng lúc này")
    html = client.get("/", HTTP_HOST=province.site.hostname).content.decode()
    assert "Tin mới đăng lúc này" in html


def test_section_index_paginates(client, unit_a):
    for number in range(SectionPage.page_size + 3):
        article(unit_a, title=f"Tin số {number:02d}")
    first = client.get("/tin-tuc-su-kien/", HTTP_HOST=unit_a.site.hostname)
    second = client.get("/tin-tuc-su-kien/?trang=2", HTTP_HOST=unit_a.site.hostname)
    assert len(first.context["children"]) == SectionPage.page_size
    assert len(second.context["children"]) == 3
    assert "Trang 2/2" in second.content.decode()


def test_public_pages_are_accessible_html(client, unit_a):
    page = article(unit_a, title="Bài có bố cục chuẩn")
    html = client.get(page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert '<html lang="vi">' in html
    assert 'class="skip-link" href="#noi-dung"' in html
    assert '<main id="noi-dung"' in html
    assert 'aria-label="Đường dẫn"' in html
    assert 'aria-label="Chuyên mục"' in html
    assert "01/11/2026" in html
    assert "//cdn" not in html and "googleapis" not in html


def test_unit_home_is_light(client, unit_a):
    for number in range(6):
        article(unit_a, title=f"Tin nhẹ {number}")
    response = client.get("/", HTTP_HOST=unit_a.site.hostname)
    css = client.get("/static/css/portal.css")
    total = len(response.content) + len(b"".join(css.streaming_content if css.streaming else [css.content]))
    assert total < 300 * 1024


class PageTreeRulesTest(WagtailPageTestCase):
    """Page types may only be created where the section tree expects them."""

    def test_home_pages_sit_at_the_root(self):
        self.assertAllowedParentPageTypes(PortalHomePage, {Page})
        self.assertAllowedParentPageTypes(UnitHomePage, {Page})

    def test_sections_and_articles(self):
        self.assertCanCreateAt(UnitHomePage, SectionPage)
        self.assertCanCreateAt(UnitHomePage, LegalDocumentIndexPage)
        self.assertAllowedParentPageTypes(SectionPage, {PortalHomePage, UnitHomePage, SectionPage})
        # Articles, sub-sections and the page types features add (core.registries.section_child_types).
        added = {apps.get_model(label) for label in section_child_types}
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage, SectionPage} | added)
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())


def test_article_can_be_created_in_a_section(unit_a):
    news = section(unit_a)
    assert ArticlePage.can_create_at(news)
    assert not ArticlePage.can_create_at(unit_a.site.root_page.specific)

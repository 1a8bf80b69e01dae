"""Rolled up the tree (issue 12, part 5): a district's home shows its communes'
news and documents, every unit's home lists the units below it, and each of the
province's plain sections has a "whole province" view with a unit facet.

Nothing is copied: the pages are queried where they live, in a constant number
of queries however many units there are.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import SectionPage
from multisite.models import UnitKind
from tests.factories import UnitFactory, article, legal_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(province):
    return UnitFactory(code="huyen-dong", name="Huyện Đông", kind=UnitKind.DISTRICT, parent=province)


@pytest.fixture
def commune(district):
    return UnitFactory(code="xa-dong-a", name="Xã Đông A", parent=district)


def home(client, unit):
    response = client.get("/", HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def test_district_home_shows_its_own_and_its_communes_news_naming_each_unit(
    client, district, commune, unit_a
):
    article(district, title="Huyện Đông triển khai Luật Đất đai")
    article(commune, title="Xã Đông A hòa giải ở cơ sở")
    article(unit_a, title="Tin của xã An Phú")
    html = home(client, district)
    assert "Huyện Đông triển khai Luật Đất đai" in html
    assert "Xã Đông A hòa giải ở cơ sở" in html
    assert '<span class="item-unit">Xã Đông A</span>' in html
    assert '<span class="item-unit">Huyện Đông</span>' in html
    assert "Tin của xã An Phú" not in html
    commune_html = home(client, commune)
    assert "Xã Đông A hòa giải ở cơ sở" in commune_html
    assert "Huyện Đông triển khai" not in commune_html
    assert 'class="item-unit"' not in commune_html  # a single unit's own news names no unit


def test_district_home_updates_when_a_commune_publishes(client, district, commune):
    home(client, district)
    article(commune, title="Tin xã vừa duyệt")
    assert "Tin xã vừa duyệt" in home(client, district)


def test_district_home_rolls_up_its_communes_legal_documents(client, district, commune, unit_a):
    legal_document(commune, number="01/2026/QĐ-UBND", title="Quyết định của xã Đông A")
    legal_document(unit_a, number="02/2026/QĐ-UBND", title="Quyết định của xã An Phú")
    html = home(client, district)
    assert '<h2 id="van-ban-moi">Văn bản pháp luật mới</h2>' in html
    assert "Quyết định của xã Đông A" in html
    assert "Quyết định của xã An Phú" not in html
    assert 'id="van-ban-moi"' not in home(client, commune)  # nothing below a commune


def test_unit_home_lists_the_units_below_it_with_links(client, province, district, commune, unit_a):
    html = home(client, district)
    assert '<h2 id="don-vi-truc-thuoc">Đơn vị trực thuộc</h2>' in html
    assert f'<a href="{commune.site.root_url}/">Xã Đông A</a>' in html
    assert "Xã An Phú" not in html
    assert 'id="don-vi-truc-thuoc"' not in home(client, commune)

    portal = home(client, province)
    assert '<h3 id="don-vi-district">Cấp huyện</h3>' in portal
    assert '<h3 id="don-vi-commune">Cấp xã</h3>' in portal
    assert portal.index("Cấp huyện") < portal.index("Cấp xã")
    for unit in (district, commune, unit_a):
        assert f'<a href="{unit.site.root_url}/">{unit.name}</a>' in portal


def test_a_new_unit_shows_on_its_parents_home_at_once(client, district, commune):
    home(client, district)
    UnitFactory(code="xa-dong-b", name="Xã Đông B", parent=district)
    assert "Xã Đông B" in home(client, district)


# The whole province's view of a section -------------------------------------


def province_view(client, province, path="/tin-tuc-su-kien/", **params):
    response = client.get(path, {"pham-vi": "ca-tinh", **params}, HTTP_HOST=province.site.hostname)
    assert response.status_code == 200
    return response


def titles(response):
    return [child.title for child in response.context["children"]]


def test_province_section_lists_every_units_same_section_newest_first(client, province, unit_a, unit_b):
    article(unit_a, title="Tin An Phú")
    article(province, title="Tin của tỉnh")
    article(unit_b, title="Tin Bình Hòa")
    article(unit_a, title="Chỉ đạo của An Phú", section_key="directives")
    article(unit_b, title="Bản nháp", publish=False)

    own = client.get("/tin-tuc-su-kien/", HTTP_HOST=province.site.hostname)
    assert titles(own) == ["Tin của tỉnh"]
    assert "?pham-vi=ca-tinh" in own.content.decode()  # the switch is offered

    response = province_view(client, province)
    assert titles(response) == ["Tin Bình Hòa", "Tin của tỉnh", "Tin An Phú"]
    html = response.content.decode()
    assert '<span class="item-unit">Xã Bình Hòa</span>' in html
    assert '<h2 id="loc-don-vi">Lọc theo đơn vị</h2>' in html
    facet = {unit["name"]: unit["count"] for unit in response.context["unit_facet"]}
    assert facet == {"Xã An Phú": 1, "Xã Bình Hòa": 1, "Tỉnh Thử Nghiệm": 1}

    directives = province_view(client, province, "/chi-dao-dieu-hanh/")
    assert titles(directives) == ["Chỉ đạo của An Phú"]


def test_unit_facet_filters_and_keeps_every_units_count(client, province, unit_a, unit_b):
    article(unit_a, title="Tin An Phú 1")
    article(unit_a, title="Tin An Phú 2")
    article(unit_b, title="Tin Bình Hòa")
    response = province_view(client, province, **{"don-vi": unit_a.code})
    assert titles(response) == ["Tin An Phú 2", "Tin An Phú 1"]
    facet = {unit["code"]: (unit["count"], unit["selected"]) for unit in response.context["unit_facet"]}
    assert facet == {unit_a.code: (2, True), unit_b.code: (1, False)}
    assert 'aria-current="true">Xã An Phú</a>' in response.content.decode()


def test_province_view_paginates(client, province, unit_a, unit_b, monkeypatch):
    monkeypatch.setattr(SectionPage, "page_size", 2)
    for number, unit in enumerate((unit_a, unit_b, unit_a)):
        article(unit, title=f"Tin {number}")
    first = province_view(client, province)
    second = province_view(client, province, trang=2)
    assert titles(first) == ["Tin 2", "Tin 1"]
    assert titles(second) == ["Tin 0"]
    assert "Trang 2/2" in second.content.decode()
    assert "pham-vi=ca-tinh" in first.content.decode().split('rel="next"')[0].rsplit("href=", 1)[1]


def test_only_the_province_sections_have_a_whole_province_view(client, unit_a, unit_b):
    article(unit_b, title="Tin Bình Hòa")
    response = client.get("/tin-tuc-su-kien/", {"pham-vi": "ca-tinh"}, HTTP_HOST=unit_a.site.hostname)
    assert titles(response) == []
    assert "pham-vi=ca-tinh" not in response.content.decode()


def count_queries(client, province):
    with CaptureQueriesContext(connection) as queries:
        province_view(client, province)
    return len(queries)


def test_province_view_query_count_does_not_grow_with_units(client, province, unit_a, unit_b):
    for unit in (unit_a, unit_b):
        article(unit, title=f"Tin {unit.name}")
    province_view(client, province)  # warm the unit map and site caches
    with_two = count_queries(client, province)
    for code in ("xa-c", "xa-d"):
        unit = UnitFactory(code=code)
        article(unit, title=f"Tin {code}")
    province_view(client, province)
    with_four = count_queries(client, province)
    assert with_four == with_two
    assert len(titles(province_view(client, province))) == 4


def test_district_home_query_count_does_not_grow_with_communes(client, district, commune):
    from core.cache import CONTENT_VERSION

    article(commune, title="Tin xã 1")

    def home_queries():
        home(client, district)  # fill the unit map and Wagtail's site paths (one query per site)
        CONTENT_VERSION.bump()  # as a publication does: the feeds are queried again
        with CaptureQueriesContext(connection) as queries:
            html = home(client, district)
        return len(queries), html

    before, _html = home_queries()
    other = UnitFactory(code="xa-dong-c", name="Xã Đông C", parent=district)
    article(other, title="Tin xã 3")
    after, html = home_queries()
    assert after == before
    assert "Tin xã 3" in html

"""Figures of the register, for a unit and rolled up over a three-level tree."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal_docs.models import LegalField
from multisite.models import UnitKind
from reporters.figures import figures_for
from tests.factories import UnitFactory, person, reporter_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(bare_province):
    """Province → district → commune, each with its own register (no other unit)."""
    province = bare_province
    district = UnitFactory(code="huyen-dt", name="Huyện Dầu Tiếng", kind=UnitKind.DISTRICT)
    commune = UnitFactory(code="xa-mh", name="Xã Minh Hòa", parent=district)
    land = LegalField.objects.get(slug="dat-dai")
    family = LegalField.objects.get(slug="hon-nhan-gia-dinh")

    p1 = person(province, full_name="Phạm Văn Tỉnh", level="province", legal_fields=[land])
    reporter_activity(p1, date=datetime.date(2025, 11, 3), audience=200)
    d1 = person(district, full_name="Đặng Thị Huyện", level="district", legal_fields=[land, family])
    person(district, full_name="Đỗ Văn Nghỉ", decision_number="9/QĐ", status="suspended", legal_fields=[land])
    reporter_activity(d1, date=datetime.date(2026, 3, 10), audience=120)
    reporter_activity(d1, date=datetime.date(2026, 3, 25), audience=30)
    c1 = person(commune, full_name="Bùi Văn Xã", kind="propagandist", legal_fields=[family])
    c2 = person(commune, full_name="Võ Thị Xã", kind="propagandist", decision_number="5/QĐ")
    gone = person(
        commune,
        full_name="Hồ Văn Cũ",
        kind="propagandist",
        decision_number="6/QĐ",
        status="withdrawn",
        status_date=datetime.date(2026, 6, 1),
        legal_fields=[family],
    )
    reporter_activity(c1, date=datetime.date(2026, 3, 2), audience=60)
    reporter_activity(c2, date=datetime.date(2026, 7, 15), audience=40)
    reporter_activity(gone, date=datetime.date(2026, 1, 20), audience=25)  # history still counts
    return province, district, commune


def by_kind(figures):
    return {row["kind"]: row["count"] for row in figures["people"]["by_kind"]}


def by_month(figures):
    return {row["month"]: (row["count"], row["audience"]) for row in figures["activities"]["by_month"]}


def test_commune_figures_are_its_own(tree):
    _province, _district, commune = tree
    figures = figures_for(commune)
    assert figures["unit_count"] == 1
    assert by_kind(figures) == {"reporter": 0, "propagandist": 2}
    assert figures["people"]["by_field"] == [
        {
            "field": "Hôn nhân – Gia đình",
            "slug": "hon-nhan-gia-dinh",
            "reporter": 0,
            "propagandist": 1,
            "total": 1,
        }
    ]
    assert by_month(figures) == {
        datetime.date(2026, 7, 1): (1, 40),
        datetime.date(2026, 3, 1): (1, 60),
        datetime.date(2026, 1, 1): (1, 25),
    }
    assert figures["activities"]["by_year"] == [{"year": 2026, "count": 3, "audience": 125}]


def test_district_rolls_up_its_communes(tree):
    _province, district, _commune = tree
    figures = figures_for(district)
    assert figures["unit_count"] == 2
    assert by_kind(figures) == {"reporter": 1, "propagandist": 2}
    fields = {row["slug"]: (row["reporter"], row["propagandist"]) for row in figures["people"]["by_field"]}
    assert fields == {"dat-dai": (1, 0), "hon-nhan-gia-dinh": (1, 1)}
    assert by_month(figures)[datetime.date(2026, 3, 1)] == (3, 210)
    assert figures["activities"]["count"] == 5
    assert figures["activities"]["audience"] == 275


def test_province_rolls_up_the_whole_tree(tree):
    province, _district, _commune = tree
    figures = figures_for(province)
    assert figures["unit_count"] == 3
    assert figures["people"]["active"] == 4
    assert by_kind(figures) == {"reporter": 2, "propagandist": 2}
    assert figures["people"]["by_field"][0] == {
        "field": "Đất đai",
        "slug": "dat-dai",
        "reporter": 2,
        "propagandist": 0,
        "total": 2,
    }
    assert figures["activities"]["by_year"] == [
        {"year": 2026, "count": 5, "audience": 275},
        {"year": 2025, "count": 1, "audience": 200},
    ]


def test_figures_are_cached_until_the_register_changes(tree):
    province, _district, commune = tree
    figures_for(province)
    with CaptureQueriesContext(connection) as cached:
        figures_for(province)
    assert len(cached.captured_queries) == 0
    person(commune, full_name="Ngô Thị Mới", kind="propagandist", decision_number="77/QĐ")
    assert by_kind(figures_for(province))["propagandist"] == 3
    with CaptureQueriesContext(connection) as fresh:
        figures_for(province)
    assert len(fresh.captured_queries) == 0


def test_statistics_pages_show_the_rolled_up_figures(client, tree):
    province, district, commune = tree
    html = client.get("/so-lieu-thong-ke/", HTTP_HOST=province.site.hostname).content.decode()
    assert "và các đơn vị trực thuộc (3 đơn vị)" in html
    assert "<strong>4</strong>" in html  # active people in the province
    assert '<a href="?nam=2025">2025</a>' in html
    assert '<th scope="row">03/2026</th><td>3</td><td>210</td>' in html
    html = client.get(
        "/so-lieu-thong-ke/", {"nam": "2025"}, HTTP_HOST=province.site.hostname
    ).content.decode()
    assert '<th scope="row">11/2025</th><td>1</td><td>200</td>' in html
    html = client.get("/so-lieu-thong-ke/", HTTP_HOST=commune.site.hostname).content.decode()
    assert "Số liệu của Xã Minh Hòa." in html
    assert "<strong>2</strong>" in html

"""The public directory of reporters and propagandists, and its page rules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from home.models import PortalHomePage, UnitHomePage
from legal_docs.models import LegalField
from multisite.models import UnitKind
from reporters.models import DirectoryPage, StatisticsPage
from tests.factories import UnitFactory, person, reporter_activity, section

pytestmark = pytest.mark.django_db

PATH = "/bao-cao-vien-tuyen-truyen-vien/"


def get(client, unit, path=PATH, **params):
    return client.get(path, params, HTTP_HOST=unit.site.hostname)


def test_reporters_section_is_a_directory_page(unit_a):
    assert isinstance(section(unit_a, "reporters"), DirectoryPage)
    assert isinstance(section(unit_a, "statistics"), StatisticsPage)


def test_withdrawn_people_are_not_public(client, unit_a):
    active = person(unit_a, full_name="Nguyễn Văn An")
    suspended = person(unit_a, full_name="Trần Thị Bích", decision_number="2/QĐ", status="suspended")
    withdrawn = person(
        unit_a,
        full_name="Lê Văn Cường",
        decision_number="3/QĐ",
        status="withdrawn",
        status_date=datetime.date(2026, 1, 5),
    )
    html = get(client, unit_a).content.decode()
    assert "Nguyễn Văn An" in html
    assert "Trần Thị Bích" in html and "Tạm đình chỉ" in html
    assert "Lê Văn Cường" not in html
    assert get(client, unit_a, f"{PATH}nguoi/{active.pk}/").status_code == 200
    assert get(client, unit_a, f"{PATH}nguoi/{suspended.pk}/").status_code == 200
    assert get(client, unit_a, f"{PATH}nguoi/{withdrawn.pk}/").status_code == 404
    # Asking for withdrawn people by URL shows nobody either.
    html = get(client, unit_a, tinh_trang="withdrawn").content.decode()
    assert "Lê Văn Cường" not in html and "Nguyễn Văn An" not in html


def test_contact_details_only_with_consent(client, unit_a):
    agreed = person(
        unit_a,
        full_name="Nguyễn Văn An",
        phone="0909 111 222",
        email="an@example.vn",
        address="Ấp 1",
        contact_public=True,
    )
    private = person(
        unit_a,
        full_name="Trần Thị Bích",
        decision_number="2/QĐ",
        phone="0909 333 444",
        email="bich@example.vn",
        address="Ấp 2",
        contact_public=False,
    )
    html = get(client, unit_a, f"{PATH}nguoi/{agreed.pk}/").content.decode()
    assert "0909 111 222" in html and "an@example.vn" in html and "Ấp 1" in html
    html = get(client, unit_a, f"{PATH}nguoi/{private.pk}/").content.decode()
    assert "Trần Thị Bích" in html
    assert "0909 333 444" not in html and "bich@example.vn" not in html and "Ấp 2" not in html
    listing = get(client, unit_a).content.decode()
    assert "0909" not in listing


def test_profile_shows_the_persons_activities_newest_first(client, unit_a):
    an = person(unit_a, full_name="Nguyễn Văn An")
    reporter_activity(an, date=datetime.date(2026, 2, 1), topic="Luật Đất đai năm 2024")
    reporter_activity(
        an, date=datetime.date(2026, 5, 1), topic="Phòng, chống ma túy", form="school", audience=320
    )
    html = get(client, unit_a, f"{PATH}nguoi/{an.pk}/").content.decode()
    assert html.index("Phòng, chống ma túy") < html.index("Luật Đất đai năm 2024")
    assert "01/05/2026" in html and "Trong trường học" in html and "320" in html


def test_filters_by_kind_field_status_and_name(client, unit_a):
    land = LegalField.objects.get(slug="dat-dai")
    family = LegalField.objects.get(slug="hon-nhan-gia-dinh")
    person(unit_a, full_name="Nguyễn Văn An", legal_fields=[land])
    person(
        unit_a, full_name="Trần Thị Bích", decision_number="2/QĐ", kind="propagandist", legal_fields=[family]
    )
    person(
        unit_a,
        full_name="Nguyễn Thị Hoa",
        decision_number="3/QĐ",
        status="suspended",
        legal_fields=[land, family],
    )

    def names(**params):
        html = get(client, unit_a, **params).content.decode()
        return {n for n in ("Nguyễn Văn An", "Trần Thị Bích", "Nguyễn Thị Hoa") if n in html}

    assert names(loai="propagandist") == {"Trần Thị Bích"}
    assert names(linh_vuc="dat-dai") == {"Nguyễn Văn An", "Nguyễn Thị Hoa"}
    assert names(tinh_trang="suspended") == {"Nguyễn Thị Hoa"}
    assert names(q="nguyen") == {"Nguyễn Văn An", "Nguyễn Thị Hoa"}
    assert names(q="Nguyễn Văn") == {"Nguyễn Văn An"}
    assert names(q="TRAN THI BICH") == {"Trần Thị Bích"}
    assert names(loai="reporter", linh_vuc="hon-nhan-gia-dinh") == {"Nguyễn Thị Hoa"}
    assert names(loai="nonsense") == set()


def test_unit_site_covers_its_tree_and_the_portal_covers_the_province(client, province):
    district = UnitFactory(code="huyen-x", name="Huyện Xuân Lộc", kind=UnitKind.DISTRICT)
    commune = UnitFactory(code="xa-x", name="Xã Xuân Hiệp", parent=district)
    other = UnitFactory(code="xa-y", name="Xã Yên Thế")
    person(province, full_name="Phạm Văn Tỉnh", level="province")
    person(district, full_name="Đặng Thị Huyện", level="district")
    person(commune, full_name="Bùi Văn Xã", kind="propagandist")
    outsider = person(other, full_name="Võ Thị Khác", kind="propagandist")

    def names(unit, **params):
        html = get(client, unit, **params).content.decode()
        return {n for n in ("Phạm Văn Tỉnh", "Đặng Thị Huyện", "Bùi Văn Xã", "Võ Thị Khác") if n in html}

    assert names(province) == {"Phạm Văn Tỉnh", "Đặng Thị Huyện", "Bùi Văn Xã", "Võ Thị Khác"}
    assert names(district) == {"Đặng Thị Huyện", "Bùi Văn Xã"}
    assert names(commune) == {"Bùi Văn Xã"}
    assert names(province, don_vi=commune.pk) == {"Bùi Văn Xã"}
    # The portal names each person's unit; a unit site cannot show people outside its tree.
    assert "Xã Yên Thế" in get(client, province).content.decode()
    assert get(client, district, f"{PATH}nguoi/{outsider.pk}/").status_code == 404
    assert get(client, province, f"{PATH}nguoi/{outsider.pk}/").status_code == 200
    assert names(district, don_vi=other.pk) == set()


def test_pagination_keeps_the_filters(client, unit_a):
    for number in range(25):
        person(
            unit_a,
            full_name=f"Nguyễn Văn Số {number:02d}",
            decision_number=f"{number}/QĐ",
            kind="propagandist",
        )
    person(unit_a, full_name="Trần Văn Khác", decision_number="99/QĐ")
    html = get(client, unit_a, loai="propagandist").content.decode()
    assert "25 người" in html
    assert "?loai=propagandist&amp;trang=2" in html
    html = get(client, unit_a, loai="propagandist", trang=2).content.decode()
    assert "Nguyễn Văn Số 24" in html and "Trần Văn Khác" not in html


def test_directory_queries_do_not_grow_with_the_page(client, unit_a):
    land = LegalField.objects.get(slug="dat-dai")
    for number in range(3):
        person(unit_a, full_name=f"Người {number}", decision_number=f"{number}/QĐ", legal_fields=[land])
    get(client, unit_a)
    with CaptureQueriesContext(connection) as few:
        get(client, unit_a)
    for number in range(3, 20):
        person(unit_a, full_name=f"Người {number}", decision_number=f"{number}/QĐ", legal_fields=[land])
    get(client, unit_a)  # the register changed: the unit tree is read again once, then cached
    with CaptureQueriesContext(connection) as many:
        get(client, unit_a)
    assert len(many.captured_queries) == len(few.captured_queries)


class RegisterPageRulesTest(WagtailPageTestCase):
    """The register's pages sit directly under a site's home and have no children."""

    def test_directory_and_statistics_pages(self):
        for model in (DirectoryPage, StatisticsPage):
            self.assertAllowedParentPageTypes(model, {PortalHomePage, UnitHomePage})
            self.assertAllowedSubpageTypes(model, set())
            self.assertCanCreateAt(UnitHomePage, model)
            self.assertCanCreateAt(PortalHomePage, model)

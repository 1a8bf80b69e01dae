"""The coordination council section: members, documents, activities and page rules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from council.models import CouncilActivityPage, CouncilDecision, CouncilMember, CouncilPage, CouncilPlan
from home.models import PortalHomePage, SectionPage, UnitHomePage
from multisite.models import UnitSection
from multisite.provisioning import upgrade_section_pages
from tests.factories import council_activity, section
from tests.media import document_in, image_in

pytestmark = pytest.mark.django_db

PATH = "/hoi-dong-phoi-hop/"


def get(client, unit, path=PATH, **params):
    return client.get(path, params, HTTP_HOST=unit.site.hostname)


def test_council_section_is_a_council_page(unit_a, province):
    assert isinstance(section(unit_a, "council"), CouncilPage)
    assert isinstance(section(province, "council"), CouncilPage)


def test_council_page_shows_members_decisions_and_plans(client, unit_a):
    page = section(unit_a, "council")
    photo = image_in(unit_a.collection, title="Ảnh chủ tịch")
    page.members = [
        CouncilMember(
            name="Nguyễn Văn Hùng", council_position="Chủ tịch Hội đồng", agency="UBND xã", sort_order=1
        ),
        CouncilMember(
            name="Trần Thị Hà",
            council_position="Phó Chủ tịch",
            work_position="Công chức Tư pháp",
            photo=photo,
            photo_alt="Chân dung bà Trần Thị Hà",
            sort_order=0,
        ),
    ]
    page.decisions = [
        CouncilDecision(
            title="Quyết định kiện toàn Hội đồng",
            number="15/QĐ-UBND",
            date=datetime.date(2025, 7, 1),
            document=document_in(unit_a.collection, "Quyết định 15"),
        )
    ]
    page.plans = [
        CouncilPlan(
            year=2025, kind="report", title="Báo cáo kết quả", document=document_in(unit_a.collection)
        ),
        CouncilPlan(year=2026, kind="plan", title="Kế hoạch PBGDPL", document=document_in(unit_a.collection)),
    ]
    page.save_revision().publish()
    html = get(client, unit_a).content.decode()
    assert html.index("Trần Thị Hà") < html.index("Nguyễn Văn Hùng")  # the editor's order
    assert 'alt="Chân dung bà Trần Thị Hà"' in html
    assert "15/QĐ-UBND ngày 01/07/2025: Quyết định kiện toàn Hội đồng" in html
    assert html.index("Kế hoạch năm 2026") < html.index("Báo cáo năm 2025")


def test_activities_newest_first_and_only_published(client, unit_a):
    council_activity(unit_a, "Phiên họp quý I", datetime.date(2026, 3, 20))
    council_activity(unit_a, "Kiểm tra tại ấp 3", datetime.date(2026, 9, 1), kind="inspection")
    council_activity(unit_a, "Chiến dịch tháng 11", datetime.date(2026, 11, 9), kind="campaign")
    council_activity(unit_a, "Bản nháp chưa duyệt", datetime.date(2026, 12, 1), publish=False)
    html = get(client, unit_a).content.decode()
    assert html.index("Chiến dịch tháng 11") < html.index("Kiểm tra tại ấp 3") < html.index("Phiên họp quý I")
    assert "Bản nháp chưa duyệt" not in html
    assert "Kiểm tra, giám sát" in html


def test_activities_are_paginated(client, unit_a):
    for day in range(1, 13):
        council_activity(unit_a, f"Hoạt động ngày {day:02d}", datetime.date(2026, 5, day))
    html = get(client, unit_a).content.decode()
    assert "Hoạt động ngày 12" in html and "Hoạt động ngày 02" not in html
    html = get(client, unit_a, trang=2).content.decode()
    assert "Hoạt động ngày 02" in html and "Hoạt động ngày 12" not in html


def test_provincial_council_page_lists_every_councils_activities(client, province, unit_a, unit_b):
    council_activity(province, "Phiên họp Hội đồng tỉnh", datetime.date(2026, 10, 1))
    council_activity(unit_a, "Phiên họp Hội đồng xã An Phú", datetime.date(2026, 10, 5))
    council_activity(unit_b, "Kiểm tra của xã Bình Hòa", datetime.date(2026, 9, 5), kind="inspection")
    html = get(client, province).content.decode()
    assert "Hoạt động của Hội đồng phối hợp các cấp" in html
    assert html.index("Phiên họp Hội đồng xã An Phú") < html.index("Phiên họp Hội đồng tỉnh")
    assert html.index("Phiên họp Hội đồng tỉnh") < html.index("Kiểm tra của xã Bình Hòa")
    assert "Xã An Phú" in html and "Xã Bình Hòa" in html
    assert f"http://{unit_a.site.hostname}{PATH}" in html  # links to the unit's own site
    # A unit's council page shows only its own council.
    html = get(client, unit_a).content.decode()
    assert "Phiên họp Hội đồng xã An Phú" in html
    assert "Phiên họp Hội đồng tỉnh" not in html and "Kiểm tra của xã Bình Hòa" not in html


def test_provincial_listing_costs_the_same_for_more_activities(client, province, unit_a, unit_b):
    council_activity(unit_a, "Hoạt động 1", datetime.date(2026, 1, 1))
    get(client, province)
    with CaptureQueriesContext(connection) as few:
        get(client, province)
    for number in range(2, 9):
        council_activity(
            unit_b if number % 2 else unit_a, f"Hoạt động {number}", datetime.date(2026, 1, number)
        )
    get(client, province)
    with CaptureQueriesContext(connection) as many:
        get(client, province)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_activity_page_shows_photos_with_alt_and_files(client, unit_a):
    from council.models import CouncilActivityFile, CouncilActivityPhoto

    page = council_activity(
        unit_a,
        "Phiên họp tổng kết năm 2026",
        datetime.date(2026, 12, 20),
        place="Hội trường UBND xã",
        body="<p>Hội đồng đánh giá kết quả năm.</p>",
        participants="Các thành viên Hội đồng",
    )
    page.photos = [
        CouncilActivityPhoto(
            image=image_in(unit_a.collection), alt="Toàn cảnh phiên họp", caption="Phiên họp"
        )
    ]
    page.files = [CouncilActivityFile(document=document_in(unit_a.collection, "Biên bản phiên họp"))]
    page.save_revision().publish()
    html = get(client, unit_a, page.get_url_parts()[2]).content.decode()
    assert "Phiên họp tổng kết năm 2026" in html
    assert 'alt="Toàn cảnh phiên họp"' in html
    assert "Biên bản phiên họp" in html
    assert "20/12/2026" in html and "Hội trường UBND xã" in html and "Phiên họp" in html


def test_editors_add_activities_to_their_own_council_only(client, unit_a, unit_b, editor_a):
    client.force_login(editor_a)
    own = section(unit_a, "council")
    other = section(unit_b, "council")
    add = "wagtailadmin_pages:add"
    assert client.get(reverse(add, args=["council", "councilactivitypage", own.pk])).status_code == 200
    response = client.get(reverse(add, args=["council", "councilactivitypage", other.pk]))
    assert response.status_code in {302, 403}


def test_upgrade_turns_an_old_section_page_into_a_council_page(client, unit_a):
    """Units provisioned before the council app had a plain SectionPage here."""
    unit_section = UnitSection.objects.get(unit=unit_a, key="council")
    unit_section.page.delete()
    root = unit_a.site.root_page
    old = root.add_child(
        instance=SectionPage(
            title="Hội đồng phối hợp PBGDPL", slug="hoi-dong-phoi-hop", intro="<p>Giới thiệu cũ</p>"
        )
    )
    unit_section.page = old
    unit_section.save()
    assert upgrade_section_pages("council", "council.CouncilPage") == 1
    assert upgrade_section_pages("council", "council.CouncilPage") == 0
    page = Page.objects.get(pk=old.pk).specific
    assert isinstance(page, CouncilPage)
    assert page.intro == "<p>Giới thiệu cũ</p>"
    assert not SectionPage.objects.filter(pk=old.pk).exists()
    council_activity(unit_a, "Phiên họp đầu tiên", datetime.date(2026, 2, 2))
    html = get(client, unit_a).content.decode()
    assert "Giới thiệu cũ" in html and "Phiên họp đầu tiên" in html


class CouncilPageRulesTest(WagtailPageTestCase):
    def test_council_page_sits_under_a_site_home(self):
        self.assertAllowedParentPageTypes(CouncilPage, {PortalHomePage, UnitHomePage})
        self.assertAllowedSubpageTypes(CouncilPage, {CouncilActivityPage})

    def test_activity_pages_sit_under_a_council(self):
        self.assertAllowedParentPageTypes(CouncilActivityPage, {CouncilPage})
        self.assertAllowedSubpageTypes(CouncilActivityPage, set())

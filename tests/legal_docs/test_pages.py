"""Legal document pages: where they may live, what a citizen sees, who may edit them."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import ArticlePage, PortalHomePage, SectionPage, UnitHomePage
from legal_docs.models import (
    DocumentType,
    IntroductionMaterialPage,
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    MaterialType,
)
from multisite.provisioning import upgrade_section_pages
from multisite.upgrade import upgrade_sections
from tests.factories import LegalDocumentFactory, legal_document, section

pytestmark = pytest.mark.django_db
REFUSED = {302, 403, 404}


class LegalPageTreeRulesTest(WagtailPageTestCase):
    """The legal section sits at a site's top level; documents and materials only inside it."""

    def test_index_page(self):
        self.assertAllowedParentPageTypes(LegalDocumentIndexPage, {PortalHomePage, UnitHomePage})
        self.assertAllowedSubpageTypes(LegalDocumentIndexPage, {LegalDocumentPage, IntroductionMaterialPage})
        self.assertCanCreateAt(UnitHomePage, LegalDocumentIndexPage)
        self.assertCanNotCreateAt(SectionPage, LegalDocumentIndexPage)

    def test_document_page(self):
        self.assertAllowedParentPageTypes(LegalDocumentPage, {LegalDocumentIndexPage})
        self.assertAllowedSubpageTypes(LegalDocumentPage, set())
        self.assertCanCreateAt(LegalDocumentIndexPage, LegalDocumentPage)
        self.assertCanNotCreateAt(SectionPage, LegalDocumentPage)
        self.assertCanNotCreateAt(UnitHomePage, LegalDocumentPage)
        self.assertCanNotCreateAt(LegalDocumentIndexPage, ArticlePage)

    def test_introduction_material_page(self):
        self.assertAllowedParentPageTypes(IntroductionMaterialPage, {LegalDocumentIndexPage})
        self.assertAllowedSubpageTypes(IntroductionMaterialPage, set())
        self.assertCanCreateAt(LegalDocumentIndexPage, IntroductionMaterialPage)
        self.assertCanNotCreateAt(SectionPage, IntroductionMaterialPage)


def test_provisioned_unit_has_a_legal_document_section(client, unit_a):
    index = section(unit_a, "legal_documents")
    assert isinstance(index, LegalDocumentIndexPage)
    response = client.get("/van-ban-phap-luat-moi/", HTTP_HOST=unit_a.site.hostname)
    assert response.status_code == 200
    assert "<h1>Văn bản pháp luật mới</h1>" in response.content.decode()


def test_document_page_shows_metadata_as_a_definition_list(client, unit_a):
    page = legal_document(
        unit_a,
        "43/2025/NĐ-CP",
        title="Nghị định quy định chức năng, nhiệm vụ của Bộ Tư pháp",
        signer="Trần Hồng Hà",
        signer_title="Phó Thủ tướng",
        issue_date=datetime.date(2025, 2, 28),
        effective_date=datetime.date(2025, 3, 1),
        expiry_date=datetime.date(2030, 12, 31),
        effect_status="partly_expired",
        fields=["bo-may-hanh-chinh"],
        body="<p>Điều 1. Vị trí và chức năng</p>",
        source_url="https://vbpl.vn/van-ban/43",
    )
    html = client.get(page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert '<dt>Số, ký hiệu</dt><dd class="document-number">43/2025/NĐ-CP</dd>' in html
    assert '<dt>Ngày ban hành</dt><dd><time datetime="2025-02-28">28/02/2025</time></dd>' in html
    assert '<time datetime="2025-03-01">01/03/2025</time>' in html
    assert "31/12/2030" in html
    assert "Trần Hồng Hà – Phó Thủ tướng" in html
    assert "Hết hiệu lực một phần" in html
    assert "Bộ máy hành chính" in html
    assert "<p>Điều 1. Vị trí và chức năng</p>" in html
    assert 'href="https://vbpl.vn/van-ban/43"' in html


def test_relations_are_shown_on_both_sides(client, unit_a):
    law = legal_document(unit_a, "31/2024/QH15", document_type="luat", issuing_body="quoc-hoi")
    decree = legal_document(unit_a, "102/2024/NĐ-CP", relations=[("guides", law)])
    old = legal_document(unit_a, "43/2014/NĐ-CP", effect_status="expired")
    newer = LegalDocumentFactory(unit=unit_a, number="103/2024/NĐ-CP", relations=[("replaces", old)])
    host = unit_a.site.hostname

    html = client.get(decree.url, HTTP_HOST=host).content.decode()
    assert "<h3>Hướng dẫn văn bản</h3>" in html and "31/2024/QH15" in html
    html = client.get(law.url, HTTP_HOST=host).content.decode()
    assert "<h3>Được hướng dẫn bởi</h3>" in html and "102/2024/NĐ-CP" in html
    html = client.get(old.url, HTTP_HOST=host).content.decode()
    assert "<h3>Bị thay thế bởi</h3>" in html and newer.document_number in html


def test_unpublished_source_is_not_shown_on_the_target(client, unit_a):
    law = legal_document(unit_a, "31/2024/QH15", document_type="luat", issuing_body="quoc-hoi")
    legal_document(unit_a, "99/2025/NĐ-CP", relations=[("amends", law)], publish=False)
    html = client.get(law.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "99/2025/NĐ-CP" not in html and "Được sửa đổi, bổ sung bởi" not in html


def test_introduction_material_links_to_its_document_and_is_listed_on_it(client, unit_a):
    law = legal_document(unit_a, "31/2024/QH15", document_type="luat", issuing_body="quoc-hoi")
    index = section(unit_a, "legal_documents")
    outline = index.add_child(
        instance=IntroductionMaterialPage(
            title="Đề cương giới thiệu Luật Đất đai năm 2024",
            material_type=MaterialType.OUTLINE,
            document=law,
            date=datetime.date(2025, 1, 5),
        )
    )
    host = unit_a.site.hostname
    html = client.get(law.url, HTTP_HOST=host).content.decode()
    assert "Tài liệu giới thiệu văn bản" in html and outline.title in html and "Đề cương giới thiệu" in html
    html = client.get(outline.url, HTTP_HOST=host).content.decode()
    assert "Văn bản được giới thiệu:" in html and f'href="{law.relative_url(unit_a.site)}"' in html


def test_editor_creates_a_document_through_the_admin(client, unit_a, editor_a):
    client.force_login(editor_a)
    index = section(unit_a, "legal_documents")
    url = reverse("wagtailadmin_pages:add", args=["legal_docs", "legaldocumentpage", index.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Quyết định ban hành quy chế phối hợp",
            "slug": "qd-15-2025",
            "document_number": "15/2025/QĐ-UBND",
            "document_type": DocumentType.objects.get(slug="quyet-dinh").pk,
            "issuing_body": IssuingBody.objects.get(slug="uy-ban-nhan-dan-tinh").pk,
            "issue_date": "2025-05-02",
            "effect_status": "in_force",
            "summary": "Ban hành quy chế phối hợp trong công tác phổ biến, giáo dục pháp luật.",
            "body": rich_text("<p>Điều 1.</p>"),
            "attachments": inline_formset([]),
            "relations": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = LegalDocumentPage.objects.get(document_number="15/2025/QĐ-UBND")
    assert page.get_parent().pk == index.pk
    assert page.unit_id == unit_a.pk and page.issue_year == 2025
    assert not page.live


def test_admin_refuses_an_expiry_before_the_effective_date(client, unit_a, editor_a):
    client.force_login(editor_a)
    page = legal_document(unit_a, "15/2025/QĐ-UBND", publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "document_number": page.document_number,
            "document_type": page.document_type_id,
            "issuing_body": page.issuing_body_id,
            "issue_date": "2025-05-02",
            "effective_date": "2025-06-01",
            "expiry_date": "2025-05-01",
            "effect_status": "in_force",
            "summary": page.summary,
            "body": rich_text(""),
            "attachments": inline_formset([]),
            "relations": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ngày hết hiệu lực không thể trước ngày có hiệu lực." in response.content.decode()


def test_editor_of_another_unit_cannot_touch_the_documents(client, unit_a, unit_b, editor_b):
    page = legal_document(unit_a, "43/2025/NĐ-CP", title="Văn bản của xã An Phú")
    index = section(unit_a, "legal_documents")
    client.force_login(editor_b)
    for response in (
        client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        client.get(reverse("wagtailadmin_pages:add", args=["legal_docs", "legaldocumentpage", index.pk])),
        client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])),
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {"title": "Đã bị sửa", "slug": page.slug, "action-publish": "1"},
        ),
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])),
    ):
        assert response.status_code in REFUSED
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
    page.refresh_from_db()
    assert page.title == "Văn bản của xã An Phú" and page.live
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "An Phú"})
    assert "Văn bản của xã An Phú" not in response.content.decode()


def test_portal_home_lists_the_latest_documents_of_every_unit(client, province, unit_a, unit_b):
    legal_document(unit_a, "12/2025/QĐ-UBND", title="Quyết định của xã An Phú", document_type="quyet-dinh")
    legal_document(unit_b, "7/KH-UBND", title="Kế hoạch nháp của xã Bình Hòa", publish=False)
    html = client.get("/", HTTP_HOST=province.site.hostname).content.decode()
    assert '<h2 id="van-ban-moi">Văn bản pháp luật mới</h2>' in html
    assert "Quyết định của xã An Phú" in html and "12/2025/QĐ-UBND" in html
    assert '<span class="item-unit">Xã An Phú</span>' in html
    assert "Kế hoạch nháp của xã Bình Hòa" not in html
    legal_document(unit_b, "8/2025/QĐ-UBND", title="Quyết định mới của xã Bình Hòa")
    html = client.get("/", HTTP_HOST=province.site.hostname).content.decode()
    assert "Quyết định mới của xã Bình Hòa" in html


def test_upgrade_sections_converts_an_old_legal_section_in_place(client, unit_a, without_unit_b):
    index = section(unit_a, "legal_documents")
    # As provisioned before legal_docs existed.
    assert upgrade_section_pages("legal_documents", "home.SectionPage") == 2  # unit and province
    assert type(Page.objects.get(pk=index.pk).specific) is SectionPage
    changed = upgrade_sections()
    assert {(row.unit.code, row.key) for row in changed} == {
        (unit_a.code, "legal_documents"),
        (unit_a.parent.code, "legal_documents"),
    }
    page = Page.objects.get(pk=index.pk).specific
    assert isinstance(page, LegalDocumentIndexPage)
    assert page.intro == index.intro and page.url == index.url
    assert upgrade_sections() == []
    legal_document(unit_a, "43/2025/NĐ-CP")
    assert client.get("/van-ban-phap-luat-moi/", HTTP_HOST=unit_a.site.hostname).status_code == 200


def test_admin_forms_open_for_the_units_editor(client, unit_a, editor_a):
    client.force_login(editor_a)
    index = section(unit_a, "legal_documents")
    page = legal_document(unit_a, "43/2025/NĐ-CP")
    for url in (
        reverse("wagtailadmin_pages:add", args=["legal_docs", "introductionmaterialpage", index.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[index.pk]),
        reverse("wagtailadmin_explore", args=[index.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Thuộc tính văn bản" in html and "Văn bản liên quan" in html and "Tệp đính kèm" in html

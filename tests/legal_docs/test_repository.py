"""One document, many listings: the province's shared repository (issue 12)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from legal_docs.models import DocumentListing, DocumentListingRule, LegalDocumentPage, LegalField
from legal_docs.repository import repository_section
from tests import factories
from tests.legal_docs.conftest import record
from tests.search.conftest import refresh


def import_for(unit, path, *extra):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_legal_docs", str(path), "--unit", unit.code, *extra, stdout=out, stderr=err)
    except CommandError as error:
        raise AssertionError(f"{error}\n{err.getvalue()}") from error
    return out.getvalue()


def central(number="31/2024/QH15", **values):
    values.setdefault("document_type", "Luật")
    values.setdefault("issuing_body", "Quốc hội")
    values.setdefault("fields", ["Đất đai"])
    values.setdefault("summary", "Luật Đất đai.")
    values.setdefault("title", "Luật Đất đai")
    return record(number, level=None, **values)


def listing_html(client, unit):
    response = client.get("/van-ban-phap-luat-moi/", HTTP_HOST=unit.site.hostname)
    assert response.status_code == 200
    return response.content.decode()


def test_a_central_document_imported_by_two_units_exists_once_in_the_repository(
    client, province, unit_a, unit_b, jsonl
):
    path = jsonl([central()])
    assert "Đã nhập 1" in import_for(unit_a, path, "--list")
    assert "Đã nhập 0, cập nhật 0, không đổi 1" in import_for(unit_b, path, "--list")
    (law,) = LegalDocumentPage.objects.filter(document_number="31/2024/QH15")
    assert law.unit_id == province.pk and law.level == "central"
    assert law.get_parent().pk == repository_section().pk
    assert set(DocumentListing.objects.filter(document=law).values_list("unit_id", flat=True)) == {
        unit_a.pk,
        unit_b.pk,
    }
    for unit in (unit_a, unit_b):
        assert "Luật Đất đai" in listing_html(client, unit)
    page = client.get(law.url, HTTP_HOST=province.site.hostname).content.decode()
    assert "Đơn vị niêm yết văn bản" in page and "Xã An Phú" in page and "Xã Bình Hòa" in page
    assert f'<link rel="canonical" href="{law.full_url}">' in page


def test_a_central_amendment_edited_once_shows_on_every_unit_listing_it(client, unit_a, unit_b, jsonl):
    path = jsonl([central()])
    import_for(unit_a, path, "--list")
    import_for(unit_b, path, "--list")
    law = LegalDocumentPage.objects.get(document_number="31/2024/QH15")
    law.title = "Luật Đất đai (đã sửa đổi, bổ sung năm 2025)"
    law.save_revision().publish()
    for unit in (unit_a, unit_b):
        assert "Luật Đất đai (đã sửa đổi, bổ sung năm 2025)" in listing_html(client, unit)


def test_a_number_already_in_the_repository_is_updated_never_copied(unit_a, unit_b, jsonl):
    import_for(unit_a, jsonl([central()]))
    out = import_for(unit_b, jsonl([central(summary="Luật Đất đai số 31/2024/QH15, bản cập nhật.")]))
    assert "Đã nhập 0, cập nhật 1" in out
    (law,) = LegalDocumentPage.objects.filter(number_key="31/2024/qh15")
    assert law.summary == "Luật Đất đai số 31/2024/QH15, bản cập nhật."


def test_local_documents_belong_to_the_importing_unit(unit_a, jsonl):
    import_for(unit_a, jsonl([record("12/QĐ-UBND", issuing_body="Ủy ban nhân dân Xã An Phú", level=None)]))
    document = LegalDocumentPage.objects.get(document_number="12/QĐ-UBND")
    assert document.unit_id == unit_a.pk and document.level == "commune"


def test_the_level_is_taken_by_code_or_vietnamese_label_and_a_wrong_one_is_refused(unit_a, jsonl):
    import_for(
        unit_a, jsonl([record("1/2025/QĐ-UBND", issuing_body="Ủy ban nhân dân tỉnh", level="Cấp tỉnh")])
    )
    assert LegalDocumentPage.objects.get(document_number="1/2025/QĐ-UBND").level == "provincial"
    with pytest.raises(AssertionError, match="Dòng 1: cấp ban hành"):
        import_for(unit_a, jsonl([record("2/2025/QĐ-UBND", level="Cấp bộ")]))


def test_a_rule_lists_every_matching_repository_document(client, province, unit_a, unit_b):
    land = factories.legal_document(
        province, "31/2024/QH15", "Luật Đất đai", fields=["dat-dai"], level="central"
    )
    other = factories.legal_document(province, "28/2013/NĐ-CP", "Nghị định về phổ biến", level="central")
    rule = DocumentListingRule.objects.create(unit=unit_b, title="Trung ương – đất đai", level="central")
    rule.fields.set(LegalField.objects.filter(slug="dat-dai"))
    html = listing_html(client, unit_b)
    assert "Luật Đất đai" in html and "Nghị định về phổ biến" not in html
    assert "Luật Đất đai" not in listing_html(client, unit_a)
    assert land.listed_by() == ["Xã Bình Hòa"] and other.listed_by() == []


def test_a_listed_document_is_filtered_and_counted_like_the_units_own(client, province, unit_a):
    law = factories.legal_document(
        province, "31/2024/QH15", "Luật Đất đai", document_type="luat", level="central"
    )
    factories.legal_document(
        unit_a, "5/QĐ-UBND", "Quyết định của xã", document_type="quyet-dinh", level="commune"
    )
    DocumentListing.objects.create(unit=unit_a, document=law)
    html = listing_html(client, unit_a)
    assert "Có 2 văn bản." in html and "Từ kho văn bản dùng chung của tỉnh" in html
    filtered = client.get("/van-ban-phap-luat-moi/", {"loai": "luat"}, HTTP_HOST=unit_a.site.hostname)
    text = filtered.content.decode()
    assert "Có 1 văn bản." in text and "Luật Đất đai" in text and "Quyết định của xã" not in text


def test_search_shows_one_hit_naming_every_unit_that_lists_it(client, province, unit_a, unit_b):
    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", level="central")
    for unit in (unit_a, unit_b):
        DocumentListing.objects.create(unit=unit, document=law)
    refresh()
    data = client.get("/api/search/", {"q": "Luật Đất đai"}, HTTP_HOST=province.site.hostname).json()
    hits = [hit for hit in data["results"] if hit["document_number"] == "31/2024/QH15"]
    assert len(hits) == 1 and hits[0]["listed_by"] == ["Xã An Phú", "Xã Bình Hòa"]
    html = client.get("/search/", {"q": "Luật Đất đai"}, HTTP_HOST=province.site.hostname).content.decode()
    assert "Niêm yết tại: Xã An Phú, Xã Bình Hòa" in html


def test_a_unit_site_search_finds_what_the_unit_lists(client, province, unit_a, unit_b):
    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", level="central")
    DocumentListing.objects.create(unit=unit_a, document=law)
    refresh()

    def numbers(unit):
        data = client.get("/api/search/", {"q": "Luật Đất đai"}, HTTP_HOST=unit.site.hostname).json()
        return [hit["document_number"] for hit in data["results"]]

    assert numbers(unit_a) == ["31/2024/QH15"]
    assert numbers(unit_b) == []


def test_a_second_copy_is_refused_in_the_admin(province, unit_a):
    factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", issuing_body="quoc-hoi")
    copy = LegalDocumentPage(
        document_number="31/2024/qh15", issuing_body_id=LegalDocumentPage.objects.get().issuing_body_id
    )
    with pytest.raises(ValidationError, match="Hãy niêm yết văn bản đó"):
        copy.validate_single_copy()


def test_a_unit_cannot_list_its_own_document_or_the_same_one_twice(province, unit_a):
    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai")
    own = factories.legal_document(unit_a, "5/QĐ-UBND", "Quyết định của xã")
    with pytest.raises(ValidationError, match="thuộc chính đơn vị"):
        DocumentListing(unit=unit_a, document=own).full_clean()
    DocumentListing.objects.create(unit=unit_a, document=law)
    with pytest.raises(ValidationError, match="đã niêm yết"):
        DocumentListing(unit=unit_a, document=law).clean()


# The admin ------------------------------------------------------------------------

REFUSED = (302, 403, 404)


def test_a_commune_editor_lists_a_repository_document_through_the_admin(client, province, unit_a, editor_a):
    from django.urls import reverse

    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", level="central")
    factories.legal_document(province, "9/2026/QĐ-UBND", "Dự thảo quyết định của tỉnh", publish=False)
    client.force_login(editor_a)
    chooser = client.get(reverse("wagtailadmin_choose_page_child", args=[repository_section().pk]))
    assert chooser.status_code == 200 and "Luật Đất đai" in chooser.json()["html"]
    assert "Dự thảo quyết định của tỉnh" not in chooser.json()["html"]  # the province's drafts stay private
    response = client.post(
        reverse("wagtailsnippets_legal_docs_documentlisting:add"),
        {"unit": unit_a.pk, "document": law.pk, "note": "Triển khai tại xã"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert DocumentListing.objects.get(unit=unit_a).document_id == law.pk
    assert "Luật Đất đai" in listing_html(client, unit_a)


def test_listings_and_rules_are_isolated_between_units(client, province, unit_b, editor_a):
    from django.urls import reverse

    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", level="central")
    listing = DocumentListing.objects.create(unit=unit_b, document=law, note="Ghi chú của xã B")
    rule = DocumentListingRule.objects.create(unit=unit_b, title="Quy tắc của xã B", level="central")
    client.force_login(editor_a)
    listed = client.get(reverse("wagtailsnippets_legal_docs_documentlisting:list")).content.decode()
    assert "Ghi chú của xã B" not in listed
    rules = client.get(reverse("wagtailsnippets_legal_docs_documentlistingrule:list")).content.decode()
    assert "Quy tắc của xã B" not in rules
    for name, obj in (("documentlisting", listing), ("documentlistingrule", rule)):
        for view in ("edit", "delete", "history", "usage"):
            response = client.get(reverse(f"wagtailsnippets_legal_docs_{name}:{view}", args=[obj.pk]))
            assert response.status_code in REFUSED, (name, view, response.status_code)
            if response.status_code == 302:
                assert "/login/" not in response["Location"]
    client.post(reverse("wagtailsnippets_legal_docs_documentlisting:delete", args=[listing.pk]))
    assert DocumentListing.objects.filter(pk=listing.pk).exists()


def test_a_rule_without_any_condition_is_refused_with_a_message(client, unit_a, editor_a):
    from django.urls import reverse

    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailsnippets_legal_docs_documentlistingrule:add"),
        {"unit": unit_a.pk, "title": "Mọi văn bản"},
    )
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một điều kiện" in response.content.decode()
    assert not DocumentListingRule.objects.exists()


def test_merging_copies_keeps_everything_and_redirects_the_old_address(client, province, unit_a):
    from django.apps import apps

    from legal_docs.merging import merge_duplicates
    from legal_docs.models import IntroductionMaterialPage

    law = factories.legal_document(province, "31/2024/QH15", "Luật Đất đai", issuing_body="quoc-hoi")
    # A copy made before the repository existed (the admin now refuses it).
    copy = factories.legal_document(
        unit_a, "31/2024/qh15", "Luật Đất đai", issuing_body="chinh-phu", fields=["dat-dai"]
    )
    plan = factories.legal_document(unit_a, "5/KH-UBND", "Kế hoạch của xã", relations=[("based_on", copy)])
    material = IntroductionMaterialPage(title="Đề cương Luật Đất đai", document=copy)
    copy.get_parent().add_child(instance=material)
    material.save_revision().publish()
    old_url = copy.relative_url(unit_a.site)
    LegalDocumentPage.objects.filter(pk=copy.pk).update(issuing_body_id=law.issuing_body_id)

    assert merge_duplicates(apps) == 1
    assert not LegalDocumentPage.objects.filter(pk=copy.pk).exists()
    assert plan.relations.get().target_id == law.pk
    material.refresh_from_db()
    assert material.document_id == law.pk
    assert list(law.fields.values_list("slug", flat=True)) == ["dat-dai"]
    assert DocumentListing.objects.filter(unit=unit_a, document=law).exists()
    response = client.get(old_url, HTTP_HOST=unit_a.site.hostname)
    assert response.status_code == 301 and response["Location"] == law.full_url

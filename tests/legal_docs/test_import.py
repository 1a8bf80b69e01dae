"""import_legal_docs / export_legal_docs through the real commands."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents.models import Document
from wagtail.models import Revision

from legal_docs.models import IssuingBody, LegalDocumentPage, LegalField
from tests.legal_docs.conftest import record

pytestmark = pytest.mark.django_db


def run_import(path, unit, *extra):
    """(stdout, stderr, exit status) of one run of the command."""
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("import_legal_docs", str(path), "--unit", unit.code, *extra, stdout=out, stderr=err)
    except CommandError as error:
        status = error.returncode
    return out.getvalue(), err.getvalue(), status


def docs(unit):
    return LegalDocumentPage.objects.filter(unit=unit)


def test_valid_file_is_imported_published_and_shown(client, unit_a, jsonl, pdf_file):
    path = jsonl(
        [
            record(
                "31/2024/QH15",
                document_type="Luật",
                issuing_body="Quốc hội",
                fields=["Đất đai"],
                summary="Luật Đất đai.",
                issue_date="2024-01-18",
                effective_date="2024-08-01",
            ),
            record(
                "102/2024/NĐ-CP",
                document_type="NĐ",
                issuing_body="Chính phủ",
                fields=["Đất đai"],
                summary="Quy định chi tiết một số điều của Luật Đất đai.",
                issue_date="2024-07-30",
                effective_date="2024-08-01",
                attachments=[pdf_file.name],
                relations=[{"type": "guides", "document_number": "31/2024/QH15"}],
            ),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert not failed and err == ""
    assert "Đã nhập 2, cập nhật 0, không đổi 0, lỗi 0" in out
    decree = docs(unit_a).get(document_number="102/2024/NĐ-CP")
    assert decree.live and decree.document_type.name == "Nghị định"
    assert decree.attachments.get().document.collection_id == unit_a.collection_id
    html = client.get(decree.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Hướng dẫn văn bản" in html and "31/2024/QH15" in html
    assert "<p>Điều 1. Vị trí và chức năng</p>" in html
    law = docs(unit_a).get(document_number="31/2024/QH15")
    html = client.get(law.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Được hướng dẫn bởi" in html and "102/2024/NĐ-CP" in html


@pytest.mark.parametrize(
    "line, reason",
    [
        (record(document_number=None), "thiếu số, ký hiệu"),
        (record(document_number="  "), "số, ký hiệu (document_number) không được để trống"),
        (record(issue_date="2025-02-30"), "ngày ban hành (issue_date) “2025-02-30” không phải ngày hợp lệ"),
        (record(issue_date="28/02/2025"), "không phải ngày hợp lệ"),
        (record(document_type="Sắc lệnh"), "loại văn bản “Sắc lệnh” không có trong danh mục"),
        (record(effect_status="Hết hạn"), "tình trạng hiệu lực (effect_status): giá trị “Hết hạn”"),
        (
            record(relations=[{"type": "amends", "document_number": "99/2099/NĐ-CP"}]),
            "không tìm thấy văn bản liên quan số “99/2099/NĐ-CP”",
        ),
        (record(attachments=["khong-co-tep-nay.pdf"]), "không đọc được tệp đính kèm “khong-co-tep-nay.pdf”"),
        (
            record(attachments=["anh.exe"]),
            "tệp đính kèm (attachments) “anh.exe”: chỉ đính kèm tệp PDF, DOC hoặc DOCX",
        ),
        ('{"document_number": "1/2025/QĐ-UBND", ', "không phải JSON hợp lệ"),
        ("[1, 2]", "mỗi dòng phải là một đối tượng JSON"),
        (record(body_html="<p>a</p>", body_text="a"), "chỉ được ghi một trong hai trường"),
        (record(colour="đỏ"), "trường không được hỗ trợ: colour"),
        # The models' own rules, with the model's wording, the line's field and value.
        (
            record(effective_date="2025-01-01"),
            "ngày có hiệu lực (effective_date) “2025-01-01”: ngày có hiệu lực không thể trước ngày ban hành",
        ),
        (
            record(expiry_date="2025-02-01"),
            "ngày hết hiệu lực (expiry_date) “2025-02-01”: ngày hết hiệu lực không thể trước ngày có hiệu lực",
        ),
        (record(source_url="vbpl.vn/van-ban"), "nguồn (source_url) “vbpl.vn/van-ban”: nhập một URL hợp lệ"),
        (record(summary="   "), "trích yếu (summary): trường này không được để trắng"),
    ],
)
def test_every_invalid_line_is_reported_with_its_number_and_nothing_written(unit_a, jsonl, line, reason):
    good = record("01/2025/QĐ-UBND", document_type="Quyết định", issuing_body="Ủy ban nhân dân tỉnh")
    bodies_before = IssuingBody.objects.count()
    path = jsonl([good, line])
    out, err, failed = run_import(path, unit_a)
    assert failed
    assert "Dòng 2: " in err and reason in err, err
    assert "Dòng 1" not in err
    assert "Đã nhập 1, cập nhật 0, không đổi 0, lỗi 1" in out
    assert list(docs(unit_a).values_list("document_number", flat=True)) == ["01/2025/QĐ-UBND"]
    assert IssuingBody.objects.count() == bodies_before


def test_unknown_issuing_body_and_field_are_created(unit_a, jsonl):
    path = jsonl([record(issuing_body="Ủy ban nhân dân xã An Phú", fields=["Hòa giải ở cơ sở"])])
    run_import(path, unit_a)
    body = IssuingBody.objects.get(name="Ủy ban nhân dân xã An Phú")
    assert body.slug == "uy-ban-nhan-dan-xa-an-phu"
    page = docs(unit_a).get()
    assert page.issuing_body == body
    assert list(page.fields.values_list("name", flat=True)) == ["Hòa giải ở cơ sở"]
    assert LegalField.objects.filter(name="Hòa giải ở cơ sở").count() == 1


def test_importing_twice_changes_nothing(unit_a, jsonl, pdf_file):
    lines = [
        record("31/2024/QH15", document_type="luat", issuing_body="QH"),
        record(
            attachments=[str(pdf_file)], relations=[{"type": "based_on", "document_number": "31/2024/QH15"}]
        ),
    ]
    path = jsonl(lines)
    run_import(path, unit_a)
    revisions = Revision.objects.count()
    documents = Document.objects.count()
    out, err, failed = run_import(path, unit_a)
    assert not failed
    assert "Đã nhập 0, cập nhật 0, không đổi 2, lỗi 0" in out
    assert Revision.objects.count() == revisions
    assert Document.objects.count() == documents
    assert docs(unit_a).count() == 2


def test_a_changed_line_updates_the_same_page_with_a_new_revision(unit_a, jsonl):
    run_import(jsonl([record()]), unit_a)
    page = docs(unit_a).get()
    out, _err, _failed = run_import(
        jsonl([record(document_number="43/2025/nđ-cp", effect_status="expired", expiry_date="2026-01-01")]),
        unit_a,
    )
    assert "Đã nhập 0, cập nhật 1, không đổi 0, lỗi 0" in out
    page.refresh_from_db()
    assert page.effect_status == "expired" and str(page.expiry_date) == "2026-01-01"
    assert page.revisions.count() == 2
    assert docs(unit_a).count() == 1


def test_same_number_from_another_issuing_body_is_another_document(unit_a, jsonl):
    run_import(
        jsonl([record("01/2025/NQ"), record("01/2025/NQ", issuing_body="Hội đồng nhân dân tỉnh")]), unit_a
    )
    assert docs(unit_a).count() == 2


def test_a_bad_file_damages_nothing_already_stored(unit_a, jsonl):
    run_import(jsonl([record(), record("02/2025/NĐ-CP")]), unit_a)
    before = {p.pk: (p.title, p.summary, p.latest_revision_id) for p in docs(unit_a)}
    bad = jsonl(
        [
            record(summary="", issue_date="2025-13-01"),
            record("02/2025/NĐ-CP", document_type="Không rõ"),
            "không phải JSON",
            record(relations=[{"type": "repeals", "document_number": "404/2025/NĐ-CP"}]),
        ]
    )
    out, err, failed = run_import(bad, unit_a)
    assert failed and "lỗi 4" in out
    assert [line.split(":")[0] for line in err.strip().splitlines()] == [
        "Dòng 1",
        "Dòng 2",
        "Dòng 3",
        "Dòng 4",
    ]
    assert {p.pk: (p.title, p.summary, p.latest_revision_id) for p in docs(unit_a)} == before


def test_draft_import_is_not_published(client, unit_a, jsonl):
    out, _err, _failed = run_import(jsonl([record()]), unit_a, "--draft")
    assert "Đã nhập 1" in out
    page = docs(unit_a).get()
    assert not page.live and page.has_unpublished_changes
    response = client.get("/van-ban-phap-luat-moi/", HTTP_HOST=unit_a.site.hostname)
    assert "43/2025/NĐ-CP" not in response.content.decode()
    assert (
        client.get(f"/van-ban-phap-luat-moi/{page.slug}/", HTTP_HOST=unit_a.site.hostname).status_code == 404
    )
    out, _err, _failed = run_import(jsonl([record()]), unit_a, "--draft")
    assert "không đổi 1" in out
    out, _err, _failed = run_import(jsonl([record()]), unit_a)
    assert "cập nhật 1" in out
    page.refresh_from_db()
    assert page.live


def test_relation_to_a_document_later_in_the_file(unit_a, jsonl):
    path = jsonl(
        [
            record(
                "02/2025/TT-BTP",
                document_type="Thông tư",
                issuing_body="Bộ Tư pháp",
                relations=[{"type": "guides", "document_number": "43/2025/NĐ-CP"}],
            ),
            record(),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert not failed, err
    circular = docs(unit_a).get(document_number="02/2025/TT-BTP")
    assert circular.relations.get().target.document_number == "43/2025/NĐ-CP"


def test_html_body_is_cleaned(client, unit_a, jsonl):
    run_import(
        jsonl([record(body_text=None, body_html='<p onclick="x()">Điều 1.<script>alert(1)</script></p>')]),
        unit_a,
    )
    page = docs(unit_a).get()
    assert page.body == "<p>Điều 1.</p>"


def test_export_then_import_into_another_unit_gives_equal_records(unit_a, unit_b, jsonl, pdf_file, tmp_path):
    run_import(
        jsonl(
            [
                record(
                    "31/2024/QH15",
                    document_type="Luật",
                    issuing_body="Quốc hội",
                    fields=["Đất đai", "Dân sự"],
                ),
                record(
                    attachments=[str(pdf_file)],
                    expiry_date="2030-01-01",
                    effect_status="partly_expired",
                    relations=[{"type": "based_on", "document_number": "31/2024/QH15"}],
                ),
            ]
        ),
        unit_a,
    )
    exported = tmp_path / "xuat.jsonl"
    call_command("export_legal_docs", "--unit", unit_a.code, "--output", str(exported), stdout=io.StringIO())
    out, err, failed = run_import(exported, unit_b)
    assert not failed and "Đã nhập 0, cập nhật 0, không đổi 2" in out, err  # one document per number
    for page in docs(unit_a).order_by("-pk"):
        page.delete()
    out, err, failed = run_import(exported, unit_b)
    assert not failed, err
    assert "Đã nhập 2" in out
    again = io.StringIO()
    call_command("export_legal_docs", "--unit", unit_b.code, stdout=again)

    def comparable(text):
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
        for item in records:
            item["attachments"] = [open(path, "rb").read() for path in item["attachments"]]
        return records

    first = comparable(exported.read_text(encoding="utf-8"))
    assert first == comparable(again.getvalue())
    assert first[1]["fields"] == ["Bộ máy hành chính"] and first[0]["fields"] == ["Đất đai", "Dân sự"]
    assert docs(unit_b).count() == 2 and docs(unit_a).count() == 0


def test_unknown_unit_is_refused(jsonl):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("import_legal_docs", str(jsonl([record()])), "--unit", "khong-co")


def test_the_same_document_twice_in_a_file_keeps_the_first_line(unit_a, jsonl):
    # Issue 12 part 4 changed this rule: the second line was an update, it is now
    # refused with both line numbers (tests/legal_docs/test_import_rules.py).
    out, err, failed = run_import(jsonl([record(), record(summary="Trích yếu đã sửa.")]), unit_a)
    assert failed and "Đã nhập 1, cập nhật 0, không đổi 0, lỗi 1" in out
    assert "Dòng 2: số, ký hiệu “43/2025/NĐ-CP” đã có ở dòng 1 của tệp" in err
    page = docs(unit_a).get()
    assert page.summary == record()["summary"]
    assert page.revisions.count() == 1
    assert page.live_revision_id == page.latest_revision_id


def test_imported_pages_have_revisions_log_entries_and_references_like_the_admin(unit_a, jsonl, pdf_file):
    from wagtail.models import PageLogEntry, ReferenceIndex

    run_import(
        jsonl(
            [
                record("31/2024/QH15"),
                record(
                    attachments=[str(pdf_file)],
                    relations=[{"type": "guides", "document_number": "31/2024/QH15"}],
                ),
            ]
        ),
        unit_a,
    )
    page = docs(unit_a).get(document_number="43/2025/NĐ-CP")
    assert page.live_revision_id == page.latest_revision_id
    restored = page.latest_revision.as_object()
    assert restored.summary == page.summary and [r.target_id for r in restored.relations.all()] == [
        docs(unit_a).get(document_number="31/2024/QH15").pk
    ]
    assert set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)) == {
        "wagtail.create",
        "wagtail.publish",
    }
    references = set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list("to_object_id", "model_path")
    )
    assert (str(page.attachments.get().document_id), "attachments.item.document") in references
    ReferenceIndex.create_or_update_for_object(page)
    assert (
        set(ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list("to_object_id", "model_path"))
        == references
    )
    index_page = page.get_parent()
    assert index_page.numchild == 2


def test_a_relation_to_the_document_itself_is_refused_by_the_models_rule(unit_a, jsonl):
    run_import(jsonl([record()]), unit_a)
    page = docs(unit_a).get()
    line = record(relations=[{"type": "amends", "document_number": "43/2025/NĐ-CP"}])
    out, err, failed = run_import(jsonl([line]), unit_a)
    assert failed and "lỗi 1" in out
    assert "Dòng 1: văn bản liên quan (relations) (mục 1): văn bản không thể liên quan đến chính nó" in err
    page.refresh_from_db()
    assert page.revisions.count() == 1 and not page.relations.exists()

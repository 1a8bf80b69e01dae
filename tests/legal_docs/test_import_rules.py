"""Import rules of issue 12 (part 4): relation types of vbpl.vn in both directions,
documents that refer to each other, a number twice in a file, oversized fields."""

import json

import pytest
from django.test import override_settings
from wagtail.models import Page, ReferenceIndex

from legal_docs.importing import SCHEMA_PATH, import_records
from legal_docs.importing.plan import BODY_MAX_BYTES
from legal_docs.models import (
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
)
from legal_docs.models.pages import INVERSE_RELATION_LABELS, OUTGOING_RELATION_LABELS
from tests.legal_docs.conftest import record
from tests.legal_docs.test_import import docs, run_import

pytestmark = pytest.mark.django_db

LAW = {"document_type": "Luật", "issuing_body": "Quốc hội", "issue_date": "2024-01-18"}


def law(number="31/2024/QH15", **overrides):
    return record(number, **{**LAW, **overrides})


# 1. Relation types ------------------------------------------------------------------


def test_relation_types_cover_the_vbpl_diagram_with_both_headings():
    labels = {str(label).lower() for label in RelationType.labels}
    assert labels >= {
        "căn cứ",
        "hướng dẫn",
        "quy định chi tiết",
        "sửa đổi, bổ sung",
        "thay thế",
        "bãi bỏ",
        "đình chỉ",
        "hết hiệu lực một phần",
        "đính chính",
        "hợp nhất",
        "dẫn chiếu",
    }
    # the codes stored before stay
    assert {"amends", "replaces", "guides", "repeals", "based_on", "corrects"} <= set(RelationType.values)
    assert set(OUTGOING_RELATION_LABELS) == set(INVERSE_RELATION_LABELS) == set(RelationType.values)
    assert str(OUTGOING_RELATION_LABELS[RelationType.DETAILS]) == "Quy định chi tiết văn bản"
    assert str(INVERSE_RELATION_LABELS[RelationType.DETAILS]) == "Được quy định chi tiết bởi"
    assert str(INVERSE_RELATION_LABELS[RelationType.PARTLY_EXPIRES]) == "Bị hết hiệu lực một phần bởi"
    field = LegalDocumentRelation._meta.get_field("relation_type")
    assert max(len(value) for value in RelationType.values) <= field.max_length


@pytest.mark.parametrize(
    "typed, code",
    [
        ("amends", "amends"),
        ("sửa đổi, bổ sung", "amends"),
        ("Sua doi bo sung", "amends"),
        ("SỬA ĐỔI BỔ SUNG", "amends"),
        ("Quy định chi tiết", "details"),
        ("quy dinh chi tiet van ban", "details"),
        ("details", "details"),
        ("Đình chỉ", "suspends"),
        ("hết hiệu lực một phần", "partly_expires"),
        ("Hợp nhất", "consolidates"),
        ("dan chieu", "references"),
        ("Căn cứ", "based_on"),
        ("BASED_ON", "based_on"),
    ],
)
def test_relation_type_by_code_or_vietnamese_label(unit_a, jsonl, typed, code):
    out, err, failed = run_import(
        jsonl([law(), record(relations=[{"type": typed, "document_number": "31/2024/QH15"}])]), unit_a
    )
    assert not failed, err
    assert docs(unit_a).get(document_number="43/2025/NĐ-CP").relations.get().relation_type == code


def test_unknown_relation_type_is_refused_with_the_accepted_values(unit_a, jsonl):
    out, err, failed = run_import(
        jsonl([law(), record(relations=[{"type": "Thu hồi", "document_number": "31/2024/QH15"}])]), unit_a
    )
    assert failed and "lỗi 1" in out
    assert "Dòng 2: loại quan hệ (type) (mục 1): “Thu hồi” không có trong danh mục (" in err
    assert "quy định chi tiết (details)" in err and "dẫn chiếu (references)" in err
    assert not docs(unit_a).filter(document_number="43/2025/NĐ-CP").exists()


def test_schema_accepts_any_relation_type_string():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    kind = schema["properties"]["relations"]["items"]["properties"]["type"]
    assert kind["type"] == "string" and "enum" not in kind


@pytest.mark.parametrize("kind", RelationType.values)
def test_document_pages_show_every_relation_type_on_both_sides(client, unit_a, jsonl, kind):
    run_import(jsonl([law(), record(relations=[{"type": kind, "document_number": "31/2024/QH15"}])]), unit_a)
    source = docs(unit_a).get(document_number="43/2025/NĐ-CP")
    target = docs(unit_a).get(document_number="31/2024/QH15")
    host = unit_a.site.hostname
    html = client.get(source.url, HTTP_HOST=host).content.decode()
    assert f"<h3>{OUTGOING_RELATION_LABELS[kind]}</h3>" in html and "31/2024/QH15" in html
    html = client.get(target.url, HTTP_HOST=host).content.decode()
    assert f"<h3>{INVERSE_RELATION_LABELS[kind]}</h3>" in html and "43/2025/NĐ-CP" in html


# 2. Documents that refer to each other ----------------------------------------------


def test_two_documents_referring_to_each_other_import(client, unit_a, jsonl):
    path = jsonl(
        [
            law(relations=[{"type": "Dẫn chiếu văn bản", "document_number": "43/2025/NĐ-CP"}]),
            record(relations=[{"type": "details", "document_number": "31/2024/QH15"}]),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert not failed, err
    assert "Đã nhập 2, cập nhật 0, không đổi 0, lỗi 0" in out
    decree = docs(unit_a).get(document_number="43/2025/NĐ-CP")
    law_page = docs(unit_a).get(document_number="31/2024/QH15")
    assert [(r.relation_type, r.target_id) for r in law_page.relations.all()] == [("references", decree.pk)]
    assert [(r.relation_type, r.target_id) for r in decree.relations.all()] == [("details", law_page.pk)]
    # the first revision holds the relation written after it, and so does the reference index
    restored = law_page.latest_revision.as_object()
    assert [r.target_id for r in restored.relations.all()] == [decree.pk]
    assert law_page.live_revision_id == law_page.latest_revision_id
    assert ReferenceIndex.objects.filter(
        object_id=str(law_page.pk), to_object_id=str(decree.pk), model_path="relations.item.target"
    ).exists()
    assert Page.objects.get(pk=law_page.get_parent().pk).numchild == 2
    html = client.get(law_page.url, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Dẫn chiếu văn bản" in html and "Được quy định chi tiết bởi" in html
    # importing the same file again changes nothing
    out, err, failed = run_import(path, unit_a)
    assert not failed and "Đã nhập 0, cập nhật 0, không đổi 2, lỗi 0" in out, err


def test_a_cycle_of_three_with_relations_kept_in_order(unit_a, jsonl):
    path = jsonl(
        [
            record(
                "01/2025/TT",
                relations=[
                    {"type": "căn cứ", "document_number": "02/2025/TT"},
                    {"type": "dẫn chiếu", "document_number": "31/2024/QH15"},
                    {"type": "hợp nhất", "document_number": "03/2025/TT"},
                ],
            ),
            record("02/2025/TT", relations=[{"type": "amends", "document_number": "03/2025/TT"}]),
            record("03/2025/TT", relations=[{"type": "replaces", "document_number": "01/2025/TT"}]),
            law(),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert not failed, err
    assert "Đã nhập 4" in out
    by_number = {p.document_number: p.pk for p in docs(unit_a)}
    first = docs(unit_a).get(document_number="01/2025/TT")
    assert [(r.relation_type, r.target_id) for r in first.relations.all()] == [
        ("based_on", by_number["02/2025/TT"]),
        ("references", by_number["31/2024/QH15"]),
        ("consolidates", by_number["03/2025/TT"]),
    ]
    assert [(r.relation_type, r.target_id) for r in first.latest_revision.as_object().relations.all()] == [
        ("based_on", by_number["02/2025/TT"]),
        ("references", by_number["31/2024/QH15"]),
        ("consolidates", by_number["03/2025/TT"]),
    ]


def test_a_stored_document_and_a_new_one_referring_to_each_other(unit_a, jsonl):
    run_import(jsonl([law()]), unit_a)
    path = jsonl(
        [
            law(relations=[{"type": "hướng dẫn", "document_number": "43/2025/NĐ-CP"}]),
            record(relations=[{"type": "căn cứ", "document_number": "31/2024/QH15"}]),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert not failed and "Đã nhập 1, cập nhật 1, không đổi 0, lỗi 0" in out, err
    law_page = docs(unit_a).get(document_number="31/2024/QH15")
    assert law_page.relations.get().target.document_number == "43/2025/NĐ-CP"


def test_a_cycle_with_an_invalid_member_writes_none_of_its_dependents(unit_a, jsonl):
    path = jsonl(
        [
            law(relations=[{"type": "details", "document_number": "43/2025/NĐ-CP"}]),
            record(
                document_type="Sắc lệnh", relations=[{"type": "details", "document_number": "31/2024/QH15"}]
            ),
            record("02/2025/TT", relations=[{"type": "based_on", "document_number": "31/2024/QH15"}]),
            record("03/2025/TT"),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert failed and "Đã nhập 1, cập nhật 0, không đổi 0, lỗi 3" in out
    assert "Dòng 2: loại văn bản “Sắc lệnh” không có trong danh mục" in err
    assert "Dòng 1: không tìm thấy văn bản liên quan số “43/2025/NĐ-CP”" in err
    assert "Dòng 3: không tìm thấy văn bản liên quan số “31/2024/QH15”" in err
    # no page left without part of its relations
    assert list(docs(unit_a).values_list("document_number", flat=True)) == ["03/2025/TT"]
    assert LegalDocumentRelation.objects.count() == 0


def test_a_new_document_referring_to_itself_is_refused(unit_a, jsonl):
    out, err, failed = run_import(
        jsonl([record(relations=[{"type": "amends", "document_number": "43/2025/NĐ-CP"}])]), unit_a
    )
    assert failed and "Dòng 1: văn bản không thể liên quan đến chính nó" in err
    assert not docs(unit_a).exists()


def test_a_failure_while_writing_a_cycle_rolls_back_the_whole_cycle(unit_a, monkeypatch):
    from legal_docs.importing import run

    real = run.write_plan

    def failing(plan, context, batch):
        if plan.number == "43/2025/NĐ-CP":
            raise RuntimeError("ổ đĩa đầy")
        return real(plan, context, batch)

    monkeypatch.setattr(run, "write_plan", failing)
    results = list(
        import_records(
            [
                (1, law(relations=[{"type": "details", "document_number": "43/2025/NĐ-CP"}])),
                (2, record(relations=[{"type": "details", "document_number": "31/2024/QH15"}])),
                (3, record("02/2025/TT")),
            ],
            unit_a,
        )
    )
    by_line = {r.line: r for r in results}
    assert by_line[3].status == "created"
    assert by_line[2].status == "invalid" and "ổ đĩa đầy" in by_line[2].errors[0]
    assert by_line[1].status == "invalid" and "không tìm thấy văn bản liên quan" in by_line[1].errors[0]
    assert list(docs(unit_a).values_list("document_number", flat=True)) == ["02/2025/TT"]
    assert docs(unit_a).get().get_parent().numchild == 1


# 3. The same number twice in a file ---------------------------------------------------


def test_the_same_number_twice_is_refused_on_its_second_line_with_both_numbers(unit_a, jsonl):
    path = jsonl(
        [
            record("01/2025/QĐ-UBND", document_type="Quyết định", issuing_body="Ủy ban nhân dân tỉnh"),
            record(),
            law(),
            record("02/2025/QĐ-UBND", document_type="Quyết định", issuing_body="Ủy ban nhân dân tỉnh"),
            record(document_number="43/2025/nđ-cp", summary="Bản khác."),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert failed and "Đã nhập 4, cập nhật 0, không đổi 0, lỗi 1" in out
    assert err.strip() == "Dòng 5: số, ký hiệu “43/2025/nđ-cp” đã có ở dòng 2 của tệp"
    assert docs(unit_a).get(document_number="43/2025/NĐ-CP").summary == record()["summary"]


def test_the_same_number_by_the_body_abbreviation_is_the_same_document(unit_a, jsonl):
    path = jsonl(
        [
            record("01/2025/NQ-HĐND", issuing_body="Hội đồng nhân dân tỉnh"),
            record("01/2025/NQ-HĐND", issuing_body="hđnd"),
        ]
    )
    out, err, failed = run_import(path, unit_a)
    assert failed and "Dòng 2: số, ký hiệu “01/2025/NQ-HĐND” đã có ở dòng 1 của tệp" in err


def test_a_duplicate_line_does_not_count_as_a_later_target(unit_a, jsonl):
    out, err, failed = run_import(
        jsonl(
            [
                law(),
                record(relations=[{"type": "amends", "document_number": "31/2024/QH15"}]),
                law(summary="Bản trùng."),
            ]
        ),
        unit_a,
    )
    assert "Đã nhập 2, cập nhật 0, không đổi 0, lỗi 1" in out
    assert "Dòng 3: số, ký hiệu “31/2024/QH15” đã có ở dòng 1 của tệp" in err


# 4. Oversized fields --------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"title": "T" * 256}, "tiêu đề (title) dài quá 255 ký tự"),
        ({"document_number": "1" * 101}, "số, ký hiệu (document_number) dài quá 100 ký tự"),
        ({"signer": "Nguyễn " * 40}, "người ký (signer) dài quá 255 ký tự"),
        ({"signer_title": "C" * 256}, "chức danh người ký (signer_title) dài quá 255 ký tự"),
        ({"summary": "Trích yếu. " * 500}, "trích yếu (summary) dài quá 5000 ký tự"),
        ({"source_url": "https://vbpl.vn/" + "a" * 490}, "nguồn (source_url) dài quá 500 ký tự"),
        ({"issuing_body": "B" * 256}, "cơ quan ban hành (issuing_body) dài quá 255 ký tự"),
        ({"fields": ["L" * 256]}, "lĩnh vực (fields) (mục 1) dài quá 255 ký tự"),
        (
            {"relations": [{"type": "amends", "document_number": "9" * 101}]},
            "số, ký hiệu (document_number) (mục 1) dài quá 100 ký tự",
        ),
        (
            {"body_text": "Điều 1. " * (BODY_MAX_BYTES // 9 + 1)},
            "toàn văn (body_text) dài quá 2 MB (2097152 byte UTF-8)",
        ),
        (
            {"body_text": None, "body_html": "<p>" + "đ" * (BODY_MAX_BYTES // 2 + 1) + "</p>"},
            "toàn văn (body_html) dài quá 2 MB",
        ),
    ],
)
def test_oversized_fields_are_refused_naming_the_field_and_the_cap(unit_a, jsonl, overrides, reason):
    out, err, failed = run_import(jsonl([record(**overrides)]), unit_a)
    assert failed and "lỗi 1" in out
    assert err.startswith("Dòng 1: ") and reason in err, err
    assert not docs(unit_a).exists()


def test_schema_caps_are_the_model_field_lengths():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["properties"]
    for name in ("document_number", "title", "signer", "signer_title", "source_url"):
        assert schema[name]["maxLength"] == LegalDocumentPage._meta.get_field(name).max_length, name


def test_oversized_or_long_named_attachments_are_refused(unit_a, jsonl, tmp_path):
    long_name = tmp_path / ("van-ban-" + "a" * 80 + ".pdf")
    long_name.write_bytes(b"%PDF-1.4\n")
    big = tmp_path / "lon.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 1024 * 1024)
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024 * 1024):
        out, err, failed = run_import(
            jsonl([record(attachments=[long_name.name]), record("02/2025/NĐ-CP", attachments=["lon.pdf"])]),
            unit_a,
        )
    assert failed and "lỗi 2" in out
    assert f"Dòng 1: tên tệp đính kèm “{long_name.name}” dài quá 80 ký tự" in err
    assert "Dòng 2: tệp đính kèm “lon.pdf” lớn quá 1 MB" in err
    assert not docs(unit_a).exists()


def test_documents_referring_to_each_other_survive_export_and_import(unit_a, unit_b, jsonl, tmp_path):
    import io

    from django.core.management import call_command

    run_import(
        jsonl(
            [
                law(relations=[{"type": "hợp nhất", "document_number": "43/2025/NĐ-CP"}]),
                record(relations=[{"type": "đình chỉ", "document_number": "31/2024/QH15"}]),
            ]
        ),
        unit_a,
    )
    exported = tmp_path / "xuat.jsonl"
    call_command("export_legal_docs", "--unit", unit_a.code, "--output", str(exported), stdout=io.StringIO())
    for page in LegalDocumentPage.objects.filter(unit=unit_a):
        page.delete()
    out, err, failed = run_import(exported, unit_b)
    assert not failed and "Đã nhập 2" in out, err
    pairs = {
        (r.page.document_number, r.relation_type, r.target.document_number)
        for r in LegalDocumentRelation.objects.filter(page__unit=unit_b)
    }
    assert pairs == {
        ("31/2024/QH15", "consolidates", "43/2025/NĐ-CP"),
        ("43/2025/NĐ-CP", "suspends", "31/2024/QH15"),
    }

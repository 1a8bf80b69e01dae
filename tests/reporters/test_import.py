"""Importing a unit's register from Excel: good rows, every kind of bad row, re-imports."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from reporters.importer import COLUMNS, ImportFileError, import_people
from reporters.models import Person
from tests.factories import SuperUserFactory, person, xlsx_file

pytestmark = pytest.mark.django_db

KEYS = [column.key for column in COLUMNS]


def row(**values):
    base = {
        "full_name": "Nguyễn Văn An",
        "kind": "Báo cáo viên",
        "decision_number": "125/QĐ-UBND",
        "decision_date": "15/03/2025",
        "decision_issuer": "Chủ tịch UBND xã An Phú",
        "fields": "Đất đai; Hôn nhân – Gia đình",
        "phone": "0909 123 456",
        "email": "an.nguyen@example.vn",
        "contact_public": "Có",
    }
    base.update(values)
    return [base.get(key) for key in KEYS]


GOOD_ROWS = [
    row(),
    row(
        full_name="Trần Thị Bích",
        kind="Tuyên truyền viên",
        decision_number="126/QĐ-UBND",
        decision_date=datetime.datetime(2025, 4, 2),  # a real Excel date
        fields="giao-duc",
        contact_public="",
    ),
    row(
        full_name="Lê Minh Châu",
        decision_number="90/QĐ-UBND",
        status="Đã thu hồi công nhận",
        status_date="30/06/2026",
        status_reason="Chuyển công tác",
        level="Huyện",
    ),
]


def test_good_file_is_imported(unit_a):
    result = import_people(xlsx_file(GOOD_ROWS), unit_a)
    assert result.errors == []
    assert len(result.created) == 3
    an = Person.objects.get(unit=unit_a, full_name="Nguyễn Văn An")
    assert an.kind == "reporter"
    assert an.level == "commune"  # from the unit's kind when the column is empty
    assert an.decision_date == datetime.date(2025, 3, 15)
    assert an.contact_public
    assert {f.name for f in an.fields.all()} == {"Đất đai", "Hôn nhân – Gia đình"}
    bich = Person.objects.get(full_name="Trần Thị Bích")
    assert bich.kind == "propagandist"
    assert bich.decision_date == datetime.date(2025, 4, 2)
    assert [f.slug for f in bich.fields.all()] == ["giao-duc"]
    assert not bich.contact_public
    chau = Person.objects.get(full_name="Lê Minh Châu")
    assert (chau.status, chau.status_date, chau.level) == (
        "withdrawn",
        datetime.date(2026, 6, 30),
        "district",
    )
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(an.pk)).exists()


BAD_ROWS = [
    (row(full_name=""), "Thiếu họ và tên."),
    (row(kind=""), "Thiếu loại"),
    (row(kind="Hòa giải viên"), "Loại “Hòa giải viên” không hợp lệ"),
    (row(decision_number=""), "Thiếu số quyết định công nhận."),
    (row(decision_date=""), "Thiếu Ngày quyết định."),
    (row(decision_date="31/02/2025"), "Ngày quyết định “31/02/2025” không phải ngày hợp lệ (dd/mm/yyyy)."),
    (row(decision_date="tháng 3/2025"), "không phải ngày hợp lệ"),
    (row(decision_date="15/03/2099"), "ở tương lai"),
    (row(status="Nghỉ hưu"), "Tình trạng “Nghỉ hưu” không hợp lệ"),
    # The model's own rule (Person.validate_status), under its column.
    (row(status="Đã thu hồi công nhận"), "Ngày thay đổi tình trạng: Ghi ngày thu hồi công nhận."),
    (row(full_name="A" * 256), "Họ và tên dài quá 255 ký tự."),
    (row(phone="0" * 51), "Điện thoại dài quá 50 ký tự."),
    (row(status_date="2026-13-01"), "Ngày thay đổi tình trạng “2026-13-01” không phải ngày hợp lệ"),
    (row(fields="Đất đai; Thiên văn học"), "Lĩnh vực “Thiên văn học” không có trong danh mục."),
    (row(email="an.nguyen@"), "Thư điện tử “an.nguyen@” không hợp lệ."),
    (row(level="Trung ương"), "Cấp công nhận “Trung ương” không hợp lệ"),
    (row(contact_public="Có lẽ"), "chỉ ghi Có hoặc Không"),
]


def test_each_bad_row_is_reported_with_its_number_and_reason(unit_a):
    good = row(full_name="Phạm Thị Dung", decision_number="200/QĐ-UBND")
    rows = [good, []] + [bad_row for bad_row, _reason in BAD_ROWS] + [row(full_name="Đỗ Văn Giang")]
    result = import_people(xlsx_file(rows), unit_a)
    errors = dict(result.errors)
    # Row 1 is the header, row 2 the good row, row 3 is empty (skipped), bad rows follow.
    assert sorted(errors) == list(range(4, 4 + len(BAD_ROWS)))
    for number, (_bad_row, reason) in enumerate(BAD_ROWS, start=4):
        assert len(errors[number]) == 1, (number, errors[number])
        assert reason in errors[number][0], (number, errors[number])
    assert sorted(p.full_name for _n, p in result.created) == ["Phạm Thị Dung", "Đỗ Văn Giang"]
    assert Person.objects.filter(unit=unit_a).count() == 2


def test_a_row_with_several_problems_gets_every_reason(unit_a):
    result = import_people(xlsx_file([row(full_name="", kind="?", email="x")]), unit_a)
    ((number, reasons),) = result.errors
    assert number == 2
    assert len(reasons) == 3


def test_same_file_twice_changes_nothing(unit_a):
    import_people(xlsx_file(GOOD_ROWS), unit_a)
    before = list(
        Person.objects.filter(unit=unit_a).values_list("pk", "full_name", "updated_at").order_by("pk")
    )
    result = import_people(xlsx_file(GOOD_ROWS), unit_a)
    assert result.created == []
    assert len(result.existing) == 3
    after = list(
        Person.objects.filter(unit=unit_a).values_list("pk", "full_name", "updated_at").order_by("pk")
    )
    assert before == after


def test_existing_person_matched_by_decision_and_normalised_name(unit_a, unit_b):
    person(unit_a, full_name="Nguyễn Văn An", decision_number="125/QĐ-UBND")
    rows = [
        row(full_name="  nguyễn   văn AN ", decision_number="125/qđ-ubnd"),
        row(full_name="Nguyễn Văn An", decision_number="126/QĐ-UBND"),  # another decision: another person
        row(full_name="Nguyễn Văn An", decision_number="125/QĐ-UBND"),  # a duplicate row in the file
    ]
    result = import_people(xlsx_file(rows), unit_a)
    assert len(result.existing) == 2
    assert len(result.created) == 1
    assert Person.objects.filter(unit=unit_a).count() == 2
    # The same person recognised by another unit is another record.
    assert len(import_people(xlsx_file([rows[0]]), unit_b).created) == 1


def test_unreadable_file_and_missing_columns_are_refused(unit_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ImportFileError, match="Không đọc được tệp Excel"):
        import_people(SimpleUploadedFile("a.xlsx", b"not a workbook"), unit_a)
    with pytest.raises(ImportFileError, match="Tệp thiếu cột bắt buộc: Số quyết định công nhận"):
        import_people(xlsx_file([["Nguyễn Văn An", "Báo cáo viên"]], header=["Họ và tên", "Loại"]), unit_a)
    assert not Person.objects.exists()


def test_columns_may_come_in_any_order_and_marked_required(unit_a):
    header = ["Loại (*)", "Ngày quyết định (*)", "Họ và tên (*)", "Số quyết định công nhận (*)"]
    result = import_people(
        xlsx_file([["TTV", "01/02/2025", "Đỗ Thị Hoa", "5/QĐ-UBND"]], header=header), unit_a
    )
    assert result.errors == []
    assert Person.objects.get().kind == "propagandist"


def test_management_command(unit_a, tmp_path, capsys):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(xlsx_file(GOOD_ROWS).read())
    call_command("import_reporters", str(path), "--unit", unit_a.code)
    assert "Đã thêm 3 người" in capsys.readouterr().out
    call_command("import_reporters", str(path), "--unit", unit_a.code)
    assert "bỏ qua 3 người đã có" in capsys.readouterr().out
    assert Person.objects.filter(unit=unit_a).count() == 3

    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(xlsx_file([row(full_name="Hồ Văn Em", decision_number="7/QĐ"), row(kind="")]).read())
    with pytest.raises(CommandError, match="1 dòng lỗi"):
        call_command("import_reporters", str(bad), "--unit", unit_a.code)
    assert "Dòng 3: Thiếu loại" in capsys.readouterr().err
    assert Person.objects.filter(full_name="Hồ Văn Em").exists()
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị"):
        call_command("import_reporters", str(path), "--unit", "khong-co")


def test_admin_template_download_lists_the_columns(client, editor_a):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailsnippets_reporters_person:import_template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header[0] == "Họ và tên (*)"
    assert len(header) == len(COLUMNS)
    guide = [row[0] for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert "Đất đai" in guide
    # A template filled in as is imports without complaint.
    filled = xlsx_file([row()], header=header)
    assert import_people(filled, editor_a.staff_profile.unit).errors == []


def test_admin_upload_imports_into_the_staff_units_register(client, unit_a, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailsnippets_reporters_person:import")
    page = client.get(url)
    assert page.status_code == 200
    assert "Tải tệp mẫu" in page.content.decode()
    response = client.post(url, {"unit": unit_a.pk, "file": xlsx_file(GOOD_ROWS + [row(email="sai")])})
    html = response.content.decode()
    assert "Đã thêm 3 người, bỏ qua 0 người đã có, 1 dòng lỗi." in html
    assert "Thư điện tử “sai” không hợp lệ." in html
    assert Person.objects.filter(unit=unit_a).count() == 3


def test_staff_cannot_import_into_another_unit(client, unit_a, unit_b, editor_a):
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtailsnippets_reporters_person:import"), {"unit": unit_b.pk, "file": xlsx_file(GOOD_ROWS)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Person.objects.exists()


def test_system_administrator_picks_the_unit(client, unit_a, unit_b):
    client.force_login(SuperUserFactory())
    response = client.post(
        reverse("wagtailsnippets_reporters_person:import"), {"unit": unit_b.pk, "file": xlsx_file(GOOD_ROWS)}
    )
    assert "Đã thêm 3 người" in response.content.decode()
    assert Person.objects.filter(unit=unit_b).count() == 3


def test_non_xlsx_upload_is_refused_with_a_message(client, unit_a, editor_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor_a)
    url = reverse("wagtailsnippets_reporters_person:import")
    response = client.post(url, {"unit": unit_a.pk, "file": SimpleUploadedFile("danh-sach.csv", b"a,b")})
    assert "Chỉ nhận tệp Excel định dạng .xlsx." in response.content.decode()
    response = client.post(url, {"unit": unit_a.pk, "file": SimpleUploadedFile("hong.xlsx", b"rubbish")})
    assert "Không đọc được tệp Excel" in response.content.decode()

"""Importing a round's question bank from Excel: the command and the admin screen;
bad rows are reported by row number and nothing is imported from a bad file."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from contests.models import ContestQuestion
from core.models import LegalField
from tests.contests.helpers import HEADER, contest_page, good_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_round(unit_a):
    return contest_page(unit_a, bank=0).rounds.get()


def test_command_imports_every_row_with_its_field(empty_round, tmp_path):
    field = LegalField.objects.create(name="Đất đai thử nghiệm", slug="dat-dai-thu-nghiem")
    path = tmp_path / "q.xlsx"
    path.write_bytes(xlsx([good_row(1, "a", field="đất đai THỬ NGHIỆM"), good_row(2, "D")]).read())
    call_command("import_contest_questions", str(path), "--round", str(empty_round.pk))
    questions = list(ContestQuestion.objects.filter(round=empty_round).order_by("pk"))
    assert [(q.text, q.correct, q.field_id) for q in questions] == [
        ("Câu hỏi nhập số 1?", "A", field.pk),
        ("Câu hỏi nhập số 2?", "D", None),
    ]
    assert questions[0].unit_id == empty_round.page.unit_id
    assert questions[0].explanation == "Căn cứ 1"


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(empty_round, tmp_path):
    rows = [
        good_row(1),
        ["", "A", "B", "C", "D", "A", "", ""],
        good_row(3, correct="E"),
        good_row(4, field="Lĩnh vực không có"),
        good_row(1),
        ['=HYPERLINK("http://x")', "A", "B", "C", "D", "A", "", ""],
    ]
    path = tmp_path / "q.xlsx"
    path.write_bytes(xlsx(rows).read())
    with pytest.raises(CommandError) as error:
        call_command("import_contest_questions", str(path), "--round", str(empty_round.pk))
    text = str(error.value)
    assert "Không nhập gì" in text
    assert "Dòng 3: thiếu “Câu hỏi”." in text
    assert "Dòng 4: “Đáp án đúng” phải là A, B, C hoặc D (đang là “E”)." in text
    assert "Dòng 5: lĩnh vực “Lĩnh vực không có” không có trong danh mục." in text
    assert "Dòng 6: câu hỏi trùng với dòng 2." in text
    assert "Dòng 7: ô “Câu hỏi” chứa công thức" in text
    assert "Dòng 2" not in text
    assert not ContestQuestion.objects.filter(round=empty_round).exists()


def test_command_refuses_unknown_round_missing_columns_and_non_excel(empty_round, tmp_path):
    with pytest.raises(CommandError, match="Không có đợt thi với mã 999999"):
        call_command("import_contest_questions", "x.xlsx", "--round", "999999")
    path = tmp_path / "q.xlsx"
    path.write_bytes(xlsx([good_row(1)[:5]], header=HEADER[:5]).read())
    with pytest.raises(CommandError, match="Thiếu cột bắt buộc: Đáp án đúng"):
        call_command("import_contest_questions", str(path), "--round", str(empty_round.pk))
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="Không đọc được tệp Excel"):
        call_command("import_contest_questions", str(path), "--round", str(empty_round.pk))


def test_admin_import_into_own_round_only(client, empty_round, editor_a, editor_b):
    url = reverse("contests_admin:import", args=[empty_round.pk])
    client.force_login(editor_b)
    assert client.post(url, {"file": xlsx([good_row(1)])}).status_code == 404
    client.force_login(editor_a)
    response = client.post(url, {"file": xlsx([good_row(1), good_row(2, correct="X")])})
    assert response.status_code == 400
    assert "Dòng 3: “Đáp án đúng” phải là A, B, C hoặc D (đang là “X”)." in response.content.decode()
    assert not ContestQuestion.objects.exists()
    response = client.post(url, {"file": xlsx([good_row(1), good_row(2)])})
    assert response.status_code == 302
    assert ContestQuestion.objects.filter(round=empty_round).count() == 2

"""import_questions: the Ministry's shared Q&A, all or nothing, bad lines by number."""

import json

import pytest
from django.core.management import CommandError, call_command

from questions.models import AnswerSource, QuestionAnswerPage
from tests.factories import section

from .helpers import QA_PATH

pytestmark = pytest.mark.django_db


def entry(number, **changes):
    data = {
        "id": f"BTP-{number}",
        "title": f"Hỏi đáp dùng chung số {number}",
        "question": f"Câu hỏi số {number} về quyền thừa kế theo pháp luật?",
        "answer": "Theo Bộ luật Dân sự năm 2015, người thừa kế theo pháp luật ...\n\nĐoạn hai.",
        "field": "dan-su",
        "answered_on": "2025-06-01",
        "source_url": f"https://hoidap.example.vn/{number}",
    }
    data.update(changes)
    return data


def write(tmp_path, lines):
    path = tmp_path / "hoi-dap.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines),
        encoding="utf-8",
    )
    return str(path)


def test_good_file_is_published_under_the_portal_and_marked_with_its_source(
    tmp_path, province, unit_a, client
):
    path = write(
        tmp_path, [entry(1), entry(2, answer="<p>Có <strong>hai</strong> hàng thừa kế</p><script>x</script>")]
    )
    call_command("import_questions", path, stdout=open("/dev/null", "w"))
    pages = QuestionAnswerPage.objects.filter(source=AnswerSource.MINISTRY).order_by("source_ref")
    assert [p.source_ref for p in pages] == ["BTP-1", "BTP-2"]
    assert all(p.live and p.get_parent().pk == section(province, "qa").pk for p in pages)
    assert pages[0].answer.startswith("<p>Theo Bộ luật Dân sự") and "<script>" not in pages[1].answer
    assert pages[0].field.slug == "dan-su" and pages[0].date.isoformat() == "2025-06-01"
    # A unit lists them when asked to include the shared Q&A.
    own = client.get(QA_PATH, HTTP_HOST=unit_a.site.hostname).content.decode()
    shared = client.get(QA_PATH, {"nguon": "bo-tu-phap"}, HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Hỏi đáp dùng chung số 1" not in own and "Hỏi đáp dùng chung số 1" in shared
    # Importing again skips what is there.
    call_command("import_questions", path, stdout=open("/dev/null", "w"))
    assert QuestionAnswerPage.objects.filter(source=AnswerSource.MINISTRY).count() == 2


def test_bad_lines_are_reported_by_number_and_nothing_is_written(tmp_path, province):
    path = write(
        tmp_path,
        [
            entry(1),
            "{không phải json",
            entry(3, field="khong-co-linh-vuc"),
            {k: v for k, v in entry(4).items() if k != "answer"},
            entry(5, answered_on="01/06/2025"),
            entry(1, title="trùng mã"),
            entry(7, extra="x"),
        ],
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_questions", path)
    message = str(refused.value)
    assert "dòng 2: không phải JSON hợp lệ" in message
    assert "dòng 3: lĩnh vực “khong-co-linh-vuc” không có trong danh sách" in message
    assert "dòng 4: thiếu trường bắt buộc: answer" in message
    assert "dòng 5: trường “answered_on” sai định dạng" in message
    assert "dòng 6: mã “BTP-1” trùng với dòng 1" in message
    assert "dòng 7: có trường không được phép" in message
    assert "dòng 1:" not in message
    assert not QuestionAnswerPage.objects.exists()


def test_missing_file_and_unknown_unit_are_clear_errors(tmp_path, province):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_questions", str(tmp_path / "khong-co.jsonl"))
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command("import_questions", write(tmp_path, [entry(1)]), unit="khong-co")

"""Building contests, question banks and attempts for the tests."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contests.models import ContestPage, ContestQuestion, ContestRound
from tests.factories import section

HEADER = [
    "Câu hỏi",
    "Phương án A",
    "Phương án B",
    "Phương án C",
    "Phương án D",
    "Đáp án đúng",
    "Lĩnh vực",
    "Giải thích",
]
REGISTRATION = {
    "full_name": "Nguyễn Thị Thi",
    "birth_date": "15/08/1990",
    "phone": "0912345678",
    "id_number": "001190012345",
    "address": "Thôn Đông, xã An Phú",
}


def contest_page(
    unit, title="Cuộc thi tìm hiểu Luật Đất đai", bank=8, opens=None, closes=None, **round_fields
):
    """A published contest in ``unit``'s contests section with one round and ``bank`` questions
    (question n's correct answer is the option "Đúng n"; its explanation "Giải thích n")."""
    now = timezone.now()
    values = {
        "title": "Tuần 1",
        "opens_at": opens or now - datetime.timedelta(hours=1),
        "closes_at": closes or now + datetime.timedelta(days=7),
        "questions_per_attempt": 5,
        "time_limit_minutes": 15,
        "attempts_per_person": 2,
        "winners_count": 3,
        **round_fields,
    }
    page = ContestPage(title=title, rounds=[ContestRound(**values)])
    section(unit, "contests").add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    contest_round = ContestRound.objects.get(page=page)
    add_questions(contest_round, unit, bank)
    return page


def add_questions(contest_round, unit, count, start=1):
    letters = "ABCD"
    ContestQuestion.objects.bulk_create(
        ContestQuestion(
            unit=unit,
            round=contest_round,
            text=f"Câu hỏi số {n} về pháp luật?",
            correct=letters[n % 4],
            explanation=f"Giải thích {n}",
            **{
                f"option_{letter.lower()}": (f"Đúng {n}" if letters[n % 4] == letter else f"Sai {n}{letter}")
                for letter in letters
            },
        )
        for n in range(start, start + count)
    )


def right_answers(payload):
    """The letters of the right options as shown in a start response (read from the option texts)."""
    return {
        str(question["id"]): next(o["key"] for o in question["options"] if o["text"].startswith("Đúng"))
        for question in payload["questions"]
    }


def xlsx(rows, header=HEADER, name="cau-hoi.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def good_row(n, correct="B", field=""):
    return [f"Câu hỏi nhập số {n}?", f"A{n}", f"B{n}", f"C{n}", f"D{n}", correct, field, f"Căn cứ {n}"]

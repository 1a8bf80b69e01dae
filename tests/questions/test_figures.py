"""Figures per unit and month for the statistics reports."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from questions.figures import monthly_figures, totals
from questions.models import Question, QuestionStatus

from .helpers import ask

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=9):
    return datetime.datetime(2026, day[0], day[1], hour, tzinfo=TZ)


def dated(unit, created, answered=None, deadline=None, status=None, email="a@example.vn"):
    question = ask(unit, email=email, text=f"Câu hỏi tạo ngày {created} về thủ tục hành chính ở xã.")
    values = {"created_at": at(created), "deadline": deadline or datetime.date(2026, created[0], 28)}
    if answered:
        values.update(status=QuestionStatus.ANSWERED, answered_at=at(answered))
    elif status:
        values["status"] = status
    Question.objects.filter(pk=question.pk).update(**values)


def test_received_answered_overdue_and_average_time_per_unit_and_month(unit_a, unit_b):
    dated(unit_a, (3, 2), answered=(3, 6))  # 4 days, on time
    dated(unit_a, (3, 10), answered=(4, 9), deadline=datetime.date(2026, 3, 31))  # late
    dated(unit_a, (4, 1), deadline=datetime.date(2026, 4, 20))  # open, overdue on 1 May
    dated(unit_b, (3, 5), status=QuestionStatus.DECLINED)
    rows = monthly_figures([unit_a.pk, unit_b.pk], today=datetime.date(2026, 5, 1))
    by_key = {(r["unit"], r["month"]): r for r in rows}
    march_a = by_key[(unit_a.name, datetime.date(2026, 3, 1))]
    assert (march_a["received"], march_a["answered"], march_a["overdue"]) == (2, 1, 1)
    assert march_a["average_days"] == 4.0
    april_a = by_key[(unit_a.name, datetime.date(2026, 4, 1))]
    assert (april_a["received"], april_a["answered"], april_a["overdue"]) == (1, 1, 1)
    assert april_a["average_days"] == 30.0
    march_b = by_key[(unit_b.name, datetime.date(2026, 3, 1))]
    assert (march_b["received"], march_b["answered"], march_b["overdue"]) == (1, 0, 0)
    assert totals([unit_a.pk], today=datetime.date(2026, 5, 1)) == {
        "received": 3,
        "answered": 2,
        "overdue": 2,
        "average_days": 17.0,
    }

"""Admin of the contests: a unit's staff see only their own rounds, results and question
bank; the results export neutralises spreadsheet formulas; a round with attempts
cannot be removed from its contest."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from contests import services
from contests.models import ContestQuestion, ContestRound
from tests.contests.helpers import REGISTRATION, contest_page

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_units_rounds_and_questions(client, contest_round, unit_b, editor_a, editor_b):
    other = contest_page(unit_b, title="Cuộc thi của xã Bình Hòa").rounds.get()
    client.force_login(editor_a)
    listing = client.get(reverse("contests_admin:rounds")).content.decode()
    assert "Cuộc thi tìm hiểu Luật Đất đai" in listing and "Cuộc thi của xã Bình Hòa" not in listing
    assert client.get(reverse("contests_admin:results", args=[other.pk])).status_code == 404
    assert client.get(reverse("contests_admin:results", args=[other.pk]) + "?export=csv").status_code == 404
    ContestQuestion.objects.filter(round=contest_round).update(text="Câu hỏi riêng của xã An Phú?")
    snippets = client.get("/admin/snippets/contests/contestquestion/").content.decode()
    assert "Câu hỏi riêng của xã An Phú?" in snippets
    client.force_login(editor_b)
    snippets = client.get("/admin/snippets/contests/contestquestion/").content.decode()
    assert "Câu hỏi riêng của xã An Phú?" not in snippets and "Câu hỏi số 1 về pháp luật?" in snippets
    add_form = client.get("/admin/snippets/contests/contestquestion/add/").content.decode()
    assert "Cuộc thi tìm hiểu Luật Đất đai" not in add_form


def test_results_show_ranking_participation_and_export_neutralised(client, contest_round, unit_a, editor_a):
    attempt = services.start(
        contest_round,
        {
            **REGISTRATION,
            "birth_date": datetime.date(1990, 1, 1),
            "full_name": '=HYPERLINK("http://x","Bấm")',
            "home_unit": unit_a,
        },
    )
    services.submit(attempt, {}, 4)
    client.force_login(editor_a)
    page = client.get(reverse("contests_admin:results", args=[contest_round.pk])).content.decode()
    assert "Bảng xếp hạng" in page and unit_a.name in page
    response = client.get(reverse("contests_admin:results", args=[contest_round.pk]) + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Hạng", "Họ và tên", "Ngày sinh"]
    assert rows[1][1] == '\'=HYPERLINK("http://x","Bấm")'
    assert rows[1][5] == unit_a.name
    response = client.get(reverse("contests_admin:results", args=[contest_round.pk]) + "?export=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value.startswith("'=")


def test_round_with_attempts_cannot_be_removed(client, contest, contest_round, moderator_a):
    attempt = services.start(contest_round, {**REGISTRATION, "birth_date": datetime.date(1990, 1, 1)})
    assert attempt.pk
    client.force_login(moderator_a)
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": contest.title,
            "slug": contest.slug,
            "intro": rich_text(""),
            "rules": rich_text(""),
            "id_number_rule": "optional",
            "residence_rule": "either",
            "prediction_question": contest.prediction_question,
            "rounds": inline_formset(
                [
                    {
                        "id": contest_round.pk,
                        "title": contest_round.title,
                        "opens_at": contest_round.opens_at.strftime("%Y-%m-%d %H:%M"),
                        "closes_at": contest_round.closes_at.strftime("%Y-%m-%d %H:%M"),
                        "questions_per_attempt": 5,
                        "time_limit_minutes": 15,
                        "attempts_per_person": 2,
                        "winners_count": 3,
                        "DELETE": "1",
                    }
                ],
                initial=1,
            ),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[contest.pk]), data)
    assert response.status_code == 200
    assert "Không thể xóa đợt thi “Tuần 1” vì đã có người dự thi." in response.content.decode()
    assert ContestRound.objects.filter(pk=contest_round.pk).exists()

"""The admin: live statistics for the survey's unit only, exports with formulas
neutralised, the printable report; a province-wide survey's units see their own."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from surveys import services

from .helpers import AGE, NAME, REMARKS, answers, make_survey, post

pytestmark = pytest.mark.django_db


def filled(unit, **fields):
    survey = make_survey(unit, **fields)
    questions = survey.question_list()
    services.submit(
        survey,
        unit,
        questions,
        {AGE: "Dưới 30 tuổi", REMARKS: '=HYPERLINK("http://x")', NAME: "Thôn Đông"},
        contact={"name": "@Lê Văn Phiếu"},
    )
    services.submit(survey, unit, questions, {AGE: "Trên 50 tuổi", NAME: "Thôn Tây"})
    return survey


def test_staff_see_live_statistics_of_their_units_survey(client, unit_a, editor_a):
    survey = filled(unit_a)
    client.force_login(editor_a)
    listing = client.get(reverse("surveys_admin:index")).content.decode()
    assert survey.title in listing
    response = client.get(reverse("surveys_admin:results", args=[survey.pk]) + "?theo=" + AGE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tổng số phiếu trả lời: 2" in body and "Phân tích theo:" in body
    assert "Thôn Tây" in body  # latest text answers, for staff
    explorer = client.get(reverse("wagtailadmin_explore", args=[survey.get_parent().pk])).content.decode()
    assert reverse("surveys_admin:results", args=[survey.pk]) in explorer


def test_another_units_staff_cannot_read_the_results_or_exports(client, unit_a, editor_b):
    survey = filled(unit_a)
    client.force_login(editor_b)
    for name in ("results", "report", "export_csv", "export_xlsx"):
        response = client.get(reverse(f"surveys_admin:{name}", args=[survey.pk]))
        # Wagtail turns the refusal into a redirect to the dashboard with a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert survey.title not in client.get(reverse("surveys_admin:index")).content.decode()


def test_csv_export_has_every_response_with_formulas_neutralised(client, unit_a, editor_a):
    survey = filled(unit_a)
    client.force_login(editor_a)
    response = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert (
        rows[0][:3] == ["Mã phiếu", "Thời gian gửi", "Đơn vị"] and rows[0][6] == "1. Bạn thuộc nhóm tuổi nào?"
    )
    assert len(rows) == 3
    first = rows[1]
    assert first[2] == unit_a.name and first[3] == "'@Lê Văn Phiếu"
    assert first[6] == "Dưới 30 tuổi" and first[10] == '\'=HYPERLINK("http://x")'


def test_excel_export(client, unit_a, editor_a):
    survey = filled(unit_a)
    client.force_login(editor_a)
    response = client.get(reverse("surveys_admin:export_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert len(values) == 3 and values[2][6] == "Trên 50 tuổi"
    assert values[1][10] == '\'=HYPERLINK("http://x")'


def test_printable_report(client, unit_a, editor_a):
    survey = filled(unit_a)
    client.force_login(editor_a)
    body = client.get(reverse("surveys_admin:report", args=[survey.pk])).content.decode()
    assert "Báo cáo kết quả khảo sát" in body and "<svg" in body and "Tổng số phiếu trả lời: 2" in body


def test_units_see_only_their_own_responses_to_a_province_wide_survey(
    client, province, unit_a, unit_b, editor_a
):
    survey = make_survey(province, province_wide=True)
    shared_url = f"/khao-sat-y-kien/toan-tinh/{survey.pk}/"
    post(client, unit_a, shared_url, answers(name="Thôn của xã A"))
    post(client, unit_b, shared_url, answers(name="Thôn của xã B"))
    post(client, unit_b, shared_url, answers(name="Thôn của xã B"), ip="198.51.100.21")
    client.force_login(editor_a)
    body = client.get(reverse("surveys_admin:results", args=[survey.pk])).content.decode()
    assert "Tổng số phiếu trả lời: 1" in body and "chỉ" in body.lower()
    assert "Thôn của xã A" in body and "Thôn của xã B" not in body
    text = b"".join(client.get(reverse("surveys_admin:export_csv", args=[survey.pk])).streaming_content)
    assert "Thôn của xã A" in text.decode() and "Thôn của xã B" not in text.decode()


def test_the_province_sees_every_unit_of_its_survey(client, province, unit_a, unit_b):
    from tests.factories import staff_user

    survey = make_survey(province, province_wide=True)
    shared_url = f"/khao-sat-y-kien/toan-tinh/{survey.pk}/"
    post(client, unit_a, shared_url, answers())
    post(client, unit_b, shared_url, answers())
    client.force_login(staff_user(province, "editor", "sotuphap.khaosat"))
    body = client.get(reverse("surveys_admin:results", args=[survey.pk]) + "?theo=don-vi").content.decode()
    assert "Tổng số phiếu trả lời: 2" in body and unit_a.name in body and unit_b.name in body

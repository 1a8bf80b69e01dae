"""The public survey form: storing every kind of answer, refusals next to their
question with the citizen's answers kept, closing dates, protection."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from surveys.models import Answer, SurveyIndexPage, SurveyResponse
from tests.factories import section

from .helpers import AGE, CHANNELS, COUNT, NAME, REMARKS, SCALE, answers, get, make_survey, post, survey_url

pytestmark = pytest.mark.django_db


def test_every_unit_has_a_survey_section(province, unit_a):
    for unit in (province, unit_a):
        page = section(unit, "surveys")
        assert isinstance(page, SurveyIndexPage) and page.slug == "khao-sat-y-kien"


def test_a_survey_lists_in_its_section_and_shows_every_question(client, unit_a):
    survey = make_survey(unit_a)
    listing = get(client, unit_a, "/khao-sat-y-kien/").content.decode()
    assert "Khảo sát thử nghiệm" in listing and "Khảo sát đang nhận ý kiến" in listing
    page = get(client, unit_a, survey_url(survey)).content.decode()
    for label in ("Bạn thuộc nhóm tuổi nào?", "qua những kênh nào", "Rất kém", "bao nhiêu buổi", "Góp ý"):
        assert label in page
    assert 'type="radio"' in page and 'type="checkbox"' in page and "<textarea" in page


def test_a_complete_response_is_stored_with_one_row_per_answer(client, unit_a):
    survey = make_survey(unit_a)
    response = post(client, unit_a, survey_url(survey), answers())
    assert response.status_code == 302 and response["Location"].endswith("/da-gui/")
    stored = SurveyResponse.objects.get()
    assert stored.unit == unit_a and stored.survey == survey and stored.respondent_key == ""
    rows = {(a.question, a.choice, a.number, a.text) for a in Answer.objects.filter(response=stored)}
    assert rows == {
        (AGE, "Từ 30 đến 50 tuổi", None, ""),
        (CHANNELS, "Loa truyền thanh", None, ""),
        (CHANNELS, "Mạng xã hội", None, ""),
        (SCALE, "4", 4, ""),
        (COUNT, "", 3, ""),
        (REMARKS, "", None, "Nên tổ chức thêm hội nghị ở thôn."),
        (NAME, "", None, "Thôn Đông"),
    }
    thanks = client.get(response["Location"], HTTP_HOST=unit_a.site.hostname).content.decode()
    assert "Phiếu khảo sát của bạn đã được ghi nhận" in thanks


def test_optional_questions_may_be_left_empty(client, unit_a):
    survey = make_survey(unit_a)
    post(client, unit_a, survey_url(survey), answers(count="", remarks=""))
    assert set(Answer.objects.values_list("question", flat=True)) == {AGE, CHANNELS, SCALE, NAME}


@pytest.mark.parametrize(
    ("changes", "question", "message"),
    [
        ({"age": None}, AGE, "Vui lòng trả lời câu hỏi này."),
        ({"channels": None}, CHANNELS, "Vui lòng trả lời câu hỏi này."),
        ({"age": "Trên 90 tuổi"}, AGE, "Phương án đã chọn không có trong danh sách."),
        ({"channels": ["Báo in"]}, CHANNELS, "Phương án đã chọn không có trong danh sách."),
        ({"scale": "7"}, SCALE, "Phương án đã chọn không có trong danh sách."),
        ({"count": "nhiều"}, COUNT, "Vui lòng nhập một số"),
        ({"count": "150"}, COUNT, "Số không được lớn hơn 100."),
        ({"count": "-2"}, COUNT, "Số phải từ 0 trở lên."),
        ({"name": "   "}, NAME, "Vui lòng trả lời câu hỏi này."),
        ({"name": "x" * 300}, NAME, "Câu trả lời dài quá 255 ký tự."),
    ],
)
def test_each_refusal_is_shown_next_to_its_question_and_the_other_answers_are_kept(
    client, unit_a, changes, question, message
):
    survey = make_survey(unit_a)
    response = post(client, unit_a, survey_url(survey), answers(remarks="Ý kiến KEEP-ME của tôi", **changes))
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists() and not Answer.objects.exists()
    form = response.context["form"]
    assert any(message in error for error in form.errors[f"q_{question}"])
    assert set(form.errors) == {f"q_{question}"}
    body = response.content.decode()
    assert body.count('class="survey-question has-error"') == 1
    flagged = body.split('class="survey-question has-error"', 1)[1].split("</li>", 1)[0]
    assert message in flagged
    assert "Ý kiến KEEP-ME của tôi" in body and "Phiếu chưa được gửi" in body


def test_numbers_are_read_the_vietnamese_way(client, unit_a):
    survey = make_survey(unit_a)
    post(client, unit_a, survey_url(survey), answers(count="2,5"))
    assert Answer.objects.get(question=COUNT).number == pytest.approx(2.5)


def test_a_response_after_closing_is_refused_with_the_closing_date(client, unit_a):
    closed = timezone.localdate() - datetime.timedelta(days=1)
    survey = make_survey(unit_a, opens_on=closed - datetime.timedelta(days=30), closes_on=closed)
    response = post(client, unit_a, survey_url(survey), answers())
    assert response.status_code == 400
    assert (
        f"Khảo sát đã kết thúc ngày {closed:%d/%m/%Y}; không nhận thêm ý kiến." in response.content.decode()
    )
    assert not SurveyResponse.objects.exists()
    page = get(client, unit_a, survey_url(survey)).content.decode()
    assert "Khảo sát đã kết thúc ngày" in page and "Gửi phiếu khảo sát" not in page


def test_a_survey_not_yet_open_is_refused_with_its_opening_date(client, unit_a):
    opens = timezone.localdate() + datetime.timedelta(days=3)
    survey = make_survey(unit_a, opens_on=opens, closes_on=opens + datetime.timedelta(days=10))
    response = post(client, unit_a, survey_url(survey), answers())
    assert response.status_code == 400
    assert f"Khảo sát bắt đầu nhận ý kiến từ ngày {opens:%d/%m/%Y}." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_the_honeypot_refuses_bots(client, unit_a):
    survey = make_survey(unit_a)
    response = post(client, unit_a, survey_url(survey), answers(website_url="http://spam.example"))
    assert response.status_code == 400 and not SurveyResponse.objects.exists()
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_too_many_submissions_from_one_address_are_refused_in_vietnamese(client, unit_a, settings):
    survey = make_survey(unit_a)
    for _n in range(30):
        assert post(client, unit_a, survey_url(survey), answers(), ip="203.0.113.50").status_code == 302
    response = post(client, unit_a, survey_url(survey), answers(), ip="203.0.113.50")
    assert response.status_code == 400 and "Bạn đã gửi quá nhiều lần" in response.content.decode()
    assert SurveyResponse.objects.count() == 30
    assert post(client, unit_a, survey_url(survey), answers(), ip="203.0.113.51").status_code == 302


def test_the_form_needs_its_csrf_token(unit_a):
    survey = make_survey(unit_a)
    client = Client(enforce_csrf_checks=True)
    assert post(client, unit_a, survey_url(survey), answers()).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_contact_details_are_asked_when_the_survey_requires_them(client, unit_a):
    survey = make_survey(unit_a, contact_mode="required")
    response = post(client, unit_a, survey_url(survey), answers(contact_name="", contact_email="sai"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["contact_name"] == ["Vui lòng nhập họ và tên."]
    assert errors["contact_email"] == ["E-mail không hợp lệ."]
    post(
        client, unit_a, survey_url(survey), answers(contact_name="Lê Thị Hoa", contact_email="hoa@example.vn")
    )
    stored = SurveyResponse.objects.get()
    assert (stored.name, stored.email) == ("Lê Thị Hoa", "hoa@example.vn")


def test_an_anonymous_survey_asks_no_contact_details(client, unit_a):
    survey = make_survey(unit_a)
    body = get(client, unit_a, survey_url(survey)).content.decode()
    assert "contact_name" not in body and "contact_email" not in body

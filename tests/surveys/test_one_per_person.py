"""One response per person, chosen per survey: a verified e-mail (a one-time
code sent by mail) or a browser token; enforced by the database as well."""

import re

import pytest
from django.core import mail
from django.test import Client

from surveys import services
from surveys.models import SurveyResponse

from .helpers import answers, get, make_survey, post, survey_url

pytestmark = pytest.mark.django_db


def code_from_mail():
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def verify(client, unit, survey, email="dan@example.vn"):
    url = survey_url(survey)
    response = post(client, unit, url, {"buoc": "gui-ma", "email": email})
    assert response.status_code == 302
    return post(client, unit, url, {"buoc": "xac-minh", "code": code_from_mail()})


def test_an_email_survey_asks_for_a_verified_address_before_the_form(client, unit_a):
    survey = make_survey(unit_a, one_per_person="email")
    page = get(client, unit_a, survey_url(survey)).content.decode()
    assert "Xác minh địa chỉ e-mail" in page and "Gửi phiếu khảo sát" not in page
    # Posting answers without verifying is refused, nothing stored.
    response = post(client, unit_a, survey_url(survey), answers())
    assert response.status_code == 400 and not SurveyResponse.objects.exists()
    assert "Vui lòng xác minh địa chỉ e-mail trước khi trả lời khảo sát." in response.content.decode()


def test_a_wrong_code_is_refused_and_the_right_one_opens_the_form(client, unit_a):
    survey = make_survey(unit_a, one_per_person="email")
    url = survey_url(survey)
    post(client, unit_a, url, {"buoc": "gui-ma", "email": "Dan@Example.vn"})
    assert mail.outbox[-1].to == ["dan@example.vn"] and survey.title in mail.outbox[-1].subject
    code = code_from_mail()
    wrong = "000000" if code != "000000" else "111111"
    response = post(client, unit_a, url, {"buoc": "xac-minh", "code": wrong})
    assert response.status_code == 400
    assert "Mã xác minh không đúng hoặc đã hết hạn" in response.content.decode()
    assert post(client, unit_a, url, {"buoc": "xac-minh", "code": "12ab"}).status_code == 400
    assert post(client, unit_a, url, {"buoc": "xac-minh", "code": code}).status_code == 302
    page = get(client, unit_a, url).content.decode()
    assert "Gửi phiếu khảo sát" in page and "dan@example.vn" in page


def test_a_verified_address_answers_once(client, unit_a):
    survey = make_survey(unit_a, one_per_person="email")
    verify(client, unit_a, survey)
    assert post(client, unit_a, survey_url(survey), answers()).status_code == 302
    stored = SurveyResponse.objects.get()
    # An anonymous survey keeps only a keyed hash of the verified address.
    assert stored.email == "" and stored.respondent_key and "dan" not in stored.respondent_key
    # The same person again, even from another browser: refused when asking for a code.
    again = post(Client(), unit_a, survey_url(survey), {"buoc": "gui-ma", "email": "DAN@example.vn"})
    assert again.status_code == 409
    assert "Địa chỉ e-mail này đã trả lời khảo sát." in again.content.decode()
    # And in the first browser the form is replaced by the notice; a replayed POST stores nothing.
    assert "Bạn đã trả lời khảo sát này" in get(client, unit_a, survey_url(survey)).content.decode()
    post(client, unit_a, survey_url(survey), answers())
    assert SurveyResponse.objects.count() == 1


def test_a_verified_address_is_the_contact_of_a_survey_with_contact_details(client, unit_a):
    survey = make_survey(unit_a, one_per_person="email", contact_mode="required")
    verify(client, unit_a, survey)
    page = get(client, unit_a, survey_url(survey)).content.decode()
    assert 'name="contact_email"' not in page and 'name="contact_name"' in page
    post(client, unit_a, survey_url(survey), answers(contact_name="Phạm Văn Dân"))
    stored = SurveyResponse.objects.get()
    assert (stored.name, stored.email) == ("Phạm Văn Dân", "dan@example.vn")


def test_another_address_may_answer_the_same_survey(client, unit_a):
    survey = make_survey(unit_a, one_per_person="email")
    verify(client, unit_a, survey, "mot@example.vn")
    post(client, unit_a, survey_url(survey), answers())
    other = Client()
    verify(other, unit_a, survey, "hai@example.vn")
    assert post(other, unit_a, survey_url(survey), answers()).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_a_code_stops_working_after_too_many_wrong_tries(client, unit_a):
    survey = make_survey(unit_a, one_per_person="email")
    url = survey_url(survey)
    post(client, unit_a, url, {"buoc": "gui-ma", "email": "dan@example.vn"})
    code = code_from_mail()
    wrong = "000000" if code != "000000" else "111111"
    for _n in range(5):
        post(client, unit_a, url, {"buoc": "xac-minh", "code": wrong})
    assert post(client, unit_a, url, {"buoc": "xac-minh", "code": code}).status_code == 400


def test_a_browser_answers_once(client, unit_a):
    survey = make_survey(unit_a, one_per_person="browser")
    get(client, unit_a, survey_url(survey))  # sets the browser token
    assert post(client, unit_a, survey_url(survey), answers()).status_code == 302
    second = post(client, unit_a, survey_url(survey), answers())
    assert second.status_code == 200 and "Bạn đã trả lời khảo sát này" in second.content.decode()
    assert SurveyResponse.objects.count() == 1
    # Another browser (another token) may answer.
    other = Client()
    get(other, unit_a, survey_url(survey))
    assert post(other, unit_a, survey_url(survey), answers()).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_a_browser_without_the_token_cookie_is_asked_to_send_again_with_answers_kept(client, unit_a):
    survey = make_survey(unit_a, one_per_person="browser")
    response = post(client, unit_a, survey_url(survey), answers(name="Thôn Tây"))
    assert response.status_code == 400 and not SurveyResponse.objects.exists()
    body = response.content.decode()
    assert "cần cho phép cookie" in body and "Thôn Tây" in body
    assert post(client, unit_a, survey_url(survey), answers()).status_code == 302


def test_the_database_holds_the_rule_for_simultaneous_submissions(unit_a):
    survey = make_survey(unit_a, one_per_person="browser")
    questions = survey.question_list()
    services.submit(survey, unit_a, questions, {}, identity="token-1")
    with pytest.raises(services.AlreadyAnswered):
        services.submit(survey, unit_a, questions, {}, identity="token-1")
    assert SurveyResponse.objects.count() == 1

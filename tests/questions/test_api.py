"""The JSON API: POST /api/v1/questions/ and GET /api/v1/questions/status/."""

import json

import pytest
from django.test import Client, override_settings

from questions import services
from questions.models import Question, QuestionStatus

from .helpers import QUESTION_TEXT, ask, field, published_answer

pytestmark = pytest.mark.django_db

SUBMIT = "/api/v1/questions/"
STATUS = "/api/v1/questions/status/"


def payload(**changes):
    data = {
        "asker_name": "Trần Thị Hỏi",
        "email": "hoi@example.vn",
        "field": "dat-dai",
        "text": QUESTION_TEXT,
        "consent_to_publish": True,
    }
    data.update(changes)
    return data


def post_json(client, data, ip="203.0.113.5", host=None):
    extra = {"REMOTE_ADDR": ip}
    if host:
        extra["HTTP_HOST"] = host
    return client.post(SUBMIT, json.dumps(data), content_type="application/json", **extra)


def test_post_stores_the_question_in_the_provinces_intake(province):
    client = Client(enforce_csrf_checks=True)  # apps have no CSRF cookie
    response = post_json(client, payload(), host=province.site.hostname)
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    question = Question.objects.get(tracking_code=code)
    assert question.unit == province and question.field == field() and question.consent_to_publish


def test_post_to_a_named_unit(client, unit_a):
    response = post_json(client, payload(unit="xa-a", consent_to_publish=False))
    assert response.status_code == 201
    question = Question.objects.get()
    assert question.unit == unit_a and not question.consent_to_publish


@pytest.mark.parametrize(
    ("changes", "field_name", "message"),
    [
        ({"asker_name": ""}, "asker_name", "Vui lòng nhập họ và tên."),
        ({"email": "", "phone": ""}, "email", "Vui lòng nhập thư điện tử hoặc số điện thoại"),
        ({"email": "sai"}, "email", "Địa chỉ thư điện tử không hợp lệ"),
        ({"phone": "abc"}, "phone", "Số điện thoại không hợp lệ"),
        ({"field": "khong-co"}, "field", "Lĩnh vực đã chọn không có trong danh sách"),
        ({"text": "ngắn"}, "text", "Câu hỏi quá ngắn"),
        ({"text": "y" * 5001}, "text", "dài quá 5.000 ký tự"),
        ({"unit": "khong-co-don-vi"}, "unit", "Không có đơn vị"),
    ],
)
def test_bad_input_gets_400_with_vietnamese_messages_by_field(client, province, changes, field_name, message):
    response = post_json(client, payload(**changes))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(message in text for text in errors[field_name]), errors
    assert not Question.objects.exists()


@pytest.mark.parametrize("body", ["{không phải json", "[1, 2]", ""])
def test_malformed_json_is_a_400_not_a_500(client, province, body):
    response = client.post(SUBMIT, body, content_type="application/json")
    assert response.status_code == 400
    assert "errors" in response.json()


def test_multipart_post_is_accepted_too(client, province):
    data = payload()
    data["consent_to_publish"] = "on"
    response = client.post(SUBMIT, data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 201


def test_get_is_not_allowed_on_submit(client):
    assert client.get(SUBMIT).status_code == 405


@override_settings(QUESTIONS_RATE_LIMIT=2, QUESTIONS_CONTACT_RATE_LIMIT=50)
def test_api_is_rate_limited(client, province):
    for number in range(2):
        data = payload(email=f"api{number}@example.vn", text=f"{QUESTION_TEXT} Lần {number}.")
        assert post_json(client, data).status_code == 201
    response = post_json(client, payload(email="api9@example.vn"))
    assert response.status_code == 429
    assert "quá nhiều lần" in response.json()["errors"]["__all__"][0]
    assert Question.objects.count() == 2


def test_status_by_code_and_contact(client, province, unit_a):
    question = ask(province, email="hoi@example.vn")
    missing = client.get(STATUS)
    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"code", "contact"}
    wrong = client.get(STATUS, {"code": question.tracking_code, "contact": "khac@example.vn"})
    assert wrong.status_code == 404
    data = client.get(STATUS, {"code": question.tracking_code, "contact": "HOI@example.vn"}).json()
    assert data["status"] == "received" and data["status_label"] == "Đã tiếp nhận" and data["unit"] is None
    services.route(question, unit_a, None)
    data = client.get(STATUS, {"code": question.tracking_code, "contact": "hoi@example.vn"}).json()
    assert data["status"] == QuestionStatus.ROUTED and data["unit"] == unit_a.name


def test_similar_answers_are_suggested_from_the_search(client, unit_a, unit_b):
    published_answer(
        unit_a, "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu"
    )
    published_answer(
        unit_b,
        "Đăng ký kết hôn",
        "Thủ tục đăng ký kết hôn",
        answer="<p>Hai bên nam, nữ nộp tờ khai tại Ủy ban nhân dân xã nơi cư trú.</p>",
    )
    response = client.get("/api/v1/questions/similar/", {"q": "giấy chứng nhận quyền sử dụng đất"})
    titles = [item["title"] for item in response.json()["results"]]
    # Any word may match (the engine folds diacritics: "nhận" also finds "nhân"),
    # the best match comes first.
    assert titles and titles[0] == "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất"
    other = client.get("/api/v1/questions/similar/", {"q": "thủ tục đăng ký kết hôn"}).json()["results"]
    assert other and other[0]["title"] == "Đăng ký kết hôn"
    assert client.get("/api/v1/questions/similar/", {"q": ""}).json()["results"] == []

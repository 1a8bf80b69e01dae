"""The public question form: storing, validation messages, protection."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from questions.models import Question, QuestionIndexPage, QuestionStatus
from tests.factories import section

from .helpers import QA_PATH, QUESTION_TEXT, form_data

pytestmark = pytest.mark.django_db


def post(client, unit, data, files=None, ip="198.51.100.7"):
    return client.post(QA_PATH, {**data, **(files or {})}, HTTP_HOST=unit.site.hostname, REMOTE_ADDR=ip)


def test_every_unit_has_a_question_page_in_its_qa_section(province, unit_a):
    for unit in (province, unit_a):
        page = section(unit, "qa")
        assert isinstance(page, QuestionIndexPage)
        assert page.slug == "hoi-dap-doi-thoai-chinh-sach"


def test_question_asked_on_the_portal_lands_in_the_provinces_intake_with_a_tracking_code(
    client, province, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, province, form_data())
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.unit == province and question.asked_at == province
    assert question.status == QuestionStatus.RECEIVED
    assert question.text == QUESTION_TEXT and question.consent_to_publish
    page = client.get(response["Location"], HTTP_HOST=province.site.hostname)
    assert question.tracking_code in page.content.decode()
    assert len(mail.outbox) == 1 and question.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["dan@example.vn"]
    assert question.deadline > question.created_at.date()


def test_question_asked_on_a_unit_site_goes_to_that_unit(client, unit_a):
    post(client, unit_a, form_data(email="", phone="0912 345 678"))
    question = Question.objects.get()
    assert question.unit == unit_a and question.phone == "0912 345 678"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"asker_name": ""}, "asker_name", "Vui lòng nhập họ và tên."),
        ({"asker_name": "   "}, "asker_name", "Vui lòng nhập họ và tên."),
        ({"email": "", "phone": ""}, "email", "Vui lòng nhập thư điện tử hoặc số điện thoại"),
        ({"email": "khong-phai-thu"}, "email", "Địa chỉ thư điện tử không hợp lệ"),
        ({"phone": "12ab"}, "phone", "Số điện thoại không hợp lệ"),
        ({"phone": "123"}, "phone", "Số điện thoại không hợp lệ"),
        ({"field": ""}, "field", "Vui lòng chọn lĩnh vực"),
        ({"field": "999999"}, "field", "Lĩnh vực đã chọn không có trong danh sách"),
        ({"text": ""}, "text", "Vui lòng nhập nội dung câu hỏi."),
        ({"text": "Đất?"}, "text", "Câu hỏi quá ngắn"),
        ({"text": "x" * 5001}, "text", "Câu hỏi dài quá 5.000 ký tự"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_the_text_is_kept(client, unit_a, changes, field, message):
    data = form_data(**changes)
    response = post(client, unit_a, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    html = response.content.decode()
    assert message in html
    if changes.get("text") is None or field != "text":
        assert QUESTION_TEXT in html  # the citizen's text is kept
    assert not Question.objects.exists()


def test_attachment_is_checked_by_its_content_and_kept_private(client, unit_a, editor_a, editor_b):
    fake = SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = post(client, unit_a, form_data(), {"attachment": fake})
    assert response.status_code == 400
    assert "chương trình chạy được" in " ".join(response.context["form"].errors["attachment"])
    other = SimpleUploadedFile("bang.xlsx", b"PK\x03\x04", content_type="application/vnd.ms-excel")
    response = post(client, unit_a, form_data(), {"attachment": other})
    assert "Chỉ nhận tệp PDF, Word" in " ".join(response.context["form"].errors["attachment"])
    big = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024 + 1))
    response = post(client, unit_a, form_data(), {"attachment": big})
    assert "tối đa 5 MB" in " ".join(response.context["form"].errors["attachment"])
    good = SimpleUploadedFile(
        "don.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf"
    )
    assert post(client, unit_a, form_data(), {"attachment": good}).status_code == 302
    question = Question.objects.get()
    assert question.attachment.name.endswith(".pdf")
    # Private: not under MEDIA_ROOT, served only to the question's unit.
    assert not str(question.attachment.path).startswith(str(settings.MEDIA_ROOT))
    download = reverse("wagtailsnippets_questions_question:attachment", args=[question.pk])
    client.force_login(editor_b)
    assert client.get(download).status_code in (403, 404)
    client.force_login(editor_a)
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_honeypot_refuses_bots(client, unit_a):
    response = post(client, unit_a, form_data(website_url="http://spam.example"))
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_csrf_is_required(unit_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(QA_PATH, form_data(), HTTP_HOST=unit_a.site.hostname)
    assert response.status_code == 403
    assert not Question.objects.exists()


@override_settings(QUESTIONS_RATE_LIMIT=2, QUESTIONS_CONTACT_RATE_LIMIT=50)
def test_one_address_is_rate_limited(client, unit_a):
    for number in range(2):
        data = form_data(email=f"nguoi{number}@example.vn", text=f"{QUESTION_TEXT} Lần thứ {number}.")
        assert post(client, unit_a, data).status_code == 302
    response = post(client, unit_a, form_data(email="khac@example.vn"))
    assert response.status_code == 400
    assert "quá nhiều lần" in response.content.decode()
    assert post(client, unit_a, form_data(email="khac@example.vn"), ip="198.51.100.8").status_code == 302


@override_settings(QUESTIONS_RATE_LIMIT=50, QUESTIONS_CONTACT_RATE_LIMIT=2)
def test_one_contact_is_rate_limited_from_any_address(client, unit_a):
    texts = [
        "Hỏi về thừa kế nhà đất khi không có di chúc thì chia thế nào?",
        "Thủ tục đăng ký kết hôn với người nước ngoài gồm những bước nào?",
        "Xử phạt vi phạm hành chính khi xây nhà không phép mức bao nhiêu?",
    ]
    for number, text in enumerate(texts[:2]):
        assert post(client, unit_a, form_data(text=text), ip=f"198.51.100.{number + 20}").status_code == 302
    response = post(client, unit_a, form_data(text=texts[2]), ip="198.51.100.30")
    assert response.status_code == 400
    assert "Thông tin liên hệ này đã gửi nhiều câu hỏi" in response.content.decode()


def test_a_near_duplicate_from_the_same_contact_is_refused(client, unit_a):
    assert post(client, unit_a, form_data()).status_code == 302
    again = form_data(text=QUESTION_TEXT.replace("những giấy tờ gì", "nhung giay to gi ?"))
    response = post(client, unit_a, again)
    assert response.status_code == 400
    assert "gần giống câu hỏi này" in " ".join(response.context["form"].errors["text"])
    assert Question.objects.count() == 1
    # Someone else asking the same thing is not a duplicate.
    assert post(client, unit_a, form_data(email="khac@example.vn")).status_code == 302

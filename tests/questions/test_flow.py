"""A question's life outside the admin: status page, e-mails through the outbox, history."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import ModelLogEntry

from questions import services
from questions.deadlines import add_working_days
from questions.models import OutboxEmail, OutboxStatus, Question, QuestionStatus

from .helpers import QA_PATH, ask, form_data, reload

pytestmark = pytest.mark.django_db

FAILING = "tests.questions.mail_backends.FailingBackend"


def status_page(client, unit, code, contact):
    return client.get(QA_PATH + "tra-cuu/", {"ma": code, "lien_he": contact}, HTTP_HOST=unit.site.hostname)


def test_status_page_needs_the_code_and_the_askers_contact(client, province, unit_a):
    question = ask(province, email="Dan@Example.vn", phone="0912.345.678")
    ok = status_page(client, province, question.tracking_code.lower(), "dan@example.vn")
    assert ok.status_code == 200 and "Đã tiếp nhận" in ok.content.decode()
    assert status_page(client, province, question.tracking_code, "0912345678").status_code == 200
    wrong = status_page(client, province, question.tracking_code, "khac@example.vn")
    assert wrong.status_code == 404
    assert "Không tìm thấy câu hỏi" in wrong.content.decode()
    assert question.text not in wrong.content.decode()

    services.route(question, unit_a, None)
    html = status_page(client, province, question.tracking_code, "dan@example.vn").content.decode()
    assert "Đã chuyển đơn vị trả lời" in html and unit_a.name in html

    services.decline(reload(question), "Câu hỏi không thuộc phạm vi pháp luật.", None)
    html = status_page(client, province, question.tracking_code, "dan@example.vn").content.decode()
    assert "Từ chối trả lời" in html and "không thuộc phạm vi pháp luật" in html


def test_empty_status_lookup_asks_for_both_fields(client, province):
    response = client.get(QA_PATH + "tra-cuu/", {"ma": "", "lien_he": ""}, HTTP_HOST=province.site.hostname)
    html = response.content.decode()
    assert "Vui lòng nhập mã tra cứu." in html and "Vui lòng nhập thư điện tử hoặc số điện thoại." in html


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_failing_mail_server_loses_nothing_and_the_outbox_retries(
    client, province, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(QA_PATH, form_data(), HTTP_HOST=province.site.hostname)
    assert response.status_code == 302  # the citizen is not told about our mail server
    question = Question.objects.get()
    stored = OutboxEmail.objects.get(question=question)
    assert stored.status == OutboxStatus.PENDING and stored.attempts == 1
    assert "Connection refused" in stored.last_error
    assert question.tracking_code in stored.body
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_question_outbox", verbosity=0)
    stored.refresh_from_db()
    assert stored.status == OutboxStatus.SENT and stored.sent_at is not None
    assert len(mail.outbox) == 1 and question.tracking_code in mail.outbox[0].body
    call_command("send_question_outbox", verbosity=0)
    assert len(mail.outbox) == 1  # sent once


def test_every_move_is_in_the_questions_history(province, unit_a, unit_b, admin_a):
    question = ask(province)
    services.route(question, unit_a, None)
    services.forward(reload(question), unit_b, admin_a, "Thuộc địa bàn xã Bình Hòa")
    services.send_back(reload(question), admin_a, "Không thuộc thẩm quyền")
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(question.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == ["questions.receive", "questions.route", "questions.forward", "questions.send_back"]
    question = reload(question)
    assert question.unit == province and question.status == QuestionStatus.RECEIVED
    entry = ModelLogEntry.objects.get(object_id=str(question.pk), action="questions.forward")
    assert "Thuộc địa bàn xã Bình Hòa" in entry.message


def test_deadline_counts_working_days():
    import datetime

    friday = datetime.date(2026, 11, 27)
    assert add_working_days(friday, 1) == datetime.date(2026, 11, 30)
    assert add_working_days(friday, 15) == datetime.date(2026, 12, 18)
    with override_settings(QUESTIONS_HOLIDAYS=["2026-11-30"]):
        assert add_working_days(friday, 1) == datetime.date(2026, 12, 1)

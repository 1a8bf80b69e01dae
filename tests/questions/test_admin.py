"""The inbox in the admin, through its real URLs: isolation, routing, answering."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from questions.models import Question, QuestionAnswerPage, QuestionStatus, RoutingRule
from tests.factories import section, staff_user

from .helpers import QUESTION_TEXT, ask, field, reload

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_questions_question:list"


def url(name, question):
    return reverse(f"wagtailsnippets_questions_question:{name}", args=[question.pk])


@pytest.fixture
def doj(province):
    """An administrator of the province (the Department of Justice)."""
    return staff_user(province, "admin", "sotuphap.quantri")


def test_a_units_inbox_shows_only_its_questions(client, unit_a, unit_b, editor_a, editor_b):
    mine = ask(unit_a, text="Câu hỏi của xã An Phú về thủ tục chứng thực hợp đồng mua bán nhà.")
    theirs = ask(
        unit_b, text="Câu hỏi của xã Bình Hòa về hòa giải tranh chấp ranh giới đất.", email="b@example.vn"
    )
    client.force_login(editor_a)
    html = client.get(reverse(LIST)).content.decode()
    assert mine.tracking_code in html and theirs.tracking_code not in html
    for name in ("inspect", "edit", "history", "forward", "send-back", "assign", "decline", "answer"):
        response = client.get(url(name, theirs))
        assert response.status_code in (302, 403, 404), name
        assert theirs.text not in response.content.decode(), name
    response = client.post(url("decline", theirs), {"reason": "thử"})
    assert response.status_code in (302, 403)
    assert reload(theirs).status == QuestionStatus.RECEIVED
    page = client.get(url("inspect", mine)).content.decode()
    assert mine.text in page and url("decline", mine) in page and url("history", mine) in page
    assert url("inspect", mine) in client.get(reverse(LIST)).content.decode()


def test_the_department_of_justice_routes_with_the_suggested_unit(client, province, unit_a, doj, editor_a):
    RoutingRule.objects.create(field=field(), unit=unit_a)
    question = ask(province)
    client.force_login(editor_a)
    assert client.get(url("route", question)).status_code in (302, 403)  # not the intake's staff
    client.force_login(doj)
    form = client.get(url("route", question))
    assert form.status_code == 200
    assert form.context["form"].fields["unit"].initial == unit_a.pk
    assert "Gợi ý theo lĩnh vực" in form.content.decode()
    response = client.post(url("route", question), {"unit": unit_a.pk})
    assert response.status_code == 302
    question = reload(question)
    assert question.unit == unit_a and question.status == QuestionStatus.ROUTED
    assert client.get(url("inspect", question)).status_code in (302, 403)  # the intake no longer holds it
    client.force_login(editor_a)
    assert question.tracking_code in client.get(reverse(LIST)).content.decode()
    history = client.get(url("history", question)).content.decode()
    assert "Sở Tư pháp chuyển câu hỏi đến" in history


def test_forward_and_send_back_move_the_question_between_units(
    client, province, unit_a, unit_b, admin_a, editor_b
):
    question = ask(unit_a)
    client.force_login(admin_a)
    assert client.get(url("route", question)).status_code in (302, 403)  # only the intake routes
    client.post(url("forward", question), {"unit": unit_b.pk, "reason": "Đúng địa bàn"})
    assert reload(question).unit == unit_b
    assert client.get(url("inspect", question)).status_code in (302, 403)
    client.force_login(editor_b)
    empty = client.post(url("send-back", question), {"reason": ""})
    assert "Vui lòng ghi lý do." in empty.content.decode()
    client.post(url("send-back", question), {"reason": "Không thuộc thẩm quyền của xã"})
    question = reload(question)
    assert question.unit == province and question.status == QuestionStatus.RECEIVED


def test_assign_and_filter_the_inbox(client, unit_a, admin_a, editor_a):
    question = ask(unit_a)
    late = ask(
        unit_a, text="Hỏi về thời hạn giải quyết hồ sơ đăng ký khai sinh cho con.", email="x@example.vn"
    )
    Question.objects.filter(pk=late.pk).update(deadline=datetime.date(2020, 1, 1))
    client.force_login(admin_a)
    client.post(url("assign", question), {"assignee": editor_a.pk})
    assert reload(question).assignee == editor_a
    assert ModelLogEntry.objects.filter(object_id=str(question.pk), action="questions.assign").exists()
    by_assignee = client.get(reverse(LIST), {"assignee": editor_a.pk}).content.decode()
    assert question.tracking_code in by_assignee and late.tracking_code not in by_assignee
    overdue = client.get(reverse(LIST), {"overdue": "true"}).content.decode()
    assert late.tracking_code in overdue and question.tracking_code not in overdue
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 câu hỏi quá hạn trả lời" in dashboard and late.tracking_code in dashboard


def test_decline_tells_the_citizen_the_reason(client, unit_a, admin_a, django_capture_on_commit_callbacks):
    question = ask(unit_a)
    client.force_login(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("decline", question), {"reason": "Nội dung không phải câu hỏi pháp luật."})
    question = reload(question)
    assert question.status == QuestionStatus.DECLINED
    assert "Nội dung không phải câu hỏi pháp luật." in mail.outbox[-1].body
    assert client.get(url("decline", question)).status_code in (302, 403)  # closed questions take no action


def test_answer_goes_through_the_units_moderation_and_publishing_answers_the_question(
    client, unit_a, editor_a, moderator_a, django_capture_on_commit_callbacks
):
    question = ask(unit_a, email="dan@example.vn", phone="0912345678")
    client.force_login(editor_a)
    response = client.post(url("answer", question))
    page = QuestionAnswerPage.objects.get(question=question)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == section(unit_a, "qa").pk and not page.live
    assert page.question_text == QUESTION_TEXT
    assert "dan@example.vn" not in page.question_text and "0912345678" not in page.title
    assert reload(question).status == QuestionStatus.ANSWERING

    page.answer = (
        "<p>Theo Điều 137 Luật Đất đai năm 2024, hồ sơ gồm đơn đăng ký và giấy tờ về quyền sử dụng đất.</p>"
    )
    revision = page.save_revision(user=editor_a)
    workflow_state = page.get_workflow().start(page, editor_a)
    assert not reload(question).status == QuestionStatus.ANSWERED
    client.force_login(moderator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[page.pk, "approve", workflow_state.current_task_state.pk],
            ),
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and revision.pk
    question = reload(question)
    assert question.status == QuestionStatus.ANSWERED and question.answer_page_id == page.pk
    assert question.answered_at is not None
    assert any(page.full_url in sent.body for sent in mail.outbox)


def test_without_consent_the_question_text_is_not_published(client, unit_a, editor_a):
    question = ask(unit_a, consent=False)
    client.force_login(editor_a)
    client.post(url("answer", question))
    page = QuestionAnswerPage.objects.get(question=question)
    assert page.question_text == "" and QUESTION_TEXT[:30] not in page.title


def test_digest_lists_each_units_overdue_questions_to_its_staff(unit_a, unit_b, admin_a, moderator_a):
    late = ask(unit_a)
    Question.objects.filter(pk=late.pk).update(deadline=datetime.date(2020, 1, 1))
    ask(unit_b, email="b@example.vn")
    from django.test import override_settings

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_question_digest", verbosity=0)
        call_command("send_question_outbox", verbosity=0)
    digests = [m for m in mail.outbox if "quá hạn" in m.subject]
    assert sorted(m.to[0] for m in digests) == sorted([admin_a.email, moderator_a.email])
    assert all(late.tracking_code in m.body for m in digests)


def test_export_neutralises_formulas(client, unit_a, admin_a):
    ask(
        unit_a,
        text='=HYPERLINK("http://evil.example") tôi muốn hỏi về thủ tục ly hôn thuận tình',
        asker_name="@SUM(A1)",
    )
    client.force_login(admin_a)
    response = client.get(reverse(LIST), {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "'=HYPERLINK" in body and "'@SUM(A1)" in body


def test_inbox_queries_do_not_grow_with_the_number_of_questions(client, unit_a, admin_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_a)

    def queries():
        client.get(reverse(LIST))  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(LIST)).status_code == 200
        return len(captured)

    for number in range(3):
        ask(unit_a, email=f"it{number}@example.vn", text=f"Câu hỏi thứ {number} về thủ tục hành chính ở xã.")
    few = queries()
    for number in range(3, 30):
        ask(unit_a, email=f"it{number}@example.vn", text=f"Câu hỏi thứ {number} về thủ tục hành chính ở xã.")
    assert queries() == few

"""Demo Q&A for `seed_demo`: two published answers per unit and, on the portal,
a question waiting in the Department of Justice's intake and an open dialogue."""

import datetime

from django.db import transaction
from django.utils import timezone

from core.models import LegalField
from multisite.models import UnitKind

from .models import DialoguePage, DialoguePart, Question, QuestionAnswerPage
from .services import qa_section, submit

ANSWERS = [
    (
        "dat-dai",
        "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Gia đình tôi sử dụng đất ổn định từ năm 1995, chưa có giấy chứng nhận. Thủ tục cấp lần đầu thế nào?",
        "<p>Hộ gia đình nộp hồ sơ tại bộ phận một cửa của Ủy ban nhân dân cấp xã, gồm đơn đăng ký và giấy tờ về quyền sử dụng đất (nếu có) theo Luật Đất đai năm 2024.</p>",
    ),
    (
        "hon-nhan-gia-dinh",
        "Đăng ký kết hôn cần những giấy tờ gì?",
        "Chúng tôi chuẩn bị kết hôn, cần mang những giấy tờ gì khi đăng ký?",
        "<p>Hai bên nộp tờ khai đăng ký kết hôn và xuất trình giấy tờ tùy thân; người cư trú nơi khác nộp thêm giấy xác nhận tình trạng hôn nhân.</p>",
    ),
]


@transaction.atomic
def seed_questions(unit, index):
    section = qa_section(unit.pk)
    if section is None or QuestionAnswerPage.objects.child_of(section).exists():
        return
    fields = {field.slug: field for field in LegalField.objects.filter(slug__in=[a[0] for a in ANSWERS])}
    for slug, title, question, answer in ANSWERS:
        page = QuestionAnswerPage(
            title=title,
            question_text=question,
            answer=answer,
            field=fields.get(slug),
            date=timezone.localdate() - datetime.timedelta(days=7 + index),
        )
        section.add_child(instance=page)
        page.save_revision().publish()
    if unit.kind != UnitKind.PROVINCE or Question.objects.filter(asked_at=unit).exists():
        return
    submit(
        {
            "asker_name": "Nguyễn Văn Dân",
            "email": "nguoi.hoi@example.vn",
            "phone": "",
            "field": fields.get("dat-dai"),
            "text": "Tôi muốn tách thửa đất để tặng cho con, cần điều kiện gì về diện tích tối thiểu?",
            "consent_to_publish": True,
        },
        unit,
    )
    today = timezone.localdate()
    dialogue = DialoguePage(
        title="Đối thoại về dự thảo quy định hỗ trợ hòa giải ở cơ sở",
        topic="<p>Lấy ý kiến nhân dân về mức hỗ trợ tổ hòa giải và hòa giải viên.</p>",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=27),
        parts=[
            DialoguePart(heading="Điều 1. Phạm vi điều chỉnh", text="<p>Quy định mức hỗ trợ …</p>"),
            DialoguePart(heading="Điều 2. Mức hỗ trợ", text="<p>Mỗi vụ việc hòa giải thành …</p>"),
        ],
    )
    section.add_child(instance=dialogue)
    dialogue.save_revision().publish()

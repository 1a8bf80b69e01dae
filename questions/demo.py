"""Demo Q&A for `seed_demo`: two published answers on every unit (taken in turn
from a small pool) and, on the portal,
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
    (
        "giao-thong-van-tai",
        "Mức phạt khi điều khiển xe máy mà trong máu có nồng độ cồn",
        "Tôi uống một cốc bia rồi đi xe máy, nếu bị kiểm tra thì bị xử phạt thế nào?",
        "<p>Người điều khiển xe mô tô, xe gắn máy mà trong máu hoặc hơi thở có nồng độ cồn bị xử phạt tiền và trừ điểm giấy phép lái xe theo Nghị định số 168/2024/NĐ-CP; mức phạt tăng theo nồng độ cồn.</p>",
    ),
    (
        "ho-tich-cu-tru",
        "Đăng ký khai sinh cho con ở đâu, trong thời hạn bao lâu?",
        "Vợ tôi vừa sinh con ở bệnh viện tỉnh, gia đình phải đăng ký khai sinh cho cháu ở đâu?",
        "<p>Trong 60 ngày kể từ ngày sinh, cha hoặc mẹ đăng ký khai sinh tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ, có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.</p>",
    ),
    (
        "lao-dong-tien-luong",
        "Người lao động có được nghỉ việc riêng mà vẫn hưởng lương không?",
        "Tôi làm công nhân, khi con kết hôn tôi được nghỉ mấy ngày có lương?",
        "<p>Theo Điều 115 Bộ luật Lao động năm 2019, người lao động được nghỉ 01 ngày và hưởng nguyên lương khi con đẻ, con nuôi kết hôn.</p>",
    ),
    (
        "bao-hiem",
        "Người dân tự đóng bảo hiểm y tế hộ gia đình như thế nào?",
        "Gia đình tôi làm nông, muốn mua bảo hiểm y tế cho cả nhà thì đóng ở đâu và mức đóng ra sao?",
        "<p>Hộ gia đình đăng ký tại Ủy ban nhân dân cấp xã hoặc đại lý thu của cơ quan bảo hiểm xã hội; từ người thứ hai trong hộ, mức đóng được giảm dần theo Luật Bảo hiểm y tế.</p>",
    ),
]


@transaction.atomic
def seed_questions(unit, index):
    section = qa_section(unit.pk)
    if section is None or QuestionAnswerPage.objects.child_of(section).exists():
        return
    answers = [ANSWERS[index % len(ANSWERS)], ANSWERS[(index + 1) % len(ANSWERS)]]
    fields = {field.slug: field for field in LegalField.objects.filter(slug__in=[a[0] for a in answers])}
    for slug, title, question, answer in answers:
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
            "field": LegalField.objects.filter(slug="dat-dai").first(),
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

"""Demo contest for ``seed_demo``: on every unit, a contest with a round open for a
month and a small question bank (the portal's open to the whole province)."""

import datetime

from django.db import transaction
from django.utils import timezone

from multisite.models import UnitKind, UnitSection
from multisite.naming import in_sentence

from .models import ContestPage, ContestQuestion, ContestRound

QUESTIONS = [
    (
        "Luật Phổ biến, giáo dục pháp luật được Quốc hội thông qua năm nào?",
        ("2010", "2012", "2015", "2018"),
        "B",
        "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13 được thông qua ngày 20/6/2012.",
    ),
    (
        "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam là ngày nào?",
        ("9 tháng 11", "2 tháng 9", "19 tháng 5", "3 tháng 2"),
        "A",
        "Điều 8 Luật Phổ biến, giáo dục pháp luật năm 2012.",
    ),
    (
        "Cơ quan nào thường trực Hội đồng phối hợp phổ biến, giáo dục pháp luật cấp tỉnh?",
        ("Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông"),
        "B",
        "Sở Tư pháp là cơ quan thường trực của Hội đồng phối hợp cấp tỉnh.",
    ),
    (
        "Người được công nhận ở cấp xã để phổ biến pháp luật gọi là gì?",
        ("Báo cáo viên pháp luật", "Hòa giải viên", "Tuyên truyền viên pháp luật", "Cộng tác viên"),
        "C",
        "Tuyên truyền viên pháp luật do Chủ tịch UBND cấp xã công nhận.",
    ),
    (
        "Luật Đất đai hiện hành được Quốc hội thông qua năm nào?",
        ("2013", "2020", "2022", "2024"),
        "D",
        "Luật Đất đai số 31/2024/QH15.",
    ),
    (
        "Độ tuổi kết hôn tối thiểu của nữ theo Luật Hôn nhân và gia đình năm 2014 là bao nhiêu?",
        ("Đủ 16 tuổi", "Đủ 18 tuổi", "Đủ 20 tuổi", "Đủ 21 tuổi"),
        "B",
        "Điểm a khoản 1 Điều 8 Luật Hôn nhân và gia đình năm 2014.",
    ),
]


@transaction.atomic
def seed_contest(unit):
    row = UnitSection.objects.filter(unit=unit, key="contests").select_related("page").first()
    if row is None or ContestPage.objects.child_of(row.page).exists():
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    if unit.kind == UnitKind.PROVINCE:
        title = "Cuộc thi tìm hiểu pháp luật trực tuyến năm 2026"
        audience = "mọi công dân đang sinh sống, làm việc trên địa bàn tỉnh"
    elif unit.kind == UnitKind.DEPARTMENT:
        title = f"Tìm hiểu pháp luật trong cán bộ, công chức {unit.name} năm 2026"
        audience = f"cán bộ, công chức, viên chức và người lao động của {unit.name}"
    else:
        title = f"Tìm hiểu pháp luật trực tuyến {in_sentence(unit.name)} năm 2026"
        audience = f"người dân đang sinh sống, làm việc trên địa bàn {in_sentence(unit.name)}"
    page = ContestPage(
        title=title,
        intro=f"<p>Cuộc thi dành cho {audience}.</p>",
        rules="<p>Mỗi lượt thi gồm 5 câu hỏi trắc nghiệm, làm trong 10 phút, và một câu hỏi dự đoán.</p>",
        rounds=[
            ContestRound(
                title="Tuần 1",
                opens_at=now - datetime.timedelta(days=1),
                closes_at=now + datetime.timedelta(days=30),
                questions_per_attempt=5,
                time_limit_minutes=10,
                attempts_per_person=2,
                winners_count=10,
            )
        ],
    )
    row.page.specific.add_child(instance=page)
    page.save_revision().publish()
    contest_round = ContestRound.objects.get(page=page)
    ContestQuestion.objects.bulk_create(
        ContestQuestion(
            unit=unit,
            round=contest_round,
            text=text,
            option_a=options[0],
            option_b=options[1],
            option_c=options[2],
            option_d=options[3],
            correct=correct,
            explanation=explanation,
        )
        for text, options, correct, explanation in QUESTIONS
    )

"""Demo survey for `seed_demo`: a province-wide survey on the portal on the
effect of legal education, with responses given on several units' sites."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from multisite.models import UnitKind, UnitSection

from . import blocks as qb
from .models import SurveyPage, SurveyResponse
from .services import submit

DEMO_SLUG = "danh-gia-hieu-qua-pbgdpl"
AGE_GROUPS = ["Dưới 30 tuổi", "Từ 30 đến 50 tuổi", "Trên 50 tuổi"]
CHANNELS = ["Loa truyền thanh", "Cổng thông tin điện tử", "Hội nghị, buổi tuyên truyền", "Mạng xã hội"]


def demo_questions():
    """The demo survey's questions as StreamField data (fixed block ids)."""
    return [
        {
            "type": qb.SINGLE,
            "id": "a0000000-0000-4000-8000-000000000001",
            "value": {
                "label": "Bạn thuộc nhóm tuổi nào?",
                "help_text": "",
                "required": True,
                "options": AGE_GROUPS,
            },
        },
        {
            "type": qb.MULTIPLE,
            "id": "a0000000-0000-4000-8000-000000000002",
            "value": {
                "label": "Bạn biết thông tin pháp luật qua những kênh nào?",
                "help_text": "Chọn tất cả các kênh phù hợp.",
                "required": True,
                "options": CHANNELS,
            },
        },
        {
            "type": qb.SCALE,
            "id": "a0000000-0000-4000-8000-000000000003",
            "value": {
                "label": "Bạn đánh giá thế nào về hiệu quả công tác phổ biến pháp luật tại địa phương?",
                "help_text": "",
                "required": True,
                "low_label": "Rất kém",
                "high_label": "Rất tốt",
            },
        },
        {
            "type": qb.NUMBER,
            "id": "a0000000-0000-4000-8000-000000000004",
            "value": {
                "label": "Trong năm qua bạn tham dự bao nhiêu buổi tuyên truyền pháp luật?",
                "help_text": "",
                "required": False,
                "min_value": 0,
                "max_value": 100,
            },
        },
        {
            "type": qb.LONG_TEXT,
            "id": "a0000000-0000-4000-8000-000000000005",
            "value": {
                "label": "Góp ý của bạn để công tác PBGDPL tốt hơn",
                "help_text": "",
                "required": False,
            },
        },
    ]


def survey_section(unit):
    row = UnitSection.objects.filter(unit=unit, key="surveys").select_related("page").first()
    return row.page.specific if row else None


def random_answers(survey, rng):
    """Plausible answers to the demo questions (for the demo and the benchmark)."""
    keys = [q.key for q in survey.question_list()]
    answers = {
        keys[0]: rng.choice(AGE_GROUPS),
        keys[1]: rng.sample(CHANNELS, rng.randint(1, 3)),
        keys[2]: rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 4])[0],
        keys[3]: rng.randint(0, 12),
    }
    if rng.random() < 0.3:
        answers[keys[4]] = rng.choice(
            ["Nên tổ chức thêm hội nghị ở thôn.", "Cần thêm tài liệu bằng hình ảnh."]
        )
    return answers


@transaction.atomic
def seed_survey(unit, index):
    if unit.kind == UnitKind.PROVINCE:
        section = survey_section(unit)
        if section is None or SurveyPage.objects.child_of(section).exists():
            return
        today = timezone.localdate()
        section.add_child(
            instance=SurveyPage(
                title="Khảo sát đánh giá hiệu quả công tác phổ biến, giáo dục pháp luật năm 2026",
                slug=DEMO_SLUG,
                intro="<p>Ý kiến của bạn giúp các cơ quan nâng cao hiệu quả công tác PBGDPL.</p>",
                questions=demo_questions(),
                opens_on=today - datetime.timedelta(days=10),
                closes_on=today + datetime.timedelta(days=20),
                province_wide=True,
                results_public=True,
            )
        )
    survey = SurveyPage.objects.filter(slug=DEMO_SLUG, province_wide=True).first()
    if survey is None or index > 5 or SurveyResponse.objects.filter(survey=survey, unit=unit).exists():
        return
    rng = random.Random(index)  # noqa: S311 - demo data
    questions = survey.question_list()
    for _n in range(8):
        submit(survey, unit, questions, random_answers(survey, rng))
